using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Data.Analytics;

/// <summary>
/// What marketing delivered: each marketing-generated lead's date of entry into the funnel's first
/// stage (in the agreement's zone) and what it counts for: 1 for a count goal, its lead type's value
/// for a value goal.
/// </summary>
public static class MarketingArrivals
{
    /// <summary>The arrivals, optionally of one segment only.</summary>
    public static IReadOnlyList<(SheetLead Lead, LocalDate Date, Fraction Worth)> Of(SheetData data, Agreement agreement, string? segment)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(agreement);
        var zone = agreement.Calendar.Zone;
        var value = agreement.Plan.Goal == GoalKind.Value;
        var values = agreement.Plan.LeadTypes.Where(t => t.Value is not null).ToDictionary(t => t.Name, t => t.Value!.Value, StringComparer.OrdinalIgnoreCase);
        return [.. data.Leads
            .Where(l => l.Marketing && (segment is null || string.Equals(l.Segment, segment, StringComparison.OrdinalIgnoreCase)))
            .Select(l => (Lead: l, At: TrackingSheet.CohortEntry(l, data.Funnel[0])))
            .Where(a => a.At is not null)
            .Select(a => (a.Lead, a.At!.Value.InZone(zone).Date,
                value ? (a.Lead.LeadType is { } t && values.TryGetValue(t, out var v) ? v : Fraction.Zero) : Fraction.One))];
    }
}
