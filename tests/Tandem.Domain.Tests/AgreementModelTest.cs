using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using static Tandem.Domain.Tests.Build;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests;

public class AgreementModelTest
{
    private static Agreement Make(string name = "SLA", string currency = "USD", int cycle = 0) =>
        new(name, Period.Month(2026, 11), currency, new PlanInput(F(500_000), dealSize: F(2000), funnel: Seeds()),
            Tolerance.Default, PacingBasis.CalendarDays, cycle, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default);

    [Theory]
    [InlineData("lower-case currency", "SLA", "usd", 0, "currency")]
    [InlineData("empty name", " ", "USD", 0, "name")]
    [InlineData("cycle too long", "SLA", "USD", 121, "salesCycle")]
    [InlineData("negative cycle", "SLA", "USD", -1, "salesCycle")]
    public void Agreement_Invalid_NamesTheField(string scenario, string name, string currency, int cycle, string field) =>
        Assert.True(Assert.Throws<InvalidInputException>(() => Make(name, currency, cycle)).Field == field, scenario);

    [Fact]
    public void LeadPeriod_FollowsTheSalesCycle() => Assert.Equal("2026-08", Make(cycle: 3).LeadPeriod.ToString());

    [Fact]
    public void BusinessCalendar_OverlappingIntervals_AreRefused()
    {
        var day = new List<WorkingInterval> { new(new LocalTime(9, 0), new LocalTime(13, 0)), new(new LocalTime(12, 0), new LocalTime(17, 0)) };

        var e = Assert.Throws<InvalidInputException>(() => new BusinessCalendar(DateTimeZone.Utc, new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> { [IsoDayOfWeek.Monday] = day }));

        Assert.Equal("calendar.workingHours.monday", e.Field);
    }

    [Fact]
    public void BusinessCalendar_YearlyHoliday_IsOffEveryYear()
    {
        var calendar = new BusinessCalendar(DateTimeZone.Utc, BusinessCalendar.Standard(DateTimeZone.Utc).Week, [new Holiday.Yearly(new AnnualDate(12, 25))]);

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 12, 25)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2030, 12, 25)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 12, 24)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 12, 26))); // a Saturday
    }

    [Fact]
    public void WorkingInterval_NightShift_CrossesMidnight()
    {
        var shift = new WorkingInterval(new LocalTime(22, 0), new LocalTime(6, 0));

        Assert.True(shift.CrossesMidnight);
        Assert.Equal(Duration.FromHours(8), shift.Length);
    }

    [Theory]
    [InlineData("no attempts", 0, 3, 14, "sales.depth.attempts")]
    [InlineData("zero-day step", 7, 3, 0, "sales.depth.cadence[1].within")]
    public void DepthCommitment_Invalid_NamesTheField(string scenario, int target, int attempts, int days, string field) =>
        Assert.True(Assert.Throws<InvalidInputException>(() => new DepthCommitment(target, [new CadenceStep(attempts, days)], DayKind.Calendar)).Field.StartsWith(field, StringComparison.Ordinal), scenario);

    [Fact]
    public void DepthCommitment_StepsMustRise() =>
        Assert.Throws<InvalidInputException>(() => new DepthCommitment(7, [new CadenceStep(5, 28), new CadenceStep(3, 14)], DayKind.Calendar));
}
