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
}
