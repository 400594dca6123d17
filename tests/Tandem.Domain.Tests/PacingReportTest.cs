using NodaTime;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests;

public class PacingReportTest
{
    private static readonly Period November = Period.Month(2026, 11);

    private static Dictionary<LocalDate, Fraction> Every(int perDay, int days) =>
        Enumerable.Range(1, days).ToDictionary(d => new LocalDate(2026, 11, d), _ => Fraction.FromInteger(perDay));

    [Fact]
    public void Stand_OnTheLine_ProjectsTheGoal()
    {
        var s = PacingReport.Stand(Fraction.FromInteger(300), November, new LocalDate(2026, 11, 10), Every(10, 10), null, Tolerance.Default, PacingBasis.CalendarDays, null);

        Assert.Equal((Fraction.FromInteger(100), Fraction.FromInteger(100), PacingStatus.OnTrack), (s.Actual, s.LineAtAsOf, s.Status));
        Assert.Equal(Fraction.FromInteger(300), s.Projection.Expected);
        Assert.Equal((276L, 324L), (s.Projection.Low, s.Projection.High)); // 200 more +- 1.645 x sqrt(200)
        Assert.Equal(Fraction.FromInteger(10), s.DailyRateNeeded);
        Assert.Equal(10, s.Daily.Count);
    }

    [Fact]
    public void Stand_Behind_NeedsMorePerDay_AndOverDeliveryIsFlagged()
    {
        var behind = PacingReport.Stand(Fraction.FromInteger(300), November, new LocalDate(2026, 11, 10), Every(8, 10), null, Tolerance.Default, PacingBasis.CalendarDays, null);
        Assert.Equal(PacingStatus.Behind, behind.Status);                 // 80 against a line of 100, band 90-110
        Assert.Equal(Fraction.FromInteger(11), behind.DailyRateNeeded);   // 220 over 20 days

        var over = PacingReport.Stand(Fraction.FromInteger(300), November, new LocalDate(2026, 11, 10), Every(12, 10), null, Tolerance.Default, PacingBasis.CalendarDays, null);
        Assert.Equal(PacingStatus.OverDelivering, over.Status);
    }

    [Fact]
    public void Stand_WeekdayPattern_WeekendsBringNothing()
    {
        // History: arrivals only on weekdays. Nov 2026 starts on a Sunday; by Friday the 6th, 5 weekdays brought 50.
        var history = Enumerable.Range(0, 28).Select(i => new LocalDate(2026, 10, 1).PlusDays(i))
            .Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday).ToDictionary(d => d, _ => Fraction.FromInteger(10));
        var weights = PacingReport.WeekdayWeights(history);
        var arrivals = Enumerable.Range(2, 5).ToDictionary(d => new LocalDate(2026, 11, d), _ => Fraction.FromInteger(10));

        var s = PacingReport.Stand(Fraction.FromInteger(210), November, new LocalDate(2026, 11, 6), arrivals, weights, Tolerance.Default, PacingBasis.CalendarDays, null);

        // 16 weekdays remain in November: 50 + 160 = 210.
        Assert.Equal(Fraction.FromInteger(210), s.Projection.Expected);
        Assert.Equal(0.0, weights![IsoDayOfWeek.Sunday]);

        // The path the chart draws: each remaining day, flat over the weekends, ending on the projection itself.
        Assert.Equal(Enumerable.Range(7, 24).Select(d => new LocalDate(2026, 11, d)), s.Path.Select(p => p.Date));
        Assert.Equal((s.Projection.Expected, s.Projection.Low, s.Projection.High), (s.Path[^1].Expected, s.Path[^1].Low, s.Path[^1].High));
        Assert.Equal(Fraction.FromInteger(50), s.Path[0].Expected); // Saturday the 7th
        Assert.Equal(Fraction.FromInteger(60), s.Path[2].Expected); // Monday the 9th
        Assert.All(s.Path, p => Assert.True(p.Low <= p.Expected.ToDecimal(6) && p.Expected.ToDecimal(6) <= p.High));
    }

    [Fact]
    public void Stand_GoalReached_NeedsNothing_PeriodOver_NoRate()
    {
        var done = PacingReport.Stand(Fraction.FromInteger(50), November, new LocalDate(2026, 11, 10), Every(10, 10), null, Tolerance.Default, PacingBasis.CalendarDays, null);
        Assert.Equal(Fraction.Zero, done.DailyRateNeeded);
        var over = PacingReport.Stand(Fraction.FromInteger(50), November, new LocalDate(2026, 12, 3), Every(1, 30), null, Tolerance.Default, PacingBasis.CalendarDays, null);
        Assert.Null(over.DailyRateNeeded);
        Assert.Equal(30, over.Daily.Count);
        Assert.Equal((30L, 30L), (over.Projection.Low, over.Projection.High));
        Assert.Empty(over.Path);
    }
}
