using NodaTime;

namespace Tandem.Domain.Leads;

/// <summary>
/// A sales rep, keyed by (<see cref="Source"/>, <see cref="Id"/>); leads name their owner by this id.
/// <see cref="TimeZone"/> is an IANA id; <see cref="MarketingShare"/> is the share of the rep's time
/// for marketing-generated leads, from 0 to 1.
/// </summary>
public sealed record Rep(
    string Source,
    string Id,
    string? Name,
    string? Email,
    string? Team,
    string? TimeZone,
    LocalDate? StartDate,
    decimal? WeeklyHours,
    decimal? MarketingShare);
