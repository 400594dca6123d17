namespace Tandem.Data.Import;

/// <summary>
/// What an import did. Every data row is counted once: inserted, updated, unchanged (including
/// rows superseded by a later row with the same key) or rejected. Records derived from rows (the
/// stage history of a HubSpot export) are counted apart, per table.
/// </summary>
public sealed class ImportSummary
{
    /// <summary>Problems kept in the summary; all of them also go to the problem callback and the errors file.</summary>
    public const int MaxProblemsKept = 1000;

    /// <summary>The file.</summary>
    public required string File { get; init; }

    /// <summary>The kind of records.</summary>
    public required ImportKind Kind { get; init; }

    /// <summary>The layout (<c>--from</c>).</summary>
    public required string Layout { get; init; }

    /// <summary>The source the records are keyed under.</summary>
    public required string Source { get; init; }

    /// <summary>The sheet read, for an .xlsx workbook; null for CSV.</summary>
    public string? Sheet { get; set; }

    /// <summary>Whether everything was rolled back at the end.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Data rows read (the header is not a data row).</summary>
    public long Rows { get; set; }

    /// <summary>The rows' own records.</summary>
    public ImportCounts Records { get; } = new();

    /// <summary>Rows left out because a later row of the file has the same key (counted under unchanged too).</summary>
    public long Superseded { get; set; }

    /// <summary>Rows refused, each with its problems.</summary>
    public long Rejected { get; set; }

    /// <summary>Records of other kinds the rows yield (a HubSpot export's stage changes, a mapped deals export's reps), by kind.</summary>
    public SortedDictionary<ImportKind, ImportCounts> Derived { get; } = new();

    /// <summary>The mapping file the rows were read through (<c>--map</c>), or null.</summary>
    public string? Mapping { get; init; }

    /// <summary>Header columns the mapping lists under <c>ignore</c> (the rest of the unread ones are <see cref="IgnoredColumns"/>).</summary>
    public IReadOnlyList<string> MappingIgnored { get; set; } = [];

    /// <summary>Rows that yielded no record of the imported kind because a field its <c>only_if</c> names was empty.</summary>
    public long Skipped { get; set; }

    /// <summary>Values kept but worth knowing, by flag then value (e.g. unknownLeadTypes → Webinar → 12).</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> Flags { get; } = new(StringComparer.Ordinal);

    /// <summary>Header columns the layout does not read (and the mapping, if any, does not list as ignored).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; set; } = [];

    /// <summary>The first <see cref="MaxProblemsKept"/> problems.</summary>
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Where rejected rows were written, if anywhere.</summary>
    public string? ErrorsFile { get; set; }

    /// <summary>The data-quality report: fields the reports need that rows lack, values not read, and what goes missing.</summary>
    public ImportQuality? Quality { get; set; }

    /// <summary>Wall-clock time of the whole import.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>What the projector did once the records were written (null for a dry run, or with no agreement stored).</summary>
    public Projection.ProjectionSummary? Projection { get; set; }

    /// <summary>How long the projector took, included in <see cref="Elapsed"/>.</summary>
    public TimeSpan ProjectionElapsed { get; set; }

    /// <summary>Rows per second over the whole import.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>Counts a flag for <paramref name="value"/>.</summary>
    public void Flag(string flag, string value)
    {
        if (!Flags.TryGetValue(flag, out var values)) Flags[flag] = values = new SortedDictionary<string, long>(StringComparer.Ordinal);
        values[value] = values.GetValueOrDefault(value) + 1;
    }
}
