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
    public static RecalibrationResult Compute(Agreement agreement, RecalibrationWindow window, int cyclePeriods, bool cycleMeasured, IReadOnlyList<SheetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(columns);
        var used = columns.Where(c => c.Total.Leads > 0).ToList();
        var missing = columns.Where(c => c.Total.Leads == 0).Select(c => c.Period).ToList();
        var total = new PooledInputs(used.Aggregate(SheetFigures.Empty, (sum, c) => sum + c.Total));
        var groups = used.SelectMany(c => c.Groups).Where(g => g.Group.Marketing).GroupBy(g => g.Group)
            .Select(g => (g.Key, new PooledInputs(g.Aggregate(SheetFigures.Empty, (sum, x) => sum + x.Figures))))
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
        var dealSize = old.DealSize;
        changes.Add(new RecalibrationChange("deal size", old.DealSize, total.DealSize));
        if (total.DealSize is { Sign: > 0 } measuredDeal) dealSize = measuredDeal;
        else if (old.DealSize is not null) notes.Add("deal size: no customer of the window had a won amount; the agreement's is kept");

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
}
