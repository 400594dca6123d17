using System.Text.Json;
using Tandem.Data.Import;

namespace Tandem.Cli.Output;

/// <summary>The JSON summary of <c>tandem import</c> (fields documented in docs/cli.md).</summary>
public static class ImportJson
{
    /// <summary>Serialises <paramref name="summary"/>.</summary>
    public static string Write(ImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var derived = new SortedDictionary<string, CountsDocument>(StringComparer.Ordinal);
        foreach (var (kind, counts) in summary.Derived) derived[kind.Word()] = Counts(counts);
        var document = new ImportDocument(
            summary.File, summary.Sheet, summary.Kind.Word(), summary.Layout, summary.Source, summary.DryRun, summary.Rows,
            summary.Records.Inserted, summary.Records.Updated, summary.Records.Unchanged, summary.Rejected, summary.Superseded,
            derived, summary.Flags, summary.IgnoredColumns,
            [.. summary.Problems.Select(p => new ProblemDocument(p.Line, p.Column, p.Reason))],
            summary.ErrorsFile, Math.Round(summary.Elapsed.TotalSeconds, 3), Math.Round(summary.RowsPerSecond),
            summary.Mapping, summary.MappingIgnored, summary.Skipped, summary.Quality,
            summary.Projection is { } p ? new ProjectionDocument(p.Leads, p.Clocks, p.Handoffs, p.Notifications, Math.Round(summary.ProjectionElapsed.TotalSeconds, 3)) : null);
        return JsonSerializer.Serialize(document, CliJson.Options);
    }

    private static CountsDocument Counts(ImportCounts counts) => new(counts.Inserted, counts.Updated, counts.Unchanged, counts.Superseded);

    private sealed record ImportDocument(
        string File, string? Sheet, string Kind, string From, string Source, bool DryRun, long Rows,
        long Inserted, long Updated, long Unchanged, long Rejected, long Superseded,
        IReadOnlyDictionary<string, CountsDocument> Derived,
        IReadOnlyDictionary<string, SortedDictionary<string, long>> Flagged,
        IReadOnlyList<string> IgnoredColumns,
        IReadOnlyList<ProblemDocument> Problems,
        string? ErrorsFile, double ElapsedSeconds, double RowsPerSecond,
        string? Mapping, IReadOnlyList<string> IgnoredByMapping, long Skipped, ImportQuality? Quality, ProjectionDocument? Projection);

    /// <summary>What the import derived: leads projected (a lead once per batch that wrote it), clocks stored, handoff facts, notifications queued, and the seconds it took (part of elapsedSeconds).</summary>
    private sealed record ProjectionDocument(long Leads, long Clocks, long Handoffs, long Notifications, double ElapsedSeconds);

    private sealed record CountsDocument(long Inserted, long Updated, long Unchanged, long Superseded);

    private sealed record ProblemDocument(int Line, string Column, string Reason);
}
