using NodaTime;

namespace Tandem.Domain.Leads;

/// <summary>
/// A lead entering <see cref="Stage"/> at <see cref="At"/>. For the handoff stage, <see cref="Rep"/> is
/// the rep who received the lead. Keyed by (source, lead, stage, time): the same change twice is one change.
/// </summary>
public sealed record StageChange(string Source, string LeadId, string Stage, Instant At, string? Rep);
