using NodaTime;

namespace Tandem.Domain.Clocks;

/// <summary>A change of an SLA clock's state at an instant; <see cref="Step"/> is the cadence step (from 1) a depth change concerns, else 0.</summary>
public sealed record ClockTransition(Instant At, ClockState State, int Step = 0);

/// <summary>
/// Everything one SLA clock will do given what is known now: its transitions in time order, the
/// first always <see cref="ClockState.Running"/> at the start. The state at any instant is that of
/// the last transition at or before it; a new touch or stage change means a new timeline. The next
/// transition after now is the instant to store, so that finding the clocks due is an index lookup.
/// </summary>
public sealed class ClockTimeline
{
    /// <summary>Creates a timeline; transitions must be in time order and start with Running.</summary>
    public ClockTimeline(ClockCommitment commitment, Instant start, Instant due, IReadOnlyList<ClockTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (transitions.Count == 0 || transitions[0].State != ClockState.Running || transitions[0].At != start)
            throw new ArgumentException("a timeline starts Running at its start", nameof(transitions));
        for (var i = 1; i < transitions.Count; i++)
        {
            if (transitions[i].At < transitions[i - 1].At) throw new ArgumentException("transitions out of order", nameof(transitions));
            if (transitions[i - 1].State.IsFinal()) throw new ArgumentException("nothing follows a final state", nameof(transitions));
        }
        Commitment = commitment;
        Start = start;
        Due = due;
        Transitions = transitions;
    }

    /// <summary>Speed or depth.</summary>
    public ClockCommitment Commitment { get; }

    /// <summary>The handoff (or restart) the clock runs from.</summary>
    public Instant Start { get; }

    /// <summary>The deadline that decides the clock (for depth: of the step it ended on, or the last step).</summary>
    public Instant Due { get; }

    /// <summary>The changes of state, in time order.</summary>
    public IReadOnlyList<ClockTransition> Transitions { get; }

    /// <summary>The last transition at or before <paramref name="now"/>; before the start, the first.</summary>
    public ClockTransition At(Instant now)
    {
        var current = Transitions[0];
        foreach (var t in Transitions)
        {
            if (t.At > now) break;
            current = t;
        }
        return current;
    }

    /// <summary>The state at <paramref name="now"/>.</summary>
    public ClockState StateAt(Instant now) => At(now).State;

    /// <summary>The first transition after <paramref name="now"/>, or null when none is coming (the clock is final or waits on a touch).</summary>
    public ClockTransition? NextAfter(Instant now) => Transitions.FirstOrDefault(t => t.At > now);

    /// <summary>The final transition, if the clock has one.</summary>
    public ClockTransition? Final => Transitions[^1].State.IsFinal() ? Transitions[^1] : null;

    /// <summary>The transitions up to <paramref name="end"/> (excluded), then <paramref name="state"/> at <paramref name="end"/> unless a final state came first.</summary>
    internal static List<ClockTransition> EndedAt(List<ClockTransition> transitions, Instant? end, ClockState state)
    {
        if (end is not { } e) return transitions;
        // A deadline falling at the very instant the clock ends still counts.
        var kept = transitions.Where((t, i) => i == 0 || t.At < e || (t.At == e && t.State.IsFinal())).ToList();
        if (!kept[^1].State.IsFinal()) kept.Add(new ClockTransition(e, state));
        return kept;
    }
}
