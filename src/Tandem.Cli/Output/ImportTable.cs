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
        text.Append(c, $"{summary.File}{(summary.Sheet is { } sheet ? $" (sheet {sheet})" : "")}: {summary.Kind.Word()} ({summary.Layout} layout, source {summary.Source}){(summary.DryRun ? ", dry run: nothing stored" : "")}\n");
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
        if (summary.DerivedStages is { } stages)
            text.Append(c, $"  stage changes derived: {N(stages.Inserted)} inserted, {N(stages.Updated)} updated, {N(stages.Unchanged)} unchanged\n");
        foreach (var (flag, values) in summary.Flags)
            text.Append(c, $"  {FlagNames.GetValueOrDefault(flag, flag)}: {string.Join(", ", values.Select(v => $"{v.Key} ({N(v.Value)})"))}\n");
        if (summary.IgnoredColumns.Count > 0) text.Append(c, $"  columns not read: {string.Join(", ", summary.IgnoredColumns)}\n");
        if (summary.ErrorsFile is not null && summary.Rejected > 0) text.Append(c, $"  rejected rows written to {summary.ErrorsFile}\n");
        text.Append(c, $"  {summary.Elapsed.TotalSeconds:0.0} s, {N((long)summary.RowsPerSecond)} rows/s\n");
        if (summary.Quality is { Findings.Count: > 0 } quality)
        {
            text.Append("data quality:\n");
            foreach (var finding in quality.Findings) text.Append(c, $"  {finding}\n");
        }
        return text.ToString();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
