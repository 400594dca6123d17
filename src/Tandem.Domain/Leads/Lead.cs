using NodaTime;

namespace Tandem.Domain.Leads;

/// <summary>
/// A lead as the CRM knows it, keyed by (<see cref="Source"/>, <see cref="Id"/>). Contact fields are
/// untrusted text from web forms. A lead type or segment the agreement does not know is kept as written.
/// </summary>
public sealed record Lead(
    string Source,
    string Id,
    Instant CreatedAt,
    string? LeadType,
    string? Segment,
    string? Owner,
    string? Name,
    string? Email,
    string? Company,
    string? Title);
