using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Clocks;

public class ClockExamplesTest
{
    private static readonly BusinessCalendar NewYork = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["America/New_York"]);
    private static readonly Share Eighty = SalesCommitments.DefaultWarnAt;

    private static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();

    private static ClockInput Input(string start, params (string At, bool Reached)[] attempts) =>
        new(At(start), NewYork, Eighty, [.. attempts.Select(a => new Attempt(At(a.At), a.Reached))]);

    [Fact]
    public void Speed_Working_WarnsAt80Percent_BreachesAtTheDeadline()
    {
        // Friday 16:45 handoff, 30 working minutes: due Monday 09:15, warning Monday 09:09.
        var clock = SpeedClock.Build(Input("2026-11-20T16:45:00-05:00"), new SpeedCommitment(30, ClockKind.Working));

        Assert.Equal(At("2026-11-23T09:15:00-05:00"), clock.Due);
        Assert.Equal(ClockState.Running, clock.StateAt(At("2026-11-23T09:08:59-05:00")));
        Assert.Equal(ClockState.Warning, clock.StateAt(At("2026-11-23T09:09:00-05:00")));
        Assert.Equal(ClockState.Breached, clock.StateAt(At("2026-11-23T09:15:00-05:00")));
        Assert.Equal(At("2026-11-23T09:09:00-05:00"), clock.NextAfter(At("2026-11-21T12:00:00-05:00"))!.At);
        Assert.Null(clock.NextAfter(At("2026-11-23T09:15:00-05:00")));
    }

    [Fact]
    public void Speed_TouchAtTheDeadline_IsMet_ALaterOneDoesNotUndoTheBreach()
    {
        var speed = new SpeedCommitment(30, ClockKind.Wall);
        var onTime = SpeedClock.Build(Input("2026-11-24T10:00:00-05:00", ("2026-11-24T10:30:00-05:00", false)), speed);
        Assert.Equal(ClockState.Met, onTime.Final!.State);
        Assert.Equal([ClockState.Running, ClockState.Warning, ClockState.Met], onTime.Transitions.Select(t => t.State));

        var late = SpeedClock.Build(Input("2026-11-24T10:00:00-05:00", ("2026-11-24T10:30:01-05:00", true)), speed);
        Assert.Equal(new ClockTransition(At("2026-11-24T10:30:00-05:00"), ClockState.Breached), late.Final);
    }

    [Fact]
    public void Speed_TouchBeforeHandoff_DoesNotCount_StopEndsTheClock()
    {
        var input = Input("2026-11-24T10:00:00-05:00", ("2026-11-24T09:00:00-05:00", true)) with { EndedAt = At("2026-11-24T10:10:00-05:00") };
        var clock = SpeedClock.Build(input, new SpeedCommitment(30, ClockKind.Wall));
        Assert.Equal(new ClockTransition(At("2026-11-24T10:10:00-05:00"), ClockState.Stopped), clock.Final);
    }

    [Fact]
    public void Depth_ReachedEndsTheClock_EveryAttemptCounts()
    {
        var depth = new DepthCommitment(6, [new CadenceStep(3, 14), new CadenceStep(5, 28)], DayKind.Calendar);
        var clock = DepthClock.Build(Input("2026-11-02T10:00:00-05:00",
            ("2026-11-02T11:00:00-05:00", false), ("2026-11-05T11:00:00-05:00", false), ("2026-11-09T11:00:00-05:00", true)), depth);
        Assert.Equal(new ClockTransition(At("2026-11-09T11:00:00-05:00"), ClockState.Met, 1), clock.Final);
    }

    [Fact]
    public void Depth_MissedStep_BreachesAtItsDeadline_AfterWarning()
    {
        var depth = new DepthCommitment(6, [new CadenceStep(3, 10)], DayKind.Calendar);
        var clock = DepthClock.Build(Input("2026-11-02T10:00:00-05:00", ("2026-11-02T11:00:00-05:00", false)), depth);
        // Warning at 80% of ten days (day 8), breach at day 10, both at 10:00 New York time.
        Assert.Equal(
            [new(At("2026-11-02T10:00:00-05:00"), ClockState.Running), new(At("2026-11-10T10:00:00-05:00"), ClockState.Warning, 1), new(At("2026-11-12T10:00:00-05:00"), ClockState.Breached, 1)],
            clock.Transitions);
    }

    [Fact]
    public void Depth_CatchingUpAfterAWarning_RunsAgain_TargetCapsTheStep()
    {
        // Target 2 caps "3 within 10 days": two attempts meet the clock.
        var depth = new DepthCommitment(2, [new CadenceStep(3, 10)], DayKind.Calendar);
        var clock = DepthClock.Build(Input("2026-11-02T10:00:00-05:00", ("2026-11-03T11:00:00-05:00", false), ("2026-11-11T11:00:00-05:00", false)), depth);
        Assert.Equal(ClockState.Warning, clock.StateAt(At("2026-11-11T10:00:00-05:00")));
        Assert.Equal(new ClockTransition(At("2026-11-11T11:00:00-05:00"), ClockState.Met, 1), clock.Final);
    }

    [Fact]
    public void Depth_WorkingDays_DeadlineIsTheEndOfTheNthWorkingDay()
    {
        var depth = new DepthCommitment(6, [new CadenceStep(1, 2)], DayKind.Working);
        var clock = DepthClock.Build(Input("2026-11-20T15:00:00-05:00"), depth);
        Assert.Equal(At("2026-11-25T00:00:00-05:00"), clock.Due);
        Assert.Equal(ClockState.Breached, clock.Final!.State);
    }

    [Fact]
    public void Depth_EveryStepKept_MetAtTheLastDeadline()
    {
        var depth = new DepthCommitment(9, [new CadenceStep(1, 2), new CadenceStep(2, 4)], DayKind.Calendar);
        var clock = DepthClock.Build(Input("2026-11-02T10:00:00-05:00", ("2026-11-02T11:00:00-05:00", false), ("2026-11-03T11:00:00-05:00", false)), depth);
        Assert.Equal(new ClockTransition(At("2026-11-06T10:00:00-05:00"), ClockState.Met, 2), clock.Final);
    }

    [Fact]
    public void Depth_NoCadence_RunsUntilReached()
    {
        var depth = new DepthCommitment(3, [], DayKind.Calendar);
        Assert.Null(DepthClock.Build(Input("2026-11-02T10:00:00-05:00"), depth).Final);
        Assert.Equal(ClockState.Met, DepthClock.Build(Input("2026-11-02T10:00:00-05:00", ("2026-11-02T10:05:00-05:00", true)), depth).Final!.State);
    }

    [Fact]
    public void EndedAtTheStart_IsStoppedAtOnce()
    {
        var input = Input("2026-11-24T10:00:00-05:00") with { EndedAt = At("2026-11-24T10:00:00-05:00") };
        Assert.Equal(ClockState.Stopped, SpeedClock.Build(input, new SpeedCommitment(30, ClockKind.Wall)).StateAt(At("2026-11-24T10:00:00-05:00")));
        Assert.Equal(ClockState.Stopped, DepthClock.Build(input, DepthCommitment.Default).StateAt(At("2026-11-24T10:00:00-05:00")));
    }
}
