using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;
using Tandem.Domain.Tests.Calendars;

namespace Tandem.Domain.Tests.Clocks;

/// <summary>
/// A clock's explanation against the clock and the minute-by-minute calendar oracle: the deadline
/// it explains is the clock's, and the working time it says was counted is exactly the commitment.
/// </summary>
public class ClockExplanationTest
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void AHandoffAfterTheRepsHours_CountsFromTheirNextShift()
    {
        // Issue 20: handed off Monday 14:34 in New York, to a rep in Berlin (20:34 there), breaching at 03:30 New York time.
        var start = new LocalDateTime(2026, 11, 30, 14, 34).InZoneStrictly(NewYork).ToInstant();
        var input = new ClockInput(start, BusinessCalendar.Standard(Berlin), SalesCommitments.DefaultWarnAt, []);

        var why = ClockExplainer.Speed(input, new SpeedCommitment(30, ClockKind.Working));

        Assert.Equal(HandoffTiming.AfterWorkingHours, why.Timing);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 3, 30), why.Deadline.InZone(NewYork).LocalDateTime);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 9, 0), why.CountsFrom.InZone(Berlin).LocalDateTime);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 9, 24), why.Warning!.Value.InZone(Berlin).LocalDateTime);
        Assert.Equal("Handed off Monday 30 November 20:34 Europe/Berlin, after working hours; 30 working minutes from Tuesday 1 December 09:00: due Tuesday 1 December 09:30.", why.Why);
    }

    [Fact]
    public void ADeadlineAcrossAWeekend_NamesTheWorkingHoursThatSetIt()
    {
        var start = new LocalDateTime(2026, 12, 4, 16, 50).InZoneStrictly(Berlin).ToInstant();
        var input = new ClockInput(start, BusinessCalendar.Standard(Berlin), SalesCommitments.DefaultWarnAt, []);

        var why = ClockExplainer.Speed(input, new SpeedCommitment(30, ClockKind.Working));

        Assert.Equal(HandoffTiming.InWorkingHours, why.Timing);
        Assert.Equal("Friday 4 December 16:50-17:00 (10 min), Monday 7 December 09:00-09:20 (20 min)", why.WorkingHours);
        Assert.Contains("30 working minutes from the handoff (working hours Friday 4 December 16:50-17:00 (10 min), Monday 7 December 09:00-09:20 (20 min)): due Monday 7 December 09:20", why.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandoffInALunchBreak_IsBetweenShifts()
    {
        IReadOnlyList<WorkingInterval> day = [new(new LocalTime(9, 0), new LocalTime(12, 30)), new(new LocalTime(13, 30), new LocalTime(17, 30))];
        var calendar = new BusinessCalendar(Berlin, Enumerable.Range(1, 5).ToDictionary(d => (IsoDayOfWeek)d, _ => day));
        var at = (int hour, int minute) => new LocalDateTime(2026, 11, 18, hour, minute).InZoneStrictly(Berlin).ToInstant();

        Assert.Equal(HandoffTiming.BeforeWorkingHours, ClockExplainer.Timing(calendar, at(8, 59)));
        Assert.Equal(HandoffTiming.InWorkingHours, ClockExplainer.Timing(calendar, at(9, 0)));
        Assert.Equal(HandoffTiming.BetweenShifts, ClockExplainer.Timing(calendar, at(12, 39)));
        Assert.Equal(HandoffTiming.AfterWorkingHours, ClockExplainer.Timing(calendar, at(17, 30)));
        Assert.Equal(HandoffTiming.DayOff, ClockExplainer.Timing(calendar, new LocalDateTime(2026, 11, 21, 10, 0).InZoneStrictly(Berlin).ToInstant()));
        var why = ClockExplainer.Speed(new ClockInput(at(12, 39), calendar, SalesCommitments.DefaultWarnAt, []), new SpeedCommitment(30, ClockKind.Working));
        Assert.StartsWith("Handed off Wednesday 18 November 12:39 Europe/Berlin, in a break between working hours; 30 working minutes from Wednesday 18 November 13:30: due Wednesday 18 November 14:00", why.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void DepthInWorkingDays_ListsTheDaysCounted()
    {
        var start = new LocalDateTime(2026, 12, 4, 11, 0).InZoneStrictly(Berlin).ToInstant();
        var input = new ClockInput(start, BusinessCalendar.Standard(Berlin), SalesCommitments.DefaultWarnAt, []);

        var why = ClockExplainer.Depth(input, new DepthCommitment(3, [new CadenceStep(2, 3)], DayKind.Working));

        Assert.Equal("step 1: 2 attempts within 3 working days, the days after Friday 4 December (Mon 7 Dec, Tue 8 Dec, Wed 9 Dec): by the end of Wednesday 9 December", why.Deadlines.Single().Rule);
        Assert.Equal(new LocalDateTime(2026, 12, 10, 0, 0), why.Deadline.InZone(Berlin).LocalDateTime);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ClockArbitrary)])]
    public void Speed_ExplainedDeadline_IsTheClocks_AndCountsExactlyTheCommitment(ClockCase c)
    {
        var input = c.Input;
        var speed = new SpeedCommitment(c.SpeedMinutes, c.SpeedClock);
        var clock = SpeedClock.Build(input, speed);
        var why = ClockExplainer.Speed(input, speed);

        Assert.Equal(clock.Due, why.Deadline);
        Assert.Equal(clock.Due, why.Decisive!.Deadline);
        if (clock.Transitions.FirstOrDefault(t => t.State == ClockState.Warning) is { } warned) Assert.Equal(warned.At, why.Warning);
        var oracle = new MinuteOracle(c.Calendar.Calendar);
        Assert.True(oracle.IsWorking(input.Start) == (why.Timing == HandoffTiming.InWorkingHours), $"{c}: timing {why.Timing}");
        if (c.SpeedClock == ClockKind.Wall)
        {
            Assert.Equal(input.Start + Duration.FromMinutes(c.SpeedMinutes), why.Deadline);
            Assert.Empty(why.Stretches);
            return;
        }
        if (why.Deadline - input.Start > Duration.FromDays(60)) return; // a sparse calendar: beyond the oracle's reach
        Assert.True(oracle.MinutesBetween(input.Start, why.CountsFrom) == 0, $"{c}: working time before {why.CountsFrom}");
        Assert.True(oracle.MinutesBetween(why.CountsFrom, why.Deadline) == c.SpeedMinutes, $"{c}: {oracle.MinutesBetween(why.CountsFrom, why.Deadline)} working minutes from {why.CountsFrom} to {why.Deadline}");
        Assert.Equal(Duration.FromMinutes(c.SpeedMinutes), why.Stretches.Aggregate(Duration.Zero, (sum, s) => sum + s.Length));
        Assert.Equal(why.CountsFrom, why.Stretches[0].From);
        Assert.Equal(why.Deadline, why.Stretches[^1].To);
        foreach (var s in why.Stretches)
            Assert.True(oracle.MinutesBetween(s.From, s.To) == (long)s.Length.TotalMinutes, $"{c}: {s} is not all working time");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ClockArbitrary)])]
    public void Depth_ExplainedDeadlines_AreTheClocks(ClockCase c)
    {
        var input = c.Input;
        var clock = DepthClock.Build(input, c.Depth);
        var why = ClockExplainer.Depth(input, c.Depth);

        Assert.Equal(clock.Due, why.Deadline);
        Assert.Equal(clock.Due, why.Decisive!.Deadline);
        if (c.Depth.Cadence.Count == 0) return;
        Assert.Equal(c.Depth.Cadence.Count, why.Deadlines.Count);
        for (var i = 0; i < c.Depth.Cadence.Count; i++)
        {
            Assert.Equal(DepthClock.Deadline(input.Start, c.Calendar.Calendar, c.Depth, c.Depth.Cadence[i]), why.Deadlines[i].Deadline);
            Assert.Equal(c.Depth.RequiredAt(c.Depth.Cadence[i]), why.Deadlines[i].Attempts);
        }
        // A warning the clock raised is the one explained for the step it raised it on.
        foreach (var warned in clock.Transitions.Where(t => t.State == ClockState.Warning && t.Step > 0 && t.At > input.Start))
            Assert.True(warned.At == why.Deadlines[warned.Step - 1].Warning || c.Attempts.Any(a => a.At == warned.At),
                $"{c}: warning at {warned.At} for step {warned.Step}, explained {why.Deadlines[warned.Step - 1].Warning}");
    }
}
