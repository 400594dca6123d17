using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Tests.Calendars;

namespace Tandem.Domain.Tests.Clocks;

/// <summary>
/// The clocks' timelines against oracles that decide the state at one instant straight from the
/// rules, with the deadlines from the minute-by-minute calendar oracle for working time.
/// </summary>
public class ClockPropertiesTest
{
    [Property(MaxTest = 400, Arbitrary = [typeof(ClockArbitrary)])]
    public void Speed_StateAtAnyInstant_IsWhatTheRulesSay(ClockCase c)
    {
        var input = c.Input;
        var clock = SpeedClock.Build(input, new SpeedCommitment(c.SpeedMinutes, c.SpeedClock));
        var oracle = new MinuteOracle(c.Calendar.Calendar);
        var limit = input.Start + Duration.FromDays(60);
        var warnMinutes = c.SpeedMinutes * c.WarnTenths / 10;
        var (due, warn) = c.SpeedClock == ClockKind.Wall
            ? (input.Start + Duration.FromMinutes(c.SpeedMinutes), input.Start + Duration.FromMinutes(warnMinutes))
            : (oracle.Due(input.Start, c.SpeedMinutes, limit), oracle.Due(input.Start, warnMinutes, limit));
        if (due is null || warn is null) return; // a sparse calendar: nothing due within the oracle's reach

        Assert.True(due == clock.Due, $"{c}: due {due}, got {clock.Due}");
        foreach (var t in c.Looks)
        {
            var first = c.Attempts.Where(a => a.At >= input.Start && (c.EndedAt is not { } e || a.At < e)).Select(a => (Instant?)a.At).Min();
            var (finalAt, finalState) = first is { } f && f <= due ? (f, ClockState.Met) : (due.Value, ClockState.Breached);
            var expected = c.EndedAt is { } end && end < finalAt && t >= end ? ClockState.Stopped
                : t >= finalAt ? finalState
                : t >= warn ? ClockState.Warning
                : ClockState.Running;
            Assert.True(expected == clock.StateAt(t), $"{c}: at {t} expected {expected}, got {clock.StateAt(t)}");
        }
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(ClockArbitrary)])]
    public void Depth_StateAtAnyInstant_IsWhatTheRulesSay(ClockCase c)
    {
        var input = c.Input;
        var clock = DepthClock.Build(input, c.Depth);
        var counted = c.Attempts.Where(a => a.At >= input.Start && (c.EndedAt is not { } e || a.At < e)).OrderBy(a => a.At).ToList();
        var deadlines = c.Depth.Cadence.Select(s => c.Depth.Days == DayKind.Calendar
            ? (input.Start.InZone(c.Calendar.Calendar.Zone).LocalDateTime.PlusDays(s.WithinDays)).InZoneLeniently(c.Calendar.Calendar.Zone).ToInstant()
            : WorkingDaysOracle(c, s.WithinDays)).ToList();
        Instant? reached = counted.Where(a => a.Reached).Select(a => (Instant?)a.At).FirstOrDefault();
        Instant? target = counted.Count >= c.Depth.TargetAttempts ? counted[c.Depth.TargetAttempts - 1].At : null;
        var met = new[] { reached, target }.Where(x => x is not null).Min();

        // How the clock ends, step by step.
        (Instant At, ClockState State)? final = null;
        for (var i = 0; i < deadlines.Count && final is null; i++)
        {
            var required = Math.Min(c.Depth.Cadence[i].Attempts, c.Depth.TargetAttempts);
            if (met <= deadlines[i]) final = (met.Value, ClockState.Met);
            else if (counted.Count(a => a.At <= deadlines[i]) < required) final = (deadlines[i], ClockState.Breached);
        }
        if (final is null && deadlines.Count > 0) final = (deadlines[^1], ClockState.Met);
        if (final is null && met is { } m) final = (m, ClockState.Met);

        foreach (var t in c.Looks.Where(t => t >= input.Start))
        {
            ClockState expected;
            if (c.EndedAt is { } end && (final is null || end < final.Value.At) && t >= end) expected = ClockState.Stopped;
            else if (final is { } f && t >= f.At) expected = f.State;
            else
            {
                var done = counted.Count(a => a.At <= t);
                var step = Enumerable.Range(0, deadlines.Count).FirstOrDefault(i => done < Math.Min(c.Depth.Cadence[i].Attempts, c.Depth.TargetAttempts), -1);
                var warnAt = step < 0 ? (Instant?)null : input.Start + input.WarningPart(deadlines[step] - input.Start);
                expected = warnAt is { } w && t >= w ? ClockState.Warning : ClockState.Running;
            }
            Assert.True(expected == clock.StateAt(t), $"{c}: at {t} expected {expected}, got {clock.StateAt(t)}");
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ClockArbitrary)])]
    public void Timelines_OnlyMoveForward_AndEndOnce(ClockCase c)
    {
        foreach (var clock in new[] { SpeedClock.Build(c.Input, new SpeedCommitment(c.SpeedMinutes, c.SpeedClock)), DepthClock.Build(c.Input, c.Depth) })
        {
            Assert.Equal(ClockState.Running, clock.Transitions[0].State);
            Assert.True(clock.Transitions.Count(t => t.State.IsFinal()) <= 1, c.ToString());
            for (var i = 1; i < clock.Transitions.Count; i++)
            {
                Assert.True(clock.Transitions[i].At >= clock.Transitions[i - 1].At, c.ToString());
                Assert.NotEqual(clock.Transitions[i - 1].State, clock.Transitions[i].State);
            }
        }
    }

    /// <summary>The end of the n-th working day after the start's local date, counting days one by one.</summary>
    private static Instant WorkingDaysOracle(ClockCase c, int days)
    {
        var calendar = c.Calendar.Calendar;
        var date = c.Input.Start.InZone(calendar.Zone).Date;
        while (days > 0)
        {
            date = date.PlusDays(1);
            if (calendar.Week.ContainsKey(date.DayOfWeek) && !calendar.Holidays.Any(h => h.Matches(date))) days--;
        }
        return calendar.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
    }
}
