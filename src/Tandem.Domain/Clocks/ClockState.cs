namespace Tandem.Domain.Clocks;

/// <summary>Where an SLA clock stands. <see cref="Breached"/>, <see cref="Met"/>, <see cref="Stopped"/> and <see cref="Cancelled"/> are final.</summary>
public enum ClockState
{
    /// <summary>Within the allowed time.</summary>
    Running,
    /// <summary>Past the warning share of the allowed time, not yet met: the lead can still be saved.</summary>
    Warning,
    /// <summary>The deadline passed without the commitment being met.</summary>
    Breached,
    /// <summary>The commitment was met.</summary>
    Met,
    /// <summary>The lead was disqualified or recycled before the clock ended.</summary>
    Stopped,
    /// <summary>The clock no longer applies: another rule matches the lead now, or a reassignment restarted it.</summary>
    Cancelled,
}

/// <summary>The two clocks every handed-off lead carries.</summary>
public enum ClockCommitment
{
    /// <summary>First touch within the allowed time of handoff.</summary>
    Speed,
    /// <summary>Attempts on the cadence until the lead is reached.</summary>
    Depth,
}

/// <summary>Helpers on <see cref="ClockState"/>.</summary>
public static class ClockStates
{
    /// <summary>Whether nothing changes the state any more.</summary>
    public static bool IsFinal(this ClockState state) => state is ClockState.Breached or ClockState.Met or ClockState.Stopped or ClockState.Cancelled;

    /// <summary>The lower-case word the CLI, API and events use: running, warning, breached, met, stopped, cancelled.</summary>
    public static string Word(this ClockState state) => state.ToString().ToLowerInvariant();
}
