using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// Computes the marketing side of the SLA. Goal = quota x marketing share, split into segment x
/// lead type cells by the segments' shares and the lead types' mix. Each cell's exact need follows
/// from its own deal size and funnel: customers = cell goal / deal size; walking up the funnel, each
/// stage = the next stage's exact need / the step's rate (value goals: leads = cell goal / value per
/// lead). Nothing is rounded per cell: the exact needs are summed and rounded once, on the totals
/// (<see cref="RoundOnce"/>), and each stage's total is then apportioned to the cells in proportion
/// to their exact needs (<see cref="LargestRemainder"/>, ties to the cell first in the agreement,
/// segments then lead types). The cells therefore add up to the totals, and a plan with one funnel
/// and deal size gives the seeds' chain however it is split.
/// </summary>
public static class PlanCalculator
{
    /// <summary>Computes the plan for <paramref name="input"/>.</summary>
    /// <exception cref="InvalidInputException">A count would not fit in 64 bits.</exception>
    public static MarketingPlan Compute(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var specs = Specs(input);
        // Levels: the funnel's stages, top first, then customers; a value goal has one level, leads.
        var levels = specs[0].Exact.Length;
        var exactTotals = Enumerable.Range(0, levels).Select(l => specs.Aggregate(Fraction.Zero, (sum, c) => sum + c.Exact[l])).ToList();
        var totals = RoundOnce.Totals(exactTotals, input.Goal == GoalKind.Value ? "leadTypes" : "funnel");
        var counts = Enumerable.Range(0, levels).Select(l => LargestRemainder.Apportion(totals[l], [.. specs.Select(c => c.Exact[l])])).ToList();

        var cells = new List<PlanCell>();
        for (var c = 0; c < specs.Count; c++)
        {
            var spec = specs[c];
            var name = spec.Type?.Name ?? spec.Segment?.Name;
            PlanPart figures;
            if (spec.Funnel is { } funnel)
            {
                var stages = funnel.Stages.Select((s, l) => new StageCount(s.Name, counts[l][c], spec.Exact[l])).ToList();
                var last = levels - 1;
                figures = new PlanPart(name, spec.Goal, counts[last][c], spec.Exact[last], counts[0][c], spec.Exact[0], stages);
            }
            else
            {
                figures = new PlanPart(name, spec.Goal, null, null, counts[0][c], spec.Exact[0], []);
            }
            cells.Add(new PlanCell(spec.Segment?.Name, spec.Type?.Name, figures, spec.DealSize, spec.Funnel, spec.Type?.Value));
        }
        return new MarketingPlan(input, cells);
    }

    /// <summary>The cells in agreement order (segments, then lead types within each), with their exact needs.</summary>
    private static List<CellSpec> Specs(PlanInput input)
    {
        var goal = input.MarketingRevenueGoal;
        var segments = input.Segments.Count == 0 ? [null] : input.Segments.Cast<SegmentDefinition?>().ToList();
        var types = input.PlannedLeadTypes.Count == 0
            ? [(null, Share.Whole)]
            : input.PlannedLeadTypes.Select(t => ((LeadTypeDefinition?)t.Type, t.Mix)).ToList();

        var specs = new List<CellSpec>();
        foreach (var segment in segments)
        {
            var segmentGoal = goal * (segment?.Share.Value ?? Fraction.One);
            foreach (var (type, mix) in types)
            {
                var cellGoal = segmentGoal * mix.Value;
                if (input.Goal == GoalKind.Value)
                {
                    specs.Add(new CellSpec(segment, type, cellGoal, null, null, [cellGoal / type!.Value!.Value]));
                    continue;
                }
                // PlanInput's constructor has checked that both resolve for every cell.
                var dealSize = segment?.DealSize ?? input.DealSize!.Value;
                var funnel = type?.Funnel ?? segment?.Funnel ?? input.Funnel!;
                specs.Add(new CellSpec(segment, type, cellGoal, dealSize, funnel, ExactNeeds(cellGoal / dealSize, funnel)));
            }
        }
        return specs;
    }

    /// <summary>Exact needs at every stage, top first, then the customers themselves.</summary>
    private static Fraction[] ExactNeeds(Fraction customers, Funnel funnel)
    {
        var needs = new Fraction[funnel.Stages.Count + 1];
        needs[^1] = customers;
        for (var s = funnel.Stages.Count - 1; s >= 0; s--)
            needs[s] = needs[s + 1] / funnel.Stages[s].Rate.Value;
        return needs;
    }

    private sealed record CellSpec(SegmentDefinition? Segment, LeadTypeDefinition? Type, Fraction Goal, Fraction? DealSize, Funnel? Funnel, Fraction[] Exact);
}
