using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// The figures for one part of the plan: the whole, a segment, a lead type, or one segment's lead
/// type (a cell). Counts are whole; amounts and exact needs are exact fractions. A cell's counts
/// are its share of the plan's totals (see <see cref="PlanCalculator"/>); any other part's are the
/// sums of its cells, and so are its exact needs.
/// </summary>
/// <param name="Name">The segment or lead type name; null for the whole plan.</param>
/// <param name="RevenueGoal">The revenue (count goal) or lead value (value goal) this part must bring.</param>
/// <param name="Customers">Customers needed (count goals only; the value goal skips this step).</param>
/// <param name="CustomersExact">The exact customers the part's revenue goal takes (revenue goal / deal size, summed over its cells); null for value goals.</param>
/// <param name="LeadsNeeded">Leads entering the first stage of the funnel.</param>
/// <param name="LeadsExact">The exact leads the part needs at the first stage (value goals: its lead value goal / its value per lead).</param>
/// <param name="Stages">Count per stage, first stage first (empty for value goals).</param>
public sealed record PlanPart(
    string? Name,
    Fraction RevenueGoal,
    long? Customers,
    Fraction? CustomersExact,
    long LeadsNeeded,
    Fraction LeadsExact,
    IReadOnlyList<StageCount> Stages)
{
    /// <summary>Revenue goal / leads needed; null when no leads are needed (a zero goal).</summary>
    public Fraction? ValuePerLead => LeadsNeeded == 0 ? null : RevenueGoal / LeadsNeeded;
}

/// <summary>One segment x lead type cell, the unit the plan is computed in.</summary>
/// <param name="Segment">Segment name, or null when the plan has no segments.</param>
/// <param name="LeadType">Lead type name, or null when the plan is not split by lead type.</param>
/// <param name="Figures">The cell's figures.</param>
/// <param name="DealSize">Deal size used (count goals).</param>
/// <param name="Funnel">Funnel used (count goals).</param>
/// <param name="LeadValue">The lead type's declared value per lead, if any.</param>
public sealed record PlanCell(
    string? Segment,
    string? LeadType,
    PlanPart Figures,
    Fraction? DealSize,
    Funnel? Funnel,
    Fraction? LeadValue);

/// <summary>
/// The marketing side of the SLA for one period: what marketing's leads must bring, and how many
/// leads that takes, overall, per segment and per lead type. The total is always the sum of the
/// cells (the cells are the totals apportioned), so segment plans sum to the total by construction.
/// </summary>
public sealed class MarketingPlan
{
    internal MarketingPlan(PlanInput input, IReadOnlyList<PlanCell> cells)
    {
        Input = input;
        Cells = cells;
        Total = Sum(null, input.MarketingRevenueGoal, cells);
        Segments = input.Segments.Count == 0
            ? []
            : input.Segments.Select(s => Sum(s.Name, input.MarketingRevenueGoal * s.Share.Value, cells.Where(c => c.Segment == s.Name))).ToList();
        LeadTypes = input.PlannedLeadTypes
            .Select(t => Sum(t.Type.Name, input.MarketingRevenueGoal * t.Mix.Value, cells.Where(c => c.LeadType == t.Type.Name)))
            .ToList();
    }

    /// <summary>The input the plan was computed from.</summary>
    public PlanInput Input { get; }

    /// <summary>Quota x marketing share.</summary>
    public Fraction MarketingRevenueGoal => Input.MarketingRevenueGoal;

    /// <summary>The whole plan: the sum of every cell.</summary>
    public PlanPart Total { get; }

    /// <summary>Per segment, in the agreement's order (empty without segments).</summary>
    public IReadOnlyList<PlanPart> Segments { get; }

    /// <summary>Per planned marketing lead type, summed over segments (empty when not split by type).</summary>
    public IReadOnlyList<PlanPart> LeadTypes { get; }

    /// <summary>Every segment x lead type cell.</summary>
    public IReadOnlyList<PlanCell> Cells { get; }

    /// <summary>
    /// The lead value the plan's leads carry, at each type's declared value (value goals). Near the
    /// goal but not always above it: the leads are rounded once on the total and apportioned, so a
    /// cell of valuable leads may get its share rounded down.
    /// </summary>
    public Fraction? PlannedLeadValue =>
        Input.Goal == GoalKind.Value
            ? Cells.Aggregate(Fraction.Zero, (sum, c) => sum + c.LeadValue!.Value * c.Figures.LeadsNeeded)
            : null;

    private static PlanPart Sum(string? name, Fraction goal, IEnumerable<PlanCell> cells)
    {
        var list = cells.ToList();
        var counted = list.All(c => c.Figures.Customers is not null);
        long? customers = counted ? list.Sum(c => c.Figures.Customers!.Value) : null;
        Fraction? customersExact = counted ? list.Aggregate(Fraction.Zero, (sum, c) => sum + c.Figures.CustomersExact!.Value) : null;
        var stages = new List<StageCount>();
        foreach (var stage in list.SelectMany(c => c.Figures.Stages))
        {
            // Every funnel names the same stages (PlanInput checks it); case may differ.
            var at = stages.FindIndex(s => string.Equals(s.Name, stage.Name, StringComparison.OrdinalIgnoreCase));
            if (at < 0) stages.Add(stage);
            else stages[at] = stages[at] with { Count = checked(stages[at].Count + stage.Count), Exact = stages[at].Exact + stage.Exact };
        }
        return new PlanPart(name, goal, customers, customersExact, list.Sum(c => c.Figures.LeadsNeeded),
            list.Aggregate(Fraction.Zero, (sum, c) => sum + c.Figures.LeadsExact), stages);
    }
}
