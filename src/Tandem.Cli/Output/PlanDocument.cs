using System.Globalization;
using Tandem.Cli.Commands;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;

namespace Tandem.Cli.Output;

/// <summary>
/// The JSON shape of <c>tandem plan --format json</c> (documented in docs/cli.md; scripts depend on
/// it: add fields, never rename or remove). Counts are integers; money is a number rounded to
/// cents; rates and shares are fractions (0.23) rounded to 6 places; exact needs, the unrounded
/// figures the counts come from, are strings with six decimal places (a script must not read them
/// through a double), stages also as an exact ratio "a/b".
/// </summary>
public sealed record PlanDocument(
    string Goal,
    string? Currency,
    decimal Quota,
    decimal MarketingShare,
    decimal MarketingRevenueGoal,
    decimal? DealSize,
    long? Customers,
    long LeadsNeeded,
    decimal? ValuePerLead,
    IReadOnlyList<StageDocument> Stages,
    decimal? PlannedLeadValue,
    IReadOnlyList<SegmentDocument>? Segments,
    IReadOnlyList<PartDocument>? LeadTypes,
    string? Period,
    int SalesCycle,
    string? LeadPeriod,
    decimal Tolerance,
    IReadOnlyList<GoalLineDocument>? Daily,
    string? CustomersExact,
    string LeadsExact)
{
    /// <summary>Builds the document from a computed plan.</summary>
    public static PlanDocument From(MarketingPlan plan, PlanContext context, IReadOnlyList<GoalLinePoint>? daily)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var input = plan.Input;
        var single = plan.Cells.Select(c => c.Funnel).Distinct().Count() == 1 ? plan.Cells[0].Funnel : null;
        return new PlanDocument(
            input.Goal == GoalKind.Value ? "value" : "count",
            context.Currency,
            Money(input.Quota),
            Proportion(input.MarketingShare.Value),
            Money(plan.MarketingRevenueGoal),
            input.DealSize is { } d ? Money(d) : null,
            plan.Total.Customers,
            plan.Total.LeadsNeeded,
            plan.Total.ValuePerLead is { } v ? Money(v) : null,
            StageDocument.From(plan.Total.Stages, single),
            plan.PlannedLeadValue is { } p ? Money(p) : null,
            input.Segments.Count == 0 ? null : plan.Segments.Select((s, i) => SegmentDocument.From(s, input.Segments[i], plan)).ToList(),
            plan.LeadTypes.Count == 0 ? null : plan.LeadTypes.Select(t => PartDocument.From(t, plan.Cells.Where(c => c.LeadType == t.Name).ToList(), input)).ToList(),
            context.Period?.ToString(),
            context.SalesCycle,
            context.LeadPeriod?.ToString(),
            Proportion(context.Tolerance.Band.Value),
            daily?.Select(GoalLineDocument.From).ToList(),
            ExactOrNull(plan.Total.CustomersExact),
            Exact(plan.Total.LeadsExact));
    }

    internal static decimal Money(Fraction value) => value.ToDecimal(2);

    internal static decimal Proportion(Fraction value) => value.ToDecimal(6);

    /// <summary>An exact need as a decimal string with six places: "304.888889", "250.000000".</summary>
    internal static string Exact(Fraction value) => value.ToDecimal(6).ToString("0.000000", CultureInfo.InvariantCulture);

    internal static string? ExactOrNull(Fraction? value) => value is { } v ? Exact(v) : null;

    /// <summary>An exact need as a ratio of whole numbers, always "a/b": "2744/9", "250/1".</summary>
    internal static string Ratio(Fraction value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Numerator}/{value.Denominator}");
}

/// <summary>A stage's count, its rate when the part uses one funnel, and the exact need the count comes from.</summary>
public sealed record StageDocument(string Name, long Count, decimal? Rate, string Exact, string ExactRatio)
{
    internal static IReadOnlyList<StageDocument> From(IReadOnlyList<StageCount> counts, Funnel? funnel) =>
        counts.Select(c => new StageDocument(c.Name, c.Count,
            funnel?.Stages.FirstOrDefault(s => s.Name == c.Name)?.Rate.Value is { } r ? PlanDocument.Proportion(r) : null,
            PlanDocument.Exact(c.Exact), PlanDocument.Ratio(c.Exact))).ToList();
}

/// <summary>A segment's figures, with its lead-type cells.</summary>
public sealed record SegmentDocument(
    string Name,
    decimal Share,
    decimal RevenueGoal,
    decimal? DealSize,
    long? Customers,
    long LeadsNeeded,
    decimal? ValuePerLead,
    IReadOnlyList<StageDocument> Stages,
    IReadOnlyList<PartDocument>? LeadTypes,
    string? CustomersExact,
    string LeadsExact)
{
    internal static SegmentDocument From(PlanPart part, SegmentDefinition definition, MarketingPlan plan)
    {
        var cells = plan.Cells.Where(c => c.Segment == definition.Name).ToList();
        var single = cells.Select(c => c.Funnel).Distinct().Count() == 1 ? cells[0].Funnel : null;
        return new SegmentDocument(
            part.Name!,
            PlanDocument.Proportion(definition.Share.Value),
            PlanDocument.Money(part.RevenueGoal),
            cells[0].DealSize is { } d ? PlanDocument.Money(d) : null,
            part.Customers,
            part.LeadsNeeded,
            part.ValuePerLead is { } v ? PlanDocument.Money(v) : null,
            StageDocument.From(part.Stages, single),
            cells.Any(c => c.LeadType is not null)
                ? cells.Select(c => PartDocument.From(c.Figures, [c], plan.Input)).ToList()
                : null,
            PlanDocument.ExactOrNull(part.CustomersExact),
            PlanDocument.Exact(part.LeadsExact));
    }
}

/// <summary>A lead type's figures (over all segments, or within one segment).</summary>
public sealed record PartDocument(
    string Name,
    decimal? Mix,
    decimal? Value,
    decimal RevenueGoal,
    long? Customers,
    long LeadsNeeded,
    decimal? ValuePerLead,
    IReadOnlyList<StageDocument> Stages,
    string? CustomersExact,
    string LeadsExact)
{
    internal static PartDocument From(PlanPart part, IReadOnlyList<PlanCell> cells, PlanInput input)
    {
        var planned = input.PlannedLeadTypes.FirstOrDefault(t => t.Type.Name == part.Name);
        var single = cells.Select(c => c.Funnel).Distinct().Count() == 1 ? cells[0].Funnel : null;
        return new PartDocument(
            part.Name!,
            planned.Type is null ? null : PlanDocument.Proportion(planned.Mix.Value),
            planned.Type?.Value is { } value ? PlanDocument.Money(value) : null,
            PlanDocument.Money(part.RevenueGoal),
            part.Customers,
            part.LeadsNeeded,
            part.ValuePerLead is { } v ? PlanDocument.Money(v) : null,
            StageDocument.From(part.Stages, single),
            PlanDocument.ExactOrNull(part.CustomersExact),
            PlanDocument.Exact(part.LeadsExact));
    }
}

/// <summary>One day of the goal line: cumulative goal and band, rounded to 2 places.</summary>
public sealed record GoalLineDocument(string Date, int Day, decimal Goal, decimal Lower, decimal Upper)
{
    internal static GoalLineDocument From(GoalLinePoint p) =>
        new(p.Date.ToString("uuuu-MM-dd", null), p.Day, p.Goal.ToDecimal(2), p.Lower.ToDecimal(2), p.Upper.ToDecimal(2));
}
