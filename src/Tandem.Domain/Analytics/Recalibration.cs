using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;
using Tandem.Domain.Planning;

namespace Tandem.Domain.Analytics;

/// <summary>The result: the window, the periods left out for want of data, the pooled inputs, the new plan and what changed.</summary>
public sealed record RecalibrationResult(
    RecalibrationWindow Window,
    int CyclePeriods,
    bool CycleMeasured,
    IReadOnlyList<Period> PeriodsWithoutData,
    PooledInputs Total,
    IReadOnlyList<(SheetGroup Group, PooledInputs Inputs)> Groups,
    MarketingPlan? OldPlan,
    MarketingPlan? NewPlan,
    IReadOnlyList<RecalibrationChange> Changes,
    IReadOnlyList<string> Notes);

/// <summary>One input or output that moves: its name, and old -> new (null when not known).</summary>
public sealed record RecalibrationChange(string Name, Fraction? Old, Fraction? New);

/// <summary>
/// Proposes next period's numbers from history: pools the tracking sheet's cohorts over the window
/// and replaces the agreement's funnel rates and deal size with what they were, then plans again.
/// Periods without any lead are left out and named; the window is not stretched to replace them.
/// A rate that the window could not measure (no lead reached the stage) or that came out 0 keeps
/// the agreement's value, and a note says so.
/// </summary>
public static class Recalibration
{
    /// <summary>Recalibrates <paramref name="agreement"/> from the sheets of the window's periods.</summary>
    /// <param name="agreement">The agreement whose rates and deal size are replaced.</param>
    /// <param name="window">The periods learnt from.</param>
    /// <param name="cyclePeriods">The sales cycle in periods the window was placed by.</param>
    /// <param name="cycleMeasured">Whether the cycle was measured (rather than given).</param>
    /// <param name="columns">The sheets of the window's periods.</param>
    /// <param name="assumedDealSize">A deal size to plan with in place of the measured one and the agreement's (for data without deal amounts), or null.</param>
    public static RecalibrationResult Compute(Agreement agreement, RecalibrationWindow window, int cyclePeriods, bool cycleMeasured, IReadOnlyList<SheetColumn> columns, Fraction? assumedDealSize = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(columns);
        var used = columns.Where(c => c.Total.Leads > 0).ToList();
        var missing = columns.Where(c => c.Total.Leads == 0).Select(c => c.Period).ToList();
        var total = new PooledInputs(used.Aggregate(SheetFigures.Empty, (sum, c) => sum + c.Total), assumedDealSize);
        var groups = used.SelectMany(c => c.Groups).Where(g => g.Group.Marketing).GroupBy(g => g.Group)
            .Select(g => (g.Key, new PooledInputs(g.Aggregate(SheetFigures.Empty, (sum, x) => sum + x.Figures), assumedDealSize)))
            .OrderBy(g => g.Key.Segment ?? "\uffff", StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.LeadType ?? "\uffff", StringComparer.OrdinalIgnoreCase).ToList();

        var notes = new List<string>();
        var changes = new List<RecalibrationChange>();
        var old = agreement.Plan;
        Funnel? funnel = old.Funnel;
        if (old.Funnel is { } oldFunnel)
        {
            var stages = new List<FunnelStage>();
            for (var i = 0; i < oldFunnel.Stages.Count; i++)
            {
                var stage = oldFunnel.Stages[i];
                var measured = i < total.Conversions.Count ? total.Conversions[i] : null;
                var next = i + 1 < oldFunnel.Stages.Count ? oldFunnel.Stages[i + 1].Name : Funnel.CustomerStage;
                changes.Add(new RecalibrationChange($"{stage.Name} -> {next}", stage.Rate.Value, measured));
                if (measured is { Sign: > 0 } rate) stages.Add(stage with { Rate = Rate.From(rate, $"funnel[{i + 1}].rate") });
                else
                {
                    stages.Add(stage);
                    notes.Add($"{stage.Name} -> {next}: {(measured is null ? "no lead of the window reached " + stage.Name : "no lead of the window converted")}; the agreement's {stage.Rate} is kept");
                }
            }
            funnel = new Funnel(stages);
        }
        var (dealSize, proposedDeal) = DealSize(old.DealSize, total.Sum, assumedDealSize, notes);
        changes.Add(new RecalibrationChange("deal size", old.DealSize, proposedDeal));

        if (old.Segments.Any(x => x.Funnel is not null || x.DealSize is not null) || old.LeadTypes.Any(x => x.Funnel is not null))
            notes.Add("the agreement's own funnels and deal sizes of segments and lead types are kept; the pooled figures per segment and lead type are in the inputs");

        MarketingPlan? oldPlan = null, newPlan = null;
        try
        {
            oldPlan = PlanCalculator.Compute(old);
            newPlan = PlanCalculator.Compute(new PlanInput(old.Quota, old.MarketingShare, dealSize, funnel, old.Goal, old.Segments, old.LeadTypes));
            changes.Add(new RecalibrationChange("leads needed", oldPlan.Total.LeadsNeeded, newPlan.Total.LeadsNeeded));
        }
        catch (InvalidInputException e)
        {
            notes.Add($"no plan: {e.Message}");
        }
        return new RecalibrationResult(window, cyclePeriods, cycleMeasured, missing, total, groups, oldPlan, newPlan, changes, notes);
    }

    /// <summary>
    /// The deal size to plan with: an assumed one when given; else the window's when every customer
    /// of it has a known amount; else the agreement's, because an average over the few customers
    /// whose amounts a source happens to carry is not the average deal (a note says which it is).
    /// Returns the deal size planned with and the one proposed (null when none could be).
    /// </summary>
    private static (Fraction? Used, Fraction? Proposed) DealSize(Fraction? agreed, SheetFigures window, Fraction? assumed, List<string> notes)
    {
        var kept = agreed is { } a ? $"the agreement's {Money(a)} is kept" : "the agreement gives none";
        if (assumed is { } given)
        {
            if (given.Sign <= 0) throw new InvalidInputException("dealSize", $"must be above 0 (got {Money(given)})");
            var instead = window.DealSize is { } m && window.UnpricedCustomers == 0 ? $"the window's {Money(m)}" : agreed is { } x ? $"the agreement's {Money(x)}" : "none";
            notes.Add($"deal size: {Money(given)} assumed, in place of {instead}");
            return (given, given);
        }
        if (window.Customers == 0) return (agreed, null);
        if (window.PricedCustomers == 0)
        {
            notes.Add($"deal size: none of the window's {window.Customers:N0} customers has a won amount; {kept}");
            return (agreed, null);
        }
        if (window.UnpricedCustomers > 0)
        {
            notes.Add($"deal size: only {window.PricedCustomers:N0} of the window's {window.Customers:N0} customers have a won amount (their average is {Money(window.DealSize!.Value)}); {kept}");
            return (agreed, null);
        }
        if (window.DealSize is { Sign: > 0 } measured) return (measured, measured);
        notes.Add($"deal size: the window's customers were won at 0; {kept}");
        return (agreed, window.DealSize);
    }

    private static string Money(Fraction amount) => amount.ToDecimal(2).ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
}
