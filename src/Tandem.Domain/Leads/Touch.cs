using NodaTime;

namespace Tandem.Domain.Leads;

/// <summary>One follow-up attempt by a rep, keyed by (<see cref="Source"/>, <see cref="Id"/>).</summary>
public sealed record Touch(
    string Source,
    string Id,
    string LeadId,
    string? Rep,
    TouchChannel Channel,
    Instant At,
    TouchOutcome? Outcome);
