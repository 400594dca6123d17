using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// Computes the marketing side of the SLA. Simple form: goal = quota x marketing share; customers =
/// goal / deal size; leads = customers / close rate. Multi-stage: walk up the funnel from the
/// customers, each stage = next stage / its rate. Every count is rounded up, at every stage, so
/// the plan never under-delivers. Segments and lead types: the same per cell with the cell's own
/// share, deal size and rates; the totals are the sums.
/// </summary>
public static class PlanCalculator
{
    /// <summary>Computes the plan for <paramref name="input"/>.</summary>
    /// <exception cref="InvalidInputException">A count would not fit in 64 bits.</exception>
    public static MarketingPlan Compute(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var goal = input.MarketingRevenueGoal;
        var segments = input.Segments.Count == 0 ? [null] : input.Segments.Cast<SegmentDefinition?>().ToList();
        var types = input.PlannedLeadTypes.Count == 0
            ? [(null, Share.Whole)]
            : input.PlannedLeadTypes.Select(t => ((LeadTypeDefinition?)t.Type, t.Mix)).ToList();

        var cells = new List<PlanCell>();
        foreach (var segment in segments)
        {
            var segmentGoal = goal * (segment?.Share.Value ?? Fraction.One);
            foreach (var (type, mix) in types)
            {
                var cellGoal = segmentGoal * mix.Value;
                cells.Add(input.Goal == GoalKind.Value
                    ? ValueCell(segment, type!, cellGoal)
                    : CountCell(input, segment, type, cellGoal));
            }
        }
        return new MarketingPlan(input, cells);
    }

    private static PlanCell CountCell(PlanInput input, SegmentDefinition? segment, LeadTypeDefinition? type, Fraction cellGoal)
    {
        // PlanInput's constructor has checked that both resolve for every cell.
        var dealSize = segment?.DealSize ?? input.DealSize!.Value;
        var funnel = type?.Funnel ?? segment?.Funnel ?? input.Funnel!;
        var field = type is null ? "funnel" : $"leadTypes.{type.Name}.funnel";
        var customers = Counts.CeilingOf(cellGoal / dealSize, field);
        var stages = funnel.CountsFor(customers, field);
        var figures = new PlanPart(type?.Name ?? segment?.Name, cellGoal, customers, stages[0].Count, stages);
        return new PlanCell(segment?.Name, type?.Name, figures, dealSize, funnel, type?.Value);
    }

    private static PlanCell ValueCell(SegmentDefinition? segment, LeadTypeDefinition type, Fraction cellGoal)
    {
        var value = type.Value!.Value;
        var leads = Counts.CeilingOf(cellGoal / value, $"leadTypes.{type.Name}.value");
        var figures = new PlanPart(type.Name, cellGoal, null, leads, []);
        return new PlanCell(segment?.Name, type.Name, figures, null, null, value);
    }
}
