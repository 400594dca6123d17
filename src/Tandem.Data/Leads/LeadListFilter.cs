using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Leads;

/// <summary>How a lead list is ordered: newest handoff first, or by the minutes to first touch (wall-clock or working), quickest first and the never touched last.</summary>
public enum LeadListSort
{
    /// <summary>Newest handoff first.</summary>
    Newest,
    /// <summary>Wall-clock minutes from handoff to first touch, quickest first, the never touched last.</summary>
    WallMinutes,
    /// <summary>Working minutes from handoff to first touch, quickest first, the never touched last.</summary>
    WorkingMinutes,
}

/// <summary>
/// Which handoffs a lead list keeps: those dated in [<see cref="From"/>, <see cref="To"/>) (days in
/// the agreement's zone, as the speed and depth reports date them), and optionally one segment and
/// one lead type (matched as the facts key them), one rep (ignoring case), touched or never touched,
/// within the speed commitment or not, the state now of the <see cref="Commitment"/>'s clock
/// (running, warning, breached, met, stopped, cancelled), excused or not (that clock's breach), and
/// <see cref="Viewer"/>: a sales rep, who sees only the leads they own or whose handoff is theirs.
/// </summary>
public sealed record LeadListFilter(LocalDate From, LocalDate To)
{
    /// <summary>One segment, or null for all.</summary>
    public string? Segment { get; init; }

    /// <summary>One lead type, or null for all.</summary>
    public string? LeadType { get; init; }

    /// <summary>One rep's handoffs (ignoring case), or null for all.</summary>
    public string? Rep { get; init; }

    /// <summary>The clock whose state a row shows and <see cref="State"/> and <see cref="Excused"/> filter on: speed or depth.</summary>
    public string Commitment { get; init; } = "speed";

    /// <summary>Touched (true), never touched (false), or either.</summary>
    public bool? Touched { get; init; }

    /// <summary>First touched within the speed commitment (true), not (false), or either.</summary>
    public bool? Within { get; init; }

    /// <summary>
    /// An age of the depth report (7, 14 or 30 days; null for no filter): only handoffs that old by
    /// now, and of them those reached before that age (<see cref="Reached"/> true) or those the depth
    /// report counts as not reached at it (false). Handoffs no longer worked by then (stopped,
    /// restarted) are in neither, as the depth report leaves them out.
    /// </summary>
    public int? ReachedWithin { get; init; }

    /// <summary>With <see cref="ReachedWithin"/>: reached before that age (true, the default) or not (false).</summary>
    public bool Reached { get; init; } = true;

    /// <summary>The clock's state now, or null for any.</summary>
    public ClockState? State { get; init; }

    /// <summary>The clock's breach excused (true), not excused (false), or either.</summary>
    public bool? Excused { get; init; }

    /// <summary>A sales rep's id: only the leads they own or whose handoff is theirs; null for everyone's.</summary>
    public string? Viewer { get; init; }

    /// <summary>The order.</summary>
    public LeadListSort Sort { get; init; }
}
