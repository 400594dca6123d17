using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Analytics;

public class DepthReportTest
{
    private static readonly Instant Start = Instant.FromUtc(2026, 10, 5, 10, 0);
    private static readonly DepthCommitment Terms = new(6, [new CadenceStep(3, 14), new CadenceStep(5, 28)], DayKind.Calendar);

    private static DepthSample Sample(string rep, int[] attemptDays, int? reachedDay = null, int? stoppedDay = null)
    {
        var attempts = attemptDays.Select(d => Start + Duration.FromDays(d) + Duration.FromHours(1)).ToList();
        var input = new ClockInput(Start, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.DefaultWarnAt,
            [.. attempts.Select(a => new Attempt(a, reachedDay is { } r && a == Start + Duration.FromDays(r) + Duration.FromHours(1)))],
            stoppedDay is { } s ? Start + Duration.FromDays(s) : null);
        var reached = reachedDay is { } day ? Start + Duration.FromDays(day) + Duration.FromHours(1) : (Instant?)null;
        return new DepthSample(rep, Start, attempts, reached, DepthClock.Build(input, Terms), Terms);
    }

    [Fact]
    public void At_AveragesAttemptsOfLeadsNotReached_AgainstTheCadence()
    {
        DepthSample[] samples =
        [
            Sample("ann", [0, 2, 4, 9]),          // 3 by day 7, 4 by day 14: on cadence
            Sample("ann", [0]),                   // 1 by day 14: breached at day 14
            Sample("bob", [0, 1], reachedDay: 1), // reached on day 1: not counted
            Sample("bob", [], stoppedDay: 3),     // disqualified on day 3: not counted
        ];
        var asOf = Start + Duration.FromDays(20);

        var week = DepthReport.At(samples, 7, asOf);
        Assert.Equal((2L, new Fraction(4, 2), Fraction.Zero, Fraction.FromInteger(6), 2L), (week.Leads, week.AverageAttempts!.Value, week.AverageRequired!.Value, week.AverageTarget!.Value, week.OnCadence));

        var twoWeeks = DepthReport.At(samples, 14, asOf);
        Assert.Equal((new Fraction(5, 2), Fraction.FromInteger(3), 1L), (twoWeeks.AverageAttempts!.Value, twoWeeks.AverageRequired!.Value, twoWeeks.OnCadence));
        Assert.Equal(new Fraction(1, 2), twoWeeks.OnCadenceShare);

        var month = DepthReport.At(samples, 30, asOf);   // nobody is 30 days old yet
        Assert.Equal(0, month.Leads);
        Assert.Null(month.AverageAttempts);
        Assert.Null(month.OnCadenceShare);
    }

    private static DepthSample Judged(DepthSample sample) =>
        sample with { FirstStepEnd = DepthClock.Deadline(Start, BusinessCalendar.Standard(DateTimeZone.Utc), sample.Terms, sample.Terms.Cadence[0]) };

    [Fact]
    public void FirstStep_JudgesAtTheEndOfTheFirstStep_NotBefore()
    {
        // 3 attempts within 14 days: at 7 days nothing is asked, so a lead with one attempt cannot fail there.
        var slow = Judged(Sample("ann", [0]));
        var keeping = Judged(Sample("ann", [0, 3, 12]));
        var reachedEarly = Judged(Sample("bob", [0, 1], reachedDay: 1));
        DepthSample[] samples = [slow, keeping, reachedEarly];
        Assert.Equal(Start + Duration.FromDays(14), slow.FirstStepEnd);

        var early = DepthReport.FirstStep(samples, Start + Duration.FromDays(7));
        Assert.Equal((3L, 0L, 3L, 0L), (early.Handoffs, early.OldEnough, early.Younger, early.Leads));
        Assert.Null(early.OnCadenceShare);
        Assert.Equal(Fraction.One, DepthReport.At(samples, 7, Start + Duration.FromDays(7)).OnCadenceShare); // what the old headline showed

        var justBefore = DepthReport.FirstStep(samples, Start + Duration.FromDays(14) - Duration.FromMilliseconds(1));
        Assert.Equal(0L, justBefore.OldEnough);

        var judged = DepthReport.FirstStep(samples, Start + Duration.FromDays(14));
        Assert.Equal((3L, 3L, 0L, 2L, 1L), (judged.Handoffs, judged.OldEnough, judged.Younger, judged.Leads, judged.OnCadence));
        Assert.Equal(new Fraction(1, 2), judged.OnCadenceShare);
        Assert.Equal((new Fraction(4, 2), Fraction.FromInteger(3), Fraction.FromInteger(6)), (judged.AverageAttempts!.Value, judged.AverageRequired!.Value, judged.AverageTarget!.Value));
        // The clock breaches the slow lead at the very instant the headline judges it.
        Assert.Equal(slow.FirstStepEnd, slow.Clock.Final!.At);
    }

    [Fact]
    public void FirstStep_WithoutACadence_IsNeverJudged()
    {
        var none = new DepthCommitment(6, [], DayKind.Calendar);
        var sample = Sample("ann", [0]) with { Terms = none };
        var standing = DepthReport.FirstStep([sample], Start + Duration.FromDays(100));
        Assert.Equal((1L, 0L, 0L, 1L), (standing.Handoffs, standing.OldEnough, standing.Younger, standing.WithoutCadence));
    }

    /// <summary>
    /// On random leads (attempts, reached or not, stopped or not, first steps of 1-20 calendar or
    /// working days, targets below and above the step), the headline equals a brute-force count: a
    /// lead is old enough once its first deadline has come; it is judged unless reached before that
    /// or stopped by then; it is on cadence when it made the attempts the step asks by the deadline
    /// or was reached at that very instant (unless stopped at it: a stop's instant counts no attempt);
    /// and a lead breached at its first step breaches then.
    /// </summary>
    /// <summary>The case FsCheck found: reached and stopped at the very instant the first step ends, with too few attempts before it: breached then, not on cadence.</summary>
    [Fact]
    public void FirstStep_ReachedAndStoppedAtTheDeadline_IsBreached() => FirstStep_EqualsABruteForceCount(92);

    [Property(MaxTest = 300)]
    public void FirstStep_EqualsABruteForceCount(int seed)
    {
        var random = new Random(seed);
        var calendar = BusinessCalendar.Standard(DateTimeZone.ForOffset(Offset.FromHours(random.Next(-10, 11))));
        var samples = new List<DepthSample>();
        var oracle = (Handoffs: 0L, Old: 0L, Younger: 0L, Leads: 0L, Attempts: 0L, Required: 0L, OnCadence: 0L);
        var asOf = Start + Duration.FromHours(random.Next(0, 24 * 40));
        for (var i = 0; i < random.Next(1, 12); i++)
        {
            var stepDays = random.Next(1, 21);
            var stepAttempts = random.Next(1, 5);
            var terms = new DepthCommitment(random.Next(1, 7), [new CadenceStep(stepAttempts, stepDays), new CadenceStep(stepAttempts + 2, stepDays + 10)],
                random.Next(2) == 0 ? DayKind.Calendar : DayKind.Working);
            // Handed off over 20 days, some after the as-of instant (not there yet).
            var start = Start + Duration.FromMinutes(random.Next(0, 60 * 24 * 20));
            var deadline = DepthClock.Deadline(start, calendar, terms, terms.Cadence[0]);
            // Attempts at random hours, some exactly on the deadline; one may reach the lead.
            var attempts = Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => random.Next(5) == 0 ? deadline : start + Duration.FromMinutes(random.Next(0, 60 * 24 * 30))).Order().ToList();
            var reachedIndex = attempts.Count > 0 && random.Next(3) == 0 ? random.Next(attempts.Count) : -1;
            var reached = reachedIndex >= 0 ? attempts[reachedIndex] : (Instant?)null;
            var stopped = random.Next(4) == 0 ? start + Duration.FromHours(random.Next(1, 24 * 30)) : (Instant?)null;
            var input = new ClockInput(start, calendar, SalesCommitments.DefaultWarnAt, [.. attempts.Select((a, k) => new Attempt(a, k == reachedIndex))], stopped);
            var clock = DepthClock.Build(input, terms);
            samples.Add(new DepthSample("ann", start, attempts, reached, clock, terms, deadline));

            if (clock.Final is { State: ClockState.Breached, Step: 1 } breach) Assert.Equal(deadline, breach.At);
            if (start > asOf) continue;
            oracle.Handoffs++;
            if (deadline > asOf) { oracle.Younger++; continue; }
            oracle.Old++;
            // Not judged: reached before the deadline, or stopped (no longer worked) by then.
            if (reached < deadline || clock.Final is { State: ClockState.Stopped } end && end.At <= deadline) continue;
            var made = attempts.Count(a => a <= deadline);
            var required = Math.Min(stepAttempts, terms.TargetAttempts);
            oracle.Leads++;
            oracle.Attempts += made;
            oracle.Required += required;
            // An attempt at the stop's instant is not counted (the lead was no longer worked), a reach then neither.
            if (attempts.Count(a => a <= deadline && (stopped is not { } s || a < s)) >= required || (reached == deadline && (stopped is not { } t || reached < t))) oracle.OnCadence++;
        }

        var standing = DepthReport.FirstStep(samples, asOf);

        Assert.Equal((oracle.Handoffs, oracle.Old, oracle.Younger, oracle.Leads, oracle.OnCadence), (standing.Handoffs, standing.OldEnough, standing.Younger, standing.Leads, standing.OnCadence));
        Assert.Equal(oracle.Leads == 0 ? null : new Fraction(oracle.Attempts, oracle.Leads), standing.AverageAttempts);
        Assert.Equal(oracle.Leads == 0 ? null : new Fraction(oracle.Required, oracle.Leads), standing.AverageRequired);
    }
}
