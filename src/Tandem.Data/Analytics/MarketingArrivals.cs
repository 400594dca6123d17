using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Data.Analytics;

/// <summary>Marketing's delivery on one day for one segment and lead type (keys as <see cref="ReportFactRows.Key"/>): what it counts for against the goal.</summary>
public sealed record Arrival(LocalDate Date, string SegmentKey, string LeadTypeKey, Fraction Worth)
{
    /// <summary>Whether this arrival belongs to a plan cell (null segment or lead type: any).</summary>
    public bool In(string? segment, string? leadType) =>
        (segment is null || SegmentKey == ReportFactRows.Key(segment)) && (leadType is null || LeadTypeKey == ReportFactRows.Key(leadType));
}

/// <summary>
/// What marketing delivered: marketing-generated leads by the date they entered the funnel's first
/// stage (in the agreement's zone), each counting 1 toward a count goal or its lead type's value
/// toward a value goal. Read from the raw records (the scorecard, the tests' oracle) or from the
/// daily rollup (the pacing report), with the same marking of lead types.
/// </summary>
public static class MarketingArrivals
{
    /// <summary>The arrivals of every lead in <paramref name="data"/>, optionally of one segment only.</summary>
    public static IReadOnlyList<Arrival> Of(SheetData data, Agreement agreement, string? segment)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(agreement);
        var zone = agreement.Calendar.Zone;
        var worth = WorthOf(agreement);
        return [.. data.Leads
            .Where(l => l.Marketing && (segment is null || ReportFactRows.Key(l.Segment) == ReportFactRows.Key(segment)))
            .Select(l => (Lead: l, At: TrackingSheet.CohortEntry(l, data.Funnel[0])))
            .Where(a => a.At is not null)
            .Select(a => new Arrival(a.At!.Value.InZone(zone).Date, ReportFactRows.Key(a.Lead.Segment), ReportFactRows.Key(a.Lead.LeadType), worth(ReportFactRows.Key(a.Lead.LeadType)) ?? Fraction.Zero))];
    }

    /// <summary>The arrivals of the daily rollup's rows, leaving out lead types that are not marketing's.</summary>
    public static IReadOnlyList<Arrival> FromRollup(IEnumerable<DailyArrivals> rows, Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(agreement);
        var worth = WorthOf(agreement);
        return [.. rows.Select(r => (Row: r, Each: worth(r.LeadTypeKey))).Where(r => r.Each is not null)
            .Select(r => new Arrival(r.Row.Date, r.Row.SegmentKey, r.Row.LeadTypeKey, r.Each!.Value * r.Row.Leads))];
    }

    /// <summary>What one lead of a lead type counts for; null when the type is not marketing's (with no lead types listed, every lead is).</summary>
    private static Func<string, Fraction?> WorthOf(Agreement agreement)
    {
        var value = agreement.Plan.Goal == GoalKind.Value;
        var types = agreement.Plan.LeadTypes;
        if (types.Count == 0) return _ => value ? Fraction.Zero : Fraction.One;
        var marketing = types.Where(t => t.Origin == LeadOrigin.Marketing)
            .ToDictionary(t => ReportFactRows.Key(t.Name), t => value ? t.Value ?? Fraction.Zero : Fraction.One);
        return key => marketing.TryGetValue(key, out var each) ? each : null;
    }
}
