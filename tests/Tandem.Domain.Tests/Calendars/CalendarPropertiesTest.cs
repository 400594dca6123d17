using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace Tandem.Domain.Tests.Calendars;

/// <summary>The calendar's arithmetic against <see cref="MinuteOracle"/>, over random calendars around daylight-saving changes.</summary>
public class CalendarPropertiesTest
{
    private static readonly Duration Horizon = Duration.FromDays(21);

    [Property(MaxTest = 500, Arbitrary = [typeof(CalendarArbitrary)])]
    public void AddWorkingMinutes_IsTheEndOfTheNthWorkingMinute(CalendarCase c, NonNegativeInt minutes)
    {
        var n = minutes.Get % 1500;
        var oracle = new MinuteOracle(c.Calendar).Due(c.Start, n, c.Start + Horizon);

        var due = c.Calendar.AddWorkingMinutes(c.Start, n);

        if (oracle is { } expected) Assert.True(expected == due, $"{c}; +{n} min: expected {expected}, got {due}");
        else Assert.True(due >= c.Start + Horizon, $"{c}; +{n} min: oracle found none within {Horizon}, got {due}");
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(CalendarArbitrary)])]
    public void WorkingTimeBetween_CountsTheWorkingMinutes(CalendarCase c, NonNegativeInt span)
    {
        var to = c.Start + Duration.FromMinutes(span.Get % (10 * 24 * 60));

        var between = c.Calendar.WorkingTimeBetween(c.Start, to);

        Assert.True(new MinuteOracle(c.Calendar).MinutesBetween(c.Start, to) == (long)between.TotalMinutes, $"{c}; to {to}: got {between}");
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(CalendarArbitrary)])]
    public void Between_UndoesAdd(CalendarCase c, NonNegativeInt minutes)
    {
        var n = minutes.Get % 5000;

        var due = c.Calendar.AddWorkingMinutes(c.Start, n);

        Assert.Equal(Duration.FromMinutes(n), c.Calendar.WorkingTimeBetween(c.Start, due));
        if (n > 0) Assert.True(c.Calendar.WorkingTimeBetween(c.Start, due - Duration.FromSeconds(1)) < Duration.FromMinutes(n), "not the earliest instant");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(CalendarArbitrary)])]
    public void WorkingTimeBetween_AddsUpOverASplit(CalendarCase c, NonNegativeInt first, NonNegativeInt second)
    {
        var middle = c.Start + Duration.FromSeconds(first.Get % (5 * 86400));
        var end = middle + Duration.FromSeconds(second.Get % (5 * 86400));

        Assert.Equal(c.Calendar.WorkingTimeBetween(c.Start, end),
            c.Calendar.WorkingTimeBetween(c.Start, middle) + c.Calendar.WorkingTimeBetween(middle, end));
    }
}
