using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Analytics;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests.Analytics;

/// <summary>
/// The status of a scorecard line against brute-force oracles: integer cross-multiplication for
/// shares and the goal line, deliveries counted window by window and date by date for quotas.
/// </summary>
public class ScorecardStatusTest
{
    private static readonly Period November = Period.Month(2026, 11);

    private static Tolerance Band(int percent) => Tolerance.Of(Share.From(new Fraction(percent, 100), "tolerance"));

    /// <summary>A day before, in or after <paramref name="period"/>, by <paramref name="pick"/>.</summary>
    private static LocalDate Day(Period period, int pick) => (pick % 10) switch
    {
        0 => period.Start.PlusDays(-1 - pick / 10 % 40),
        1 or 2 => period.End.PlusDays(pick / 10 % 40),
        _ => period.Start.PlusDays(pick / 10 % period.Days),
    };

    [Property(MaxTest = 1000)]
    public void Shares_OnTrackWhenAtOrAboveTheRequiredShare_MetOrMissedOnceOver(NonNegativeInt handoffs, NonNegativeInt kept, NonNegativeInt excused, NonNegativeInt band, NonNegativeInt pick)
    {
        var n = handoffs.Get % 200;
        var e = n == 0 ? 0 : excused.Get % (n + 1) % 5;
        var k = n - e == 0 ? 0 : kept.Get % (n - e + 1);
        var percent = band.Get % 31;
        var today = Day(November, pick.Get);

        var line = ScorecardStatus.Judge(Scorecard.Sales("speed", "30 minutes", n, k, Band(percent), e), November, today, Band(percent));

        // Oracle: k of (n - e) against 100% - band, in whole numbers: k x 100 >= (n - e) x (100 - band).
        var judged = n - e;
        var reaches = (long)k * 100 >= (long)judged * (100 - percent);
        var expected = today < November.Start || judged == 0 ? LineStatus.Pending
            : today >= November.End ? reaches ? LineStatus.Met : LineStatus.Missed
            : reaches ? LineStatus.OnTrack : LineStatus.Behind;
        Assert.Equal(expected, line.Status);
        Assert.Equal(today < November.End, line.Open);
        Assert.Equal(line.Open || judged == 0 ? null : reaches, line.Met);
    }

    [Property(MaxTest = 500)]
    public void Leads_AgainstTheGoalLinesLowerEdgeForTheDay_AndTheProjection(PositiveInt goalSeed, NonNegativeInt band, NonNegativeInt pick, int seed)
    {
        var random = new Random(seed);
        var goal = goalSeed.Get % 400;
        var percent = band.Get % 31;
        var today = Day(November, pick.Get);
        // What arrived each date up to today (a pace around the goal's, sometimes far off it).
        var pace = goal / 30.0 * (0.3 + random.NextDouble() * 1.4);
        var arrivals = November.Dates().Where(d => d <= today).ToDictionary(d => d, _ => Fraction.FromInteger((long)Math.Round(pace * random.NextDouble() * 2)));
        var delivered = arrivals.Values.Aggregate(Fraction.Zero, (a, b) => a + b);
        var standing = PacingReport.Stand(Fraction.FromInteger(goal), November, today, arrivals, null, Band(percent), PacingBasis.CalendarDays, null);

        var line = ScorecardStatus.Judge(Scorecard.Marketing($"{goal} leads", Fraction.FromInteger(goal), delivered, Band(percent)), November, today, Band(percent),
            November.Contains(today) ? standing : null);

        // Oracle: on day d of n the line's lower edge is goal x d / n x (100 - band) / 100; compared in whole numbers.
        var actual = (long)delivered.Numerator;
        var n = November.Days;
        var d = Enumerable.Range(0, n).Count(i => November.Start.PlusDays(i) <= today);
        var onLine = actual * n * 100 >= (long)goal * d * (100 - percent);
        var reachesGoal = actual * 100 >= (long)goal * (100 - percent);
        var projectedShort = standing.Projection.Expected * 100 < Fraction.FromInteger((long)goal * (100 - percent));
        var expected = today < November.Start || goal == 0 ? LineStatus.Pending
            : today >= November.End ? reachesGoal ? LineStatus.Met : LineStatus.Missed
            : !onLine ? LineStatus.Behind
            : projectedShort ? LineStatus.AtRisk : LineStatus.OnTrack;
        Assert.Equal(expected, line.Status);
        Assert.Equal(expected == LineStatus.AtRisk, line.Reason?.Contains("below the band's lower edge", StringComparison.Ordinal) == true);
    }

    [Property(MaxTest = 1000)]
    public void Quotas_WindowByWindowInWholeDeliverables_MissedOnlyOnceAWindowEndedShort(int seed)
    {
        var random = new Random(seed);
        var per = (QuotaPeriod)random.Next(3);
        var count = 1 + random.Next(5);
        var period = random.Next(2) == 0 ? Period.Month(2026, 1 + random.Next(12)) : Period.Quarter(2026, 1 + random.Next(4));
        var zone = DateTimeZone.Utc;
        var start = zone.AtStartOfDay(period.Start).ToInstant() - Duration.FromDays(100);
        var span = (long)Duration.FromDays(period.Days + 200).TotalSeconds;
        var delivered = Enumerable.Range(0, random.Next(3 * count * 4)).Select(_ => start + Duration.FromSeconds(random.NextInt64(span))).ToList();
        var now = start + Duration.FromSeconds(random.NextInt64(span));
        var today = now.InZone(zone).Date;
        var result = QuotaJudge.Judge(new Quota(count, per), period.Start, period.End, zone, now, delivered);

        var line = ScorecardStatus.Judge(Scorecard.Quota(ScorecardTeam.Marketing, "reports", "reports", result), period, today, Tolerance.Default);

        // Oracle: each window's deliveries counted from the instants, up to now or the period's end;
        // a window ended short once its end passed that cut with fewer than the count; its line by a
        // day is the largest whole L with L x (its days) <= count x (its days up to the day).
        var cut = Instant.Min(now, zone.AtStartOfDay(period.End).ToInstant());
        var day = today < period.End ? today : period.End.PlusDays(-1);
        var windows = result.Windows.Select(w =>
        {
            var got = delivered.Count(t => t < cut && t.InZone(zone).Date >= w.Start && t.InZone(zone).Date < w.End);
            var ended = zone.AtStartOfDay(w.End).ToInstant() <= cut;
            var days = Enumerable.Range(0, 400).Count(i => w.Start.PlusDays(i) < w.End);
            var elapsed = Enumerable.Range(0, 400).Count(i => w.Start.PlusDays(i) < w.End && w.Start.PlusDays(i) <= day);
            var line = 0;
            while ((long)(line + 1) * days <= (long)count * elapsed) line++;
            return (Start: w.Start, Got: got, Ended: ended, OnLine: got >= line);
        }).ToList();
        var endedShort = windows.FirstOrDefault(w => w.Ended && w.Got < count);
        var expected = today < period.Start ? LineStatus.Pending
            : endedShort != default ? LineStatus.Missed
            : today >= period.End && windows.All(w => w.Got >= count) ? LineStatus.Met
            : windows.All(w => w.OnLine) ? LineStatus.OnTrack : LineStatus.Behind;
        Assert.True(expected == line.Status, $"{count} a {per} in {period}, now {now}: expected {expected}, got {line.Status} ({line.Reason})");
        if (expected == LineStatus.Missed && today >= period.Start)
        {
            Assert.Equal(endedShort.Start, line.ShortWindow!.Start);
            Assert.Contains($"ended with {endedShort.Got} of {count}", line.Reason, StringComparison.Ordinal);
        }
        // A running period is never met; one that is over is met, missed, or (a longer window running on) where it stood at its end.
        if (line.Open) Assert.NotEqual(LineStatus.Met, line.Status);
        else Assert.True(line.Status is LineStatus.Met or LineStatus.Missed || line.Reason!.Contains("runs past", StringComparison.Ordinal), line.Status.ToString());
    }

    [Fact]
    public void ADemoLikeMonthOnItsThirdDay_IsBehindOrOnTrack_NeverMissed()
    {
        // 4 blog posts a month, none yet on 3 November: a post is not due before the line reaches a whole one (day 8).
        var posts = QuotaJudge.Judge(new Quota(4, QuotaPeriod.Month), November.Start, November.End, DateTimeZone.Utc, Instant.FromUtc(2026, 11, 3, 12, 0), []);
        var third = ScorecardStatus.Judge(Scorecard.Quota(ScorecardTeam.Marketing, "content/blog post", "blog post: 4 a month", posts), November, new LocalDate(2026, 11, 3), Tolerance.Default);
        Assert.Equal((LineStatus.OnTrack, true, (bool?)null), (third.Status, third.Open, third.Met));
        Assert.Equal(LineStatus.Behind, ScorecardStatus.Judge(Scorecard.Quota(ScorecardTeam.Marketing, "content/blog post", "blog post: 4 a month",
            QuotaJudge.Judge(new Quota(4, QuotaPeriod.Month), November.Start, November.End, DateTimeZone.Utc, Instant.FromUtc(2026, 11, 8, 12, 0), [])), November, new LocalDate(2026, 11, 8), Tolerance.Default).Status);

        // A weekly report: the week of 26 October to 1 November ended in November with none, so November is missed already, and says which week.
        var reports = QuotaJudge.Judge(new Quota(1, QuotaPeriod.Week), November.Start, November.End, DateTimeZone.Utc, Instant.FromUtc(2026, 11, 3, 12, 0), []);
        var missed = ScorecardStatus.Judge(Scorecard.Quota(ScorecardTeam.Marketing, "reports", "1 report a week", reports), November, new LocalDate(2026, 11, 3), Tolerance.Default);
        Assert.Equal((LineStatus.Missed, false, "the week 2026-10-26 to 2026-11-01 ended with 0 of 1"), (missed.Status, missed.Met!.Value, missed.Reason));

        // Three campaigns a quarter seen in October, a month over while its quarter runs on: where it stood at October's end (line: 1 by then).
        var october = Period.Month(2026, 10);
        var campaigns = QuotaJudge.Judge(new Quota(3, QuotaPeriod.Quarter), october.Start, october.End, DateTimeZone.Utc, Instant.FromUtc(2026, 11, 3, 12, 0), [Instant.FromUtc(2026, 10, 20, 9, 0)]);
        var past = ScorecardStatus.Judge(Scorecard.Quota(ScorecardTeam.Marketing, "campaigns", "3 campaigns a quarter", campaigns), october, new LocalDate(2026, 11, 3), Tolerance.Default);
        Assert.Equal((LineStatus.OnTrack, false, "the quarter 2026-Q4 runs past 2026-10: as it stood on 2026-10-31"), (past.Status, past.Open, past.Reason));
        Assert.Equal("the month 2026-11", ScorecardStatus.WindowName(new QuotaWindow(new LocalDate(2026, 11, 1), new LocalDate(2026, 12, 1), 0, true, false)));
        Assert.Equal("the year 2026", ScorecardStatus.WindowName(new QuotaWindow(new LocalDate(2026, 1, 1), new LocalDate(2027, 1, 1), 0, true, false)));

        // The lead goal without its pacing cannot be judged in a running period.
        Assert.Throws<ArgumentException>(() => ScorecardStatus.Judge(Scorecard.Marketing("72 leads", 72, 5, Tolerance.Default), November, new LocalDate(2026, 11, 3), Tolerance.Default));
        Assert.Equal("at-risk", ScorecardStatus.Word(LineStatus.AtRisk));
        Assert.Equal("on-track", ScorecardStatus.Word(LineStatus.OnTrack));
    }
}
