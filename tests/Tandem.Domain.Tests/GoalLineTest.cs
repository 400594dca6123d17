using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using static Tandem.Domain.Tests.Build;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests;

public class GoalLineTest
{
    [Fact]
    public void Daily_CalendarDays_IsGoalTimesDayOverDays()
    {
        var line = GoalLine.Daily(F(3978), Period.Month(2026, 11), Tolerance.Default);

        Assert.Equal(30, line.Count);
        Assert.Equal(1989m, line[14].Goal.ToDecimal(2));
        Assert.Equal(1790.1m, line[14].Lower.ToDecimal(2));
        Assert.Equal(2187.9m, line[14].Upper.ToDecimal(2));
        Assert.Equal(F(3978), line[^1].Goal);
    }

    [Fact]
    public void Daily_WorkingDays_IsFlatOnWeekends()
    {
        var line = GoalLine.Daily(F(2100), Period.Month(2026, 11), Tolerance.Default, PacingBasis.WorkingDays, BusinessCalendar.Standard(DateTimeZone.Utc));

        // November 2026 has 21 weekdays; the 1st is a Sunday, the 2nd a Monday.
        Assert.Equal(F(0), line[0].Goal);
        Assert.Equal(F(100), line[1].Goal);
        Assert.Equal(line[5].Goal, line[6].Goal); // Friday 6th, Saturday 7th
        Assert.Equal(F(2100), line[^1].Goal);
    }

    [Fact]
    public void Daily_WorkingDaysWithNoWorkingDay_NamesPacing()
    {
        // Mondays only, and every Monday of November 2026 a holiday.
        var closed = new BusinessCalendar(DateTimeZone.Utc,
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> { [IsoDayOfWeek.Monday] = [new WorkingInterval(new LocalTime(9, 0), new LocalTime(17, 0))] },
            [.. Enumerable.Range(0, 5).Select(w => (Holiday)new Holiday.OnDate(new LocalDate(2026, 11, 2 + 7 * w)))]);

        Assert.Equal("pacing", Assert.Throws<InvalidInputException>(() =>
            GoalLine.Daily(F(10), Period.Month(2026, 11), Tolerance.Default, PacingBasis.WorkingDays, closed)).Field);
    }

    [Property]
    public void Daily_NeverFallsAndEndsOnTheGoal(PositiveInt goal, int month)
    {
        var line = GoalLine.Daily(F(goal.Get), Period.Month(2026, Math.Abs(month % 12) + 1), Tolerance.Default);

        for (var i = 1; i < line.Count; i++) Assert.True(line[i].Goal >= line[i - 1].Goal);
        Assert.Equal(F(goal.Get), line[^1].Goal);
    }

    [Theory]
    [InlineData(89, PacingStatus.Behind)]
    [InlineData(90, PacingStatus.OnTrack)]
    [InlineData(100, PacingStatus.OnTrack)]
    [InlineData(110, PacingStatus.OnTrack)]
    [InlineData(111, PacingStatus.OverDelivering)]
    public void Classify_EdgesAreInclusive(long actual, PacingStatus expected) =>
        Assert.Equal(expected, Tolerance.Default.Classify(F(actual), F(100)));
}
