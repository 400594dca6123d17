using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// One funnel rate of the plan and what raising it does to the goal: the leads needed if that rate
/// alone were <see cref="Improved"/>, everything else as planned.
/// </summary>
/// <param name="Funnel">Whose funnel: null for the plan's default, else the segment's or lead type's name.</param>
/// <param name="Step">The conversion, <c>MQL -> SQL</c> (the last stage converts into Customer).</param>
/// <param name="Current">The rate as planned.</param>
/// <param name="Improved">The rate raised by the step (at most 100%).</param>
/// <param name="LeadsNeeded">Total leads needed with the improved rate.</param>
/// <param name="Change">
/// Leads needed with the improved rate minus as planned: zero or negative when every cell shares the
/// funnel. Where cells have different funnels, raising one cell's rate also shifts the mix the totals
/// are rounded with, and the goal can come out a few leads higher.
/// </param>
public sealed record RateLever(string? Funnel, string Step, Rate Current, Rate Improved, long LeadsNeeded, long Change);

/// <summary>
/// Which rate moves the goal most: each funnel rate that some part of the plan uses is raised by the
/// same step on its own and the whole plan computed again, so the comparison includes everything
/// that rate feeds (the segments and lead types sharing it) and the rounding of the totals.
/// </summary>
public static class PlanSensitivity
{
    /// <summary>
    /// The levers of <paramref name="input"/>, the one that saves the most leads first (ties in funnel
    /// order). Empty for value goals, which do not go through a funnel.
    /// </summary>
    /// <param name="input">The plan as it stands.</param>
    /// <param name="step">How much each rate is raised, above 0 (one percentage point is 1/100).</param>
    public static IReadOnlyList<RateLever> Of(PlanInput input, Fraction step)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (step.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(step), "the step must be above 0");
        if (input.Goal == GoalKind.Value) return [];
        var current = PlanCalculator.Compute(input).Total.LeadsNeeded;
        var levers = new List<RateLever>();
        foreach (var (name, funnel, replace) in Funnels(input))
        {
            for (var i = 0; i < funnel.Stages.Count; i++)
            {
                var rate = funnel.Stages[i].Rate;
                if (rate.Value >= Fraction.One) continue;
                var raised = rate.Value + step;
                var improved = Rate.From(raised > Fraction.One ? Fraction.One : raised, "rate");
                var leads = PlanCalculator.Compute(replace(funnel.WithRate(i, improved))).Total.LeadsNeeded;
                var next = i + 1 < funnel.Stages.Count ? funnel.Stages[i + 1].Name : Funnel.CustomerStage;
                levers.Add(new RateLever(name, $"{funnel.Stages[i].Name} -> {next}", rate, improved, leads, checked(leads - current)));
            }
        }
        return [.. levers.Select((l, i) => (l, i)).OrderBy(p => p.l.Change).ThenBy(p => p.i).Select(p => p.l)];
    }

    /// <summary>Every funnel some cell uses, with how to put a changed copy of it back into the input.</summary>
    private static IEnumerable<(string? Name, Funnel Funnel, Func<Funnel, PlanInput> Replace)> Funnels(PlanInput input)
    {
        if (input.Funnel is { } main && input.UsesDefaultFunnel)
            yield return (null, main, f => With(input, funnel: f));
        for (var s = 0; s < input.Segments.Count; s++)
        {
            var index = s;
            if (input.Segments[index].Funnel is { } own && (input.PlannedLeadTypes.Count == 0 || input.PlannedLeadTypes.Any(t => t.Type.Funnel is null)))
                yield return (input.Segments[index].Name, own, f => With(input, segments: [.. input.Segments.Select((x, i) => i == index ? x with { Funnel = f } : x)]));
        }
        for (var t = 0; t < input.LeadTypes.Count; t++)
        {
            var index = t;
            if (input.LeadTypes[index].Funnel is { } own && input.PlannedLeadTypes.Any(p => p.Type.Name == input.LeadTypes[index].Name))
                yield return (input.LeadTypes[index].Name, own, f => With(input, leadTypes: [.. input.LeadTypes.Select((x, i) => i == index ? x with { Funnel = f } : x)]));
        }
    }

    private static PlanInput With(PlanInput input, Funnel? funnel = null, IReadOnlyList<SegmentDefinition>? segments = null, IReadOnlyList<LeadTypeDefinition>? leadTypes = null) =>
        new(input.Quota, input.MarketingShare, input.DealSize, funnel ?? input.Funnel, input.Goal, segments ?? input.Segments, leadTypes ?? input.LeadTypes);
}
