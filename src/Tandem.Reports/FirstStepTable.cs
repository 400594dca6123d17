using Tandem.Data.Analytics;
using Tandem.Data.Reps;
using Tandem.Domain.Analytics;

namespace Tandem.Reports;

/// <summary>The depth headline as a report table (page, CSV, XLSX): judged at the end of the cadence's first step, in total and per rep.</summary>
public static class FirstStepTable
{
    /// <summary>The table of <paramref name="depth"/>'s first-step standing, its step named by <paramref name="words"/>, each rep's name from <paramref name="names"/> beside its id.</summary>
    public static ReportTable Of(DepthResult depth, FirstStepWords words, RepNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(depth);
        names ??= RepNames.None;
        ArgumentNullException.ThrowIfNull(words);
        var table = new ReportTable("DepthFirstStep",
            $"Depth judged {words.At}{(words.Step is null ? "" : $" (first step: {words.Step})")}, handoffs of {depth.Period}{(depth.Segment is null ? "" : $", segment {depth.Segment}")}",
        [
            new("rep", CellKind.Text), new(ReportTables.RepNameHeading, CellKind.Text), new("handoffs", CellKind.Count), new("old enough", CellKind.Count), new("younger", CellKind.Count),
            new("leads judged", CellKind.Count), new("attempts (average)", CellKind.OneDecimal), new("required (average)", CellKind.OneDecimal),
            new("on cadence", CellKind.Count), new("share on cadence", CellKind.Share),
        ]);
        void Row(string rep, string? name, FirstStepStanding s) => table.Row(rep, name, s.Handoffs, s.OldEnough, s.Younger, s.Leads,
            s.AverageAttempts?.ToDecimal(2), s.AverageRequired?.ToDecimal(2), s.OnCadence, s.OnCadenceShare?.ToDecimal(6));
        Row("Total", null, depth.FirstStep);
        foreach (var (rep, standing) in depth.FirstStepByRep) Row(rep, names.NameOf(rep), standing);
        table.Note($"A lead is judged once its first step has ended (leads {words.Younger} are not judged yet), unless it was reached or stopped before then; on cadence: its depth clock was not breached when the step ended.");
        return table;
    }
}
