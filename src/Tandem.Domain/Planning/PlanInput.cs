using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// Everything the marketing-side plan needs, checked as a whole on construction so that an
/// inconsistent plan cannot exist. Error fields use agreement-file paths (<c>quota</c>,
/// <c>segments[2].dealSize</c>; list positions count from 1).
/// </summary>
public sealed class PlanInput
{
    /// <summary>Creates and checks the input.</summary>
    /// <param name="quota">The sales quota for the period, above zero.</param>
    /// <param name="marketingShare">Share of revenue from marketing-generated leads (default 100%).</param>
    /// <param name="dealSize">Default average deal size; required for count goals unless every segment has one.</param>
    /// <param name="funnel">Default funnel; required unless every segment or lead type has one.</param>
    /// <param name="goal">Count (leads) or value (sum of lead value).</param>
    /// <param name="segments">Segments with shares summing to 100%; none means one unnamed segment.</param>
    /// <param name="leadTypes">Lead types; marketing ones with a mix split the goal between them.</param>
    /// <exception cref="InvalidInputException">Any rule above is broken.</exception>
    public PlanInput(
        Fraction quota,
        Share? marketingShare = null,
        Fraction? dealSize = null,
        Funnel? funnel = null,
        GoalKind goal = GoalKind.Count,
        IReadOnlyList<SegmentDefinition>? segments = null,
        IReadOnlyList<LeadTypeDefinition>? leadTypes = null)
    {
        Quota = Amount.RequirePositive(quota, "quota");
        MarketingShare = marketingShare ?? Share.Whole;
        DealSize = dealSize is { } d ? Amount.RequirePositive(d, "dealSize") : null;
        Funnel = funnel;
        Goal = goal;
        Segments = segments ?? [];
        LeadTypes = leadTypes ?? [];
        CheckSegments();
        PlannedLeadTypes = CheckLeadTypes();
        CheckFunnelsAgree();
        CheckEveryCellResolves();
    }

    /// <summary>The sales quota for the period.</summary>
    public Fraction Quota { get; }

    /// <summary>Share of revenue expected from marketing-generated leads.</summary>
    public Share MarketingShare { get; }

    /// <summary>Default deal size.</summary>
    public Fraction? DealSize { get; }

    /// <summary>Default funnel.</summary>
    public Funnel? Funnel { get; }

    /// <summary>Count or value goal.</summary>
    public GoalKind Goal { get; }

    /// <summary>The segments (empty: one unnamed segment holding the whole goal).</summary>
    public IReadOnlyList<SegmentDefinition> Segments { get; }

    /// <summary>Every lead type, including sales-generated ones.</summary>
    public IReadOnlyList<LeadTypeDefinition> LeadTypes { get; }

    /// <summary>
    /// The marketing lead types that split the goal, each with its mix (empty when the plan is not
    /// split by lead type). A single marketing type without a mix takes 100%.
    /// </summary>
    public IReadOnlyList<(LeadTypeDefinition Type, Share Mix)> PlannedLeadTypes { get; }

    /// <summary>Quota x marketing share: the revenue marketing's leads must bring.</summary>
    public Fraction MarketingRevenueGoal => Quota * MarketingShare.Value;

    /// <summary>
    /// Whether some cell plans with the default <see cref="DealSize"/>: a count goal with a segment
    /// (or no segments) lacking its own. When every segment has its own, the default changes nothing.
    /// </summary>
    public bool UsesDefaultDealSize => Goal == GoalKind.Count && DealSize is not null && (Segments.Count == 0 || Segments.Any(s => s.DealSize is null));

    /// <summary>
    /// Whether some cell plans with the default <see cref="Funnel"/>: a count goal where some
    /// segment and some planned lead type both lack their own (a lead type's own comes first, then the segment's).
    /// </summary>
    public bool UsesDefaultFunnel =>
        Goal == GoalKind.Count && Funnel is not null
        && (Segments.Count == 0 || Segments.Any(s => s.Funnel is null))
        && (PlannedLeadTypes.Count == 0 || PlannedLeadTypes.Any(t => t.Type.Funnel is null));

    private void CheckSegments()
    {
        if (Segments.Count == 0) return;
        CheckUniqueNames(Segments.Select(s => s.Name), "segments");
        var total = Segments.Aggregate(Fraction.Zero, (sum, s) => sum + s.Share.Value);
        if (total != Fraction.One)
            throw new InvalidInputException("segments", $"segment shares sum to {Percent.Format(total)}, not 100%");
        for (var i = 0; i < Segments.Count; i++)
            if (Segments[i].DealSize is { } size) Amount.RequirePositive(size, $"segments[{i + 1}].dealSize");
    }

    private List<(LeadTypeDefinition, Share)> CheckLeadTypes()
    {
        CheckUniqueNames(LeadTypes.Select(t => t.Name), "leadTypes");
        for (var i = 0; i < LeadTypes.Count; i++)
        {
            var type = LeadTypes[i];
            if (type.Origin == LeadOrigin.Sales && type.Mix is not null)
                throw new InvalidInputException($"leadTypes[{i + 1}].mix", $"'{type.Name}' is sales-generated; only marketing lead types share marketing's goal");
            if (type.Value is { } value) Amount.RequirePositive(value, $"leadTypes[{i + 1}].value");
        }

        var marketing = LeadTypes.Select((t, i) => (Type: t, Index: i + 1)).Where(x => x.Type.Origin == LeadOrigin.Marketing).ToList();
        var withMix = marketing.Where(x => x.Type.Mix is not null).ToList();
        List<(LeadTypeDefinition, Share)> planned;
        if (withMix.Count == 0)
        {
            planned = marketing.Count == 1 ? [(marketing[0].Type, Share.Whole)] : [];
        }
        else
        {
            var missing = marketing.FirstOrDefault(x => x.Type.Mix is null);
            if (missing.Type is not null)
                throw new InvalidInputException($"leadTypes[{missing.Index}].mix", $"'{missing.Type.Name}' has no mix; give every marketing lead type a mix, or none");
            var total = withMix.Aggregate(Fraction.Zero, (sum, x) => sum + x.Type.Mix!.Value.Value);
            if (total != Fraction.One)
                throw new InvalidInputException("leadTypes", $"marketing lead type mixes sum to {Percent.Format(total)}, not 100%");
            planned = withMix.Select(x => (x.Type, x.Type.Mix!.Value)).ToList();
        }

        if (Goal == GoalKind.Value)
        {
            if (planned.Count == 0)
                throw new InvalidInputException("leadTypes", "a value goal needs marketing lead types with a value and a mix that sums to 100%");
            var index = LeadTypes.ToList();
            foreach (var (type, _) in planned)
                if (type.Value is null)
                    throw new InvalidInputException($"leadTypes[{index.IndexOf(type) + 1}].value", $"'{type.Name}' needs a value per lead for a value goal");
        }
        return planned;
    }

    /// <summary>
    /// Every funnel given (the agreement's, a segment's, a lead type's) must name the same stages in
    /// the same order: the plan sums the cells' needs stage by stage and rounds once on those sums,
    /// which means nothing when one cell counts MQLs where another counts leads.
    /// </summary>
    private void CheckFunnelsAgree()
    {
        var funnels = new List<(string Field, string Owner, Funnel Funnel)>();
        if (Funnel is { } main) funnels.Add(("funnel", "the agreement's funnel", main));
        for (var i = 0; i < Segments.Count; i++)
            if (Segments[i].Funnel is { } own) funnels.Add(($"segments[{i + 1}].funnel", $"the funnel of segment '{Segments[i].Name}'", own));
        for (var i = 0; i < LeadTypes.Count; i++)
            if (LeadTypes[i].Funnel is { } own) funnels.Add(($"leadTypes[{i + 1}].funnel", $"the funnel of lead type '{LeadTypes[i].Name}'", own));
        if (funnels.Count == 0) return;
        var first = funnels[0];
        foreach (var (field, _, funnel) in funnels.Skip(1))
            if (!funnel.NamesSameStages(first.Funnel))
                throw new InvalidInputException(field, $"names the stages {funnel.StageNames()}, but {first.Owner} names {first.Funnel.StageNames()}; "
                    + "every funnel must name the same stages in the same order (only the rates may differ)");
    }

    private void CheckEveryCellResolves()
    {
        var segments = Segments.Count == 0 ? [null] : Segments.Cast<SegmentDefinition?>().ToList();
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            var where = segment is null ? "" : $" (segment '{segment.Name}')";
            if (Goal == GoalKind.Count && (segment?.DealSize ?? DealSize) is null)
                throw new InvalidInputException(segment is null ? "dealSize" : $"segments[{s + 1}].dealSize", $"is required{where}: give a dealSize for the agreement or for this segment");
            if (Goal == GoalKind.Value) continue;
            var types = PlannedLeadTypes.Count == 0 ? [null] : PlannedLeadTypes.Select(t => (LeadTypeDefinition?)t.Type).ToList();
            foreach (var type in types)
                if ((type?.Funnel ?? segment?.Funnel ?? Funnel) is null)
                    throw new InvalidInputException(segment is null ? "funnel" : $"segments[{s + 1}].funnel", $"is required{where}: give the funnel rates for the agreement, the segment or the lead type");
        }
    }

    private static void CheckUniqueNames(IEnumerable<string> names, string field)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var name in names)
        {
            position++;
            if (string.IsNullOrWhiteSpace(name)) throw new InvalidInputException($"{field}[{position}].name", "is empty");
            if (!seen.Add(name.Trim())) throw new InvalidInputException($"{field}[{position}].name", $"'{name.Trim()}' appears twice");
        }
    }
}
