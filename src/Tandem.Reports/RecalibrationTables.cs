using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;

namespace Tandem.Reports;

/// <summary>
/// A recalibration as tables (issue 21): what <c>tandem recalibrate --format csv|xlsx</c> writes and
/// the Recalibration page downloads, one builder so the two files are the same. Figures are typed
/// at the JSON output's precision (shares to 6 places, money to 2), blank where nothing was measured.
/// </summary>
public static class RecalibrationTables
{
    /// <summary>The window and its pooled figures, the changes, the leads needed per stage, the groups, and the notes (each of the last three only when it has rows).</summary>
    public static IReadOnlyList<ReportTable> Of(Period target, RecalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = result.Total;
        var window = new ReportTable("Window", $"Recalibration for {target}: the window and its cohorts pooled",
        [
            new("for", CellKind.Text), new("window from", CellKind.Text), new("window to", CellKind.Text), new("periods", CellKind.Count), new("sales cycle (periods)", CellKind.Count),
            new("cycle measured", CellKind.Text), new("left out, no leads", CellKind.Text), new("leads", CellKind.Count), new("customers", CellKind.Count),
            new("customers with an amount", CellKind.Count), new("close rate", CellKind.Share), new("cycle days", CellKind.OneDecimal), new("deal size", CellKind.Money), new("lead value", CellKind.Money),
        ]);
        window.Row(target.ToString(), result.Window.From.ToString(), result.Window.To.ToString(), (long)result.Window.Length, (long)result.CyclePeriods, result.CycleMeasured ? "yes" : "no",
            string.Join(" ", result.PeriodsWithoutData), total.Sum.Leads, total.Sum.Customers, total.Sum.PricedCustomers, Share(total.CloseRate), Avg(total.CycleDays), Money(total.DealSize), Money(total.LeadValue));

        // One row per figure: a rate is a share, the deal size money and the leads needed a count, so each value carries its kind.
        var changes = new ReportTable("Changes", $"Recalibration for {target}: the agreement's figure and the proposed one",
            [new("figure", CellKind.Text), new("agreement", CellKind.Text), new("proposed", CellKind.Text), new("direction", CellKind.Text)]);
        foreach (var c in result.Changes)
            changes.Row(c.Name, Typed(c.Name, c.Old), Typed(c.Name, c.New), c.Old is { } o && c.New is { } n ? n > o ? "up" : n < o ? "down" : "same" : null);

        var tables = new List<ReportTable> { window, changes };
        if (result.OldPlan is { } oldPlan && result.NewPlan is { } newPlan && newPlan.Total.Stages.Count > 0)
        {
            var stages = new ReportTable("Stages", $"Recalibration for {target}: leads needed at every stage",
                [new("stage", CellKind.Text), new("agreement", CellKind.Count), new("proposed", CellKind.Count)]);
            foreach (var s in newPlan.Total.Stages)
                stages.Row(s.Name, oldPlan.Total.Stages.FirstOrDefault(o => o.Name == s.Name)?.Count, s.Count);
            tables.Add(stages);
        }
        if (result.Groups.Count > 0)
        {
            var groups = new ReportTable("Groups", $"Recalibration for {target}: the window's cohorts pooled per segment and lead type",
            [
                new("segment", CellKind.Text), new("lead type", CellKind.Text), new("leads", CellKind.Count), new("customers", CellKind.Count), new("close rate", CellKind.Share),
                new("cycle days", CellKind.OneDecimal), new("customers with an amount", CellKind.Count), new("deal size", CellKind.Money), new("lead value", CellKind.Money),
            ]);
            foreach (var (group, inputs) in result.Groups)
                groups.Row(group.Segment, group.LeadType, inputs.Sum.Leads, inputs.Sum.Customers, Share(inputs.CloseRate), Avg(inputs.CycleDays), inputs.Sum.PricedCustomers,
                    Money(inputs.DealSize), Money(inputs.LeadValue));
            tables.Add(groups);
        }
        if (result.Notes.Count > 0)
        {
            var notes = new ReportTable("Notes", $"Recalibration for {target}: notes", [new("note", CellKind.Text)]);
            foreach (var note in result.Notes) notes.Row(note);
            tables.Add(notes);
        }
        return tables;
    }

    private static KindedValue? Typed(string name, Fraction? value) => value is not { } v ? null
        : name == "leads needed" ? new KindedValue((long)v.ToDecimal(0), CellKind.Count)
        : name == "deal size" ? new KindedValue(v.ToDecimal(2), CellKind.Money)
        : new KindedValue(v.ToDecimal(6), CellKind.Share);

    private static decimal? Share(Fraction? share) => share?.ToDecimal(6);

    private static decimal? Money(Fraction? amount) => amount?.ToDecimal(2);

    private static decimal? Avg(Fraction? value) => value?.ToDecimal(2);
}
