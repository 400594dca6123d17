using NodaTime;
using Tandem.Domain.Leads;

namespace Tandem.Domain.Clocks;

/// <summary>
/// What the clocks of one lead are computed from: its stage history, its touches, its current
/// owner, and the fields the commitment rules match on (the tier is its lead type's quality).
/// </summary>
public sealed record LeadFacts(
    IReadOnlyList<StageChange> Stages,
    IReadOnlyList<Touch> Touches,
    string? Owner,
    string? Segment,
    string? LeadType,
    string? Tier);

/// <summary>
/// One handoff of a lead and its two clocks. <see cref="Episode"/> counts from 1: a lead that is
/// disqualified or recycled and then handed off again starts episode 2, as does a reassignment
/// when the agreement restarts clocks on one.
/// </summary>
public sealed record LeadClock(int Episode, Instant HandedOffAt, string Rep, string Rule, ClockTimeline Speed, ClockTimeline Depth)
{
    /// <summary>The version of the agreement the clocks run under (<see cref="ClockSettings.Version"/>).</summary>
    public long? Version { get; init; }
}

/// <summary>An agreement's clock settings: its commitments, the calendar of each rep, and an opaque version number that clocks remember.</summary>
public sealed record ClockSettings(Agreements.SalesCommitments Sales, Func<string, Calendars.BusinessCalendar> CalendarOfRep, long? Version);
