using NodaTime;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Clocks;

/// <summary>A follow-up attempt as the clocks see it: when, and whether it reached the lead (connected or replied).</summary>
public readonly record struct Attempt(Instant At, bool Reached);

/// <summary>
/// What a clock is computed from: its start (the handoff, or a restart), the calendar of the
/// receiving rep, the share of the allowed time after which it warns, the attempts made, and how
/// it ended early, if it did (stopped when the lead was disqualified or recycled, cancelled when
/// another rule matches or a reassignment restarted it). Attempts before the start or at or after
/// the end do not count.
/// </summary>
public sealed record ClockInput(Instant Start, BusinessCalendar Calendar, Share WarnAt, IReadOnlyList<Attempt> Attempts, Instant? EndedAt = null, ClockState EndState = ClockState.Stopped)
{
    /// <summary>The attempts that count, in time order.</summary>
    public IReadOnlyList<Attempt> Counted() =>
        [.. Attempts.Where(a => a.At >= Start && (EndedAt is not { } end || a.At < end)).OrderBy(a => a.At)];

    /// <summary>The warning share of <paramref name="allowed"/>, rounded down to the second.</summary>
    public Duration WarningPart(Duration allowed)
    {
        var seconds = new System.Numerics.BigInteger(allowed.BclCompatibleTicks / TimeSpan.TicksPerSecond) * WarnAt.Value.Numerator / WarnAt.Value.Denominator;
        return Duration.FromSeconds((long)seconds);
    }
}
