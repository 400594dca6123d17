using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;

namespace Tandem.Domain.Clocks;

/// <summary>
/// Depth of follow-up: each cadence step requires its attempts (capped at the target) by its
/// deadline (the same local time so many calendar days after the start, or the end of so many
/// working days after the start's day). Every attempt counts, a bounced email too. The clock is
/// met when the lead is reached (a connected or replied attempt), when the target number of
/// attempts is made, or when the last step's deadline passes with every step kept; it is breached
/// at the deadline of the first step missed, unless met before. It warns from the warning share of
/// a step's window (start to deadline) while that step lacks attempts, and runs again once it has them.
/// </summary>
public static class DepthClock
{
    /// <summary>The clock's timeline.</summary>
    public static ClockTimeline Build(ClockInput input, DepthCommitment depth)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(depth);
        var attempts = input.Counted();
        var steps = depth.Cadence.Select(step =>
        {
            var deadline = Deadline(input.Start, input.Calendar, depth, step);
            return new Step(deadline, input.Start + input.WarningPart(deadline - input.Start), depth.RequiredAt(step));
        }).ToList();

        var reached = attempts.Where(a => a.Reached).Select(a => (Instant?)a.At).FirstOrDefault();
        var target = attempts.Count >= depth.TargetAttempts ? attempts[depth.TargetAttempts - 1].At : (Instant?)null;
        var met = Earliest(reached, target);
        var (end, endState, endStep) = Final(steps, attempts, met);

        // The state only changes at these instants; walk them and keep each change.
        var candidates = steps.SelectMany(s => new[] { s.Warning, s.Deadline }).Concat(attempts.Select(a => a.At)).Append(input.Start);
        var transitions = new List<ClockTransition> { new(input.Start, ClockState.Running) };
        foreach (var t in candidates.Where(t => t > input.Start && (end is null || t < end)).Distinct().Order())
        {
            var (state, step) = Open(steps, attempts, t);
            if (state != transitions[^1].State) transitions.Add(new ClockTransition(t, state, step));
        }
        if (end is { } e) transitions.Add(new ClockTransition(e, endState, endStep));
        var due = steps.Count == 0 ? input.Start : steps[Math.Max(endStep, 1) - 1].Deadline;
        return new ClockTimeline(ClockCommitment.Depth, input.Start, due, ClockTimeline.EndedAt(transitions, input.EndedAt, input.EndState));
    }

    /// <summary>
    /// The deadline of <paramref name="step"/> for a clock started at <paramref name="start"/>: the same
    /// local time so many calendar days later, or the end of so many working days after the start's day.
    /// </summary>
    public static Instant Deadline(Instant start, BusinessCalendar calendar, DepthCommitment depth, CadenceStep step)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(depth);
        ArgumentNullException.ThrowIfNull(step);
        return depth.Days == DayKind.Calendar ? calendar.AddCalendarDays(start, step.WithinDays) : calendar.EndOfWorkingDays(start, step.WithinDays);
    }

    private sealed record Step(Instant Deadline, Instant Warning, int Required);

    /// <summary>How and when the clock ends, if it does: met, breached at the first missed step, or met at the last deadline.</summary>
    private static (Instant? At, ClockState State, int Step) Final(List<Step> steps, IReadOnlyList<Attempt> attempts, Instant? met)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (met is { } m && m <= steps[i].Deadline) return (m, ClockState.Met, i + 1);
            if (Count(attempts, steps[i].Deadline) < steps[i].Required) return (steps[i].Deadline, ClockState.Breached, i + 1);
        }
        if (steps.Count > 0) return (steps[^1].Deadline, ClockState.Met, steps.Count);
        return met is { } done ? (done, ClockState.Met, 0) : (null, ClockState.Running, 0);
    }

    /// <summary>Before the end: warning when the first step still lacking attempts is past its warning instant.</summary>
    private static (ClockState, int) Open(List<Step> steps, IReadOnlyList<Attempt> attempts, Instant t)
    {
        var count = Count(attempts, t);
        for (var i = 0; i < steps.Count; i++)
            if (count < steps[i].Required)
                return (t >= steps[i].Warning ? ClockState.Warning : ClockState.Running, i + 1);
        return (ClockState.Running, 0);
    }

    private static int Count(IReadOnlyList<Attempt> attempts, Instant upTo) => attempts.Count(a => a.At <= upTo);

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
