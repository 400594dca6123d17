using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Calendars;
using Tandem.Domain.Deliverables;

namespace Tandem.Domain.Tests.Deliverables;

/// <summary>The quota judge against an oracle that walks every date and groups them into windows by their ISO week, month, quarter or year.</summary>
public class QuotaJudgePropertiesTest
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "UTC"];

    public sealed record QuotaCase(Quota Quota, LocalDate From, LocalDate To, DateTimeZone Zone, Instant AsOf, IReadOnlyList<Instant> Delivered)
    {
        public override string ToString() =>
            $"{Quota.Count} a {Quota.Word(Quota.Per)}, {From}..{To} in {Zone.Id}, as of {AsOf}, deliveries [{string.Join(", ", Delivered)}]";
    }

    public static class Cases
    {
        public static Arbitrary<QuotaCase> Arbitrary() => Gen.Choose(0, int.MaxValue - 1).Select(From).ToArbitrary();

        private static QuotaCase From(int seed)
        {
            var random = new Random(seed);
            var per = (QuotaPeriod)random.Next(4);
            var zone = DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]];
            var from = new LocalDate(2024, 1, 1).PlusDays(random.Next(3 * 365));
            var to = from.PlusDays(1 + random.Next(100));
            var start = zone.AtStartOfDay(from).ToInstant() - Duration.FromDays(120);
            var span = (long)(Duration.FromDays(350).TotalSeconds);
            var delivered = Enumerable.Range(0, random.Next(40)).Select(_ => start + Duration.FromSeconds(random.NextInt64(span))).ToList();
            var asOf = start + Duration.FromSeconds(random.NextInt64(span));
            return new QuotaCase(new Quota(1 + random.Next(4), per), from, to, zone, asOf, delivered);
        }
    }

    private static object WindowKey(QuotaPeriod per, LocalDate d) => per switch
    {
        QuotaPeriod.Week => (WeekYearRules.Iso.GetWeekYear(d), WeekYearRules.Iso.GetWeekOfWeekYear(d)),
        QuotaPeriod.Month => (d.Year, d.Month),
        QuotaPeriod.Quarter => (d.Year, (d.Month + 2) / 3),
        _ => (object)d.Year,
    };

    [Property(MaxTest = 400, Arbitrary = [typeof(Cases)])]
    public void Judge_AgreesWithADateByDateOracle(QuotaCase c)
    {
        var result = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf, c.Delivered);

        // Oracle: every date from a year before to a year after, grouped into windows by key; the
        // windows are those whose every window of the kind has fewer days than the period and whose
        // last date is in the period, else those holding a date of the period.
        var days = NodaTime.Period.Between(c.From, c.To, PeriodUnits.Days).Days;
        var dates = Enumerable.Range(-400, days + 800).Select(i => c.From.PlusDays(i)).ToList();
        var all = dates.GroupBy(d => WindowKey(c.Quota.Per, d)).Select(g => (Start: g.Min(), Last: g.Max())).ToList();
        var longest = all.Where(w => w.Start > dates[0] && w.Last < dates[^1]).Max(w => NodaTime.Period.Between(w.Start, w.Last, PeriodUnits.Days).Days + 1);
        var shorter = LongestDays[c.Quota.Per] < days;
        Assert.True(longest <= LongestDays[c.Quota.Per]);
        var windows = all.Where(w => shorter ? w.Last >= c.From && w.Last < c.To : w.Start < c.To && w.Last >= c.From)
            .Select(w => (w.Start, End: w.Last.PlusDays(1))).OrderBy(w => w.Start).ToList();
        var cut = Instant.Min(c.AsOf, c.Zone.AtStartOfDay(c.To).ToInstant());
        var expected = windows.Select(w =>
        {
            var count = c.Delivered.Count(t => t < cut && t.InZone(c.Zone).Date >= w.Start && t.InZone(c.Zone).Date < w.End);
            var closed = c.Zone.AtStartOfDay(w.End).ToInstant() <= cut;
            return (w.Start, w.End, count, closed, Met: count >= c.Quota.Count ? true : closed ? false : (bool?)null);
        }).ToList();

        Assert.True(expected.SequenceEqual(result.Windows.Select(w => (w.Start, w.End, w.Delivered, w.Closed, w.Met))), c.ToString());
        Assert.Equal(c.Quota.Count * (long)expected.Count, result.Target);
        Assert.Equal(expected.Sum(w => (long)w.count), result.Delivered);
        bool? met = expected.Any(w => w.Met == false) ? false : expected.All(w => w.Met == true) ? true : null;
        Assert.Equal(met, result.Met);
    }

    private static readonly Dictionary<QuotaPeriod, int> LongestDays = new()
    {
        [QuotaPeriod.Week] = 7, [QuotaPeriod.Month] = 31, [QuotaPeriod.Quarter] = 92, [QuotaPeriod.Year] = 366,
    };

    [Property(MaxTest = 200)]
    public void Judge_OverConsecutivePeriods_EveryWindowIsJudgedInExactlyOnePeriod(int seed)
    {
        // Periods longer than the windows (a week on monthly or quarterly scorecards, a month on
        // quarterly ones), laid end to end; once they are all past, every window is decided.
        var random = new Random(seed);
        var per = (QuotaPeriod)random.Next(3);
        var zone = DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]];
        var bounds = new List<LocalDate> { new LocalDate(2024, 1, 1).PlusDays(random.Next(3 * 365)) };
        for (var i = 0; i < 2 + random.Next(5); i++) bounds.Add(bounds[^1].PlusDays(LongestDays[per] + 1 + random.Next(120)));
        var asOf = zone.AtStartOfDay(bounds[^1]).ToInstant() + Duration.FromDays(1);
        var quota = new Quota(1 + random.Next(2), per);
        var start = zone.AtStartOfDay(bounds[0]).ToInstant() - Duration.FromDays(100);
        var span = (long)(asOf - start).TotalSeconds;
        var delivered = Enumerable.Range(0, random.Next(60)).Select(_ => start + Duration.FromSeconds(random.NextInt64(span))).ToList();

        var results = bounds.Zip(bounds.Skip(1)).Select(p => QuotaJudge.Judge(quota, p.First, p.Second, zone, asOf, delivered)).ToList();
        var judged = results.SelectMany(r => r.Windows).ToList();

        // Every window whose last day is in the span, once each, in order.
        var expected = Quota.Windows(per, bounds[0], bounds[^1]).Where(w => w.End > bounds[0] && w.End <= bounds[^1]).ToList();
        Assert.Equal(expected, judged.Select(w => (w.Start, w.End)).ToList());
        Assert.All(judged, w => Assert.True(w.Closed));
        Assert.All(results, r => Assert.NotNull(r.Met));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Cases)])]
    public void Judge_LaterAsOf_NeverUndoesAVerdict(QuotaCase c)
    {
        var early = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf, c.Delivered);
        var late = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf + Duration.FromDays(30), c.Delivered);

        if (early.Met is { } verdict) Assert.Equal(verdict, late.Met);
        Assert.True(late.Delivered >= early.Delivered, c.ToString());
    }
}
