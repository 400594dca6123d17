using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// A lead as the tracking sheet sees it: when it entered each stage (first entry), its segment and
/// lead type, whether its lead type is marketing-generated, and whether it was disqualified.
/// </summary>
/// <param name="Key">Unique (source and id).</param>
/// <param name="CreatedAt">When the lead was created; the start of its sales cycle.</param>
/// <param name="Segment">Its segment, or null.</param>
/// <param name="LeadType">Its lead type, or null.</param>
/// <param name="Marketing">Whether its lead type is marked marketing-generated in the agreement.</param>
/// <param name="Stages">The first time it entered each stage, by canonical stage name.</param>
public sealed record SheetLead(string Key, Instant CreatedAt, string? Segment, string? LeadType, bool Marketing, IReadOnlyDictionary<string, Instant> Stages);

/// <summary>
/// A deal: its lead (null when it has none), amount in the agreement's currency (null when the source
/// gave none: unknown, not 0), and whether and when it was won or lost.
/// </summary>
public sealed record SheetDeal(string? LeadKey, Fraction? Amount, bool Won, bool Lost, Instant? ClosedAt);
