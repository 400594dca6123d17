using System.Globalization;
using System.Text;
using Tandem.Data.Import;

namespace Tandem.Cli.Output;

/// <summary>The human summary of <c>tandem import</c>.</summary>
public static class ImportTable
{
    private static readonly Dictionary<string, string> FlagNames = new(StringComparer.Ordinal)
    {
        ["unknownLeadTypes"] = "lead types the agreement does not name (kept)",
        ["unknownSegments"] = "segments the agreement does not name (kept)",
        ["undatedCurrentStages"] = "current stages without a \"Became a ... Date\" (history incomplete)",
    };

    /// <summary>Renders <paramref name="summary"/>.</summary>
    public static string Write(ImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var layout = summary.Mapping is null ? $"{summary.Layout} layout" : $"mapping {summary.Mapping}";
        text.Append(c, $"{summary.File}{(summary.Sheet is { } sheet ? $" (sheet {sheet})" : "")}: {summary.Kind.Word()} ({layout}, source {summary.Source}){(summary.DryRun ? ", dry run: nothing stored" : "")}\n");
        var counts = new (string Label, long Value, string Note)[]
        {
            ("rows read", summary.Rows, ""),
            ("inserted", summary.Records.Inserted, ""),
            ("updated", summary.Records.Updated, ""),
            ("unchanged", summary.Records.Unchanged, summary.Superseded > 0 ? $"  ({N(summary.Superseded)} superseded by a later row with the same key)" : ""),
            ("rejected", summary.Rejected, ""),
        };
        var width = counts.Max(r => N(r.Value).Length);
        foreach (var (label, value, note) in counts) text.Append(c, $"  {label,-10} {N(value).PadLeft(width)}{note}\n");
        if (summary.Skipped > 0) text.Append(c, $"  skipped    {N(summary.Skipped).PadLeft(width)}  (rows whose only_if field is empty: no {summary.Kind.Word()} record)\n");
        foreach (var (kind, derived) in summary.Derived)
        {
            var what = kind == ImportKind.Stages ? "stage changes" : kind.Word();
            var repeats = derived.Superseded > 0 ? $" ({N(derived.Superseded)} repeats of a record a later row yields)" : "";
            text.Append(c, $"  {what} derived: {N(derived.Inserted)} inserted, {N(derived.Updated)} updated, {N(derived.Unchanged)} unchanged{repeats}\n");
        }
        foreach (var (flag, values) in summary.Flags)
            text.Append(c, $"  {FlagNames.GetValueOrDefault(flag, flag)}: {string.Join(", ", values.Select(v => $"{v.Key} ({N(v.Value)})"))}\n");
        if (summary.MappingIgnored.Count > 0) text.Append(c, $"  columns ignored (the mapping says so): {string.Join(", ", summary.MappingIgnored)}\n");
        if (summary.IgnoredColumns.Count > 0) text.Append(c, $"  columns not read: {string.Join(", ", summary.IgnoredColumns)}\n");
        if (summary.ErrorsFile is not null && summary.Rejected > 0) text.Append(c, $"  rejected rows written to {summary.ErrorsFile}\n");
        text.Append(c, $"  {summary.Elapsed.TotalSeconds:0.0} s, {N((long)summary.RowsPerSecond)} rows/s\n");
        if (summary.Projection is { Leads: > 0 } projection)
            text.Append(c, $"  derived: {N(projection.Leads)} leads projected, {N(projection.Clocks)} clocks, {N(projection.Handoffs)} handoffs, {N(projection.Notifications)} notifications queued ({summary.ProjectionElapsed.TotalSeconds:0.0} s of the time above)\n");
        if (summary.Quality is { } quality && quality.AllFindings().Any())
        {
            text.Append("data quality:\n");
            foreach (var finding in quality.Findings) text.Append(c, $"  {finding}\n");
            // Each other kind written gets its own section, named, so a finding says which records it is about.
            foreach (var (kind, section) in quality.Derived ?? new Dictionary<string, ImportQuality>())
            {
                if (section.Findings.Count == 0) continue;
                text.Append(c, $"  {(kind == "stages" ? "stage changes" : kind)}:\n");
                foreach (var finding in section.Findings) text.Append(c, $"    {finding}\n");
            }
        }
        return text.ToString();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
