using NodaTime;

namespace Tandem.Domain.Leads;

/// <summary>
/// A deal, keyed by (<see cref="Source"/>, <see cref="Id"/>), linked to the lead it came from when the
/// CRM says so. <see cref="ClosedAt"/> is set for won and lost deals.
/// </summary>
public sealed record Deal(
    string Source,
    string Id,
    string? LeadId,
    decimal? Amount,
    string? Currency,
    DealStatus Status,
    Instant? ClosedAt,
    Instant? CreatedAt);
