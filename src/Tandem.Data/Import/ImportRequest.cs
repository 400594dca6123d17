namespace Tandem.Data.Import;

/// <summary>One import of a CSV or .xlsx file: what, from where, in which layout, and how.</summary>
public sealed record ImportRequest(ImportKind Kind, string Path, string Layout, ImportContext Context)
{
    /// <summary>Rows per transaction; each batch is written whole or not at all.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>The clock the derived data (SLA clocks, report facts) is brought up to date at, once the records are written.</summary>
    public NodaTime.IClock Clock { get; init; } = NodaTime.SystemClock.Instance;

    /// <summary>Run everything in one transaction and roll it back: the counts say what would happen.</summary>
    public bool DryRun { get; init; }

    /// <summary>The mapping file to read the rows through (<c>--map</c>), or null for <see cref="Layout"/>.</summary>
    public Mapping.ImportMapping? Mapping { get; init; }

    /// <summary>The sheet of an .xlsx workbook to read (null: the first visible one); refused for a CSV file.</summary>
    public string? Sheet { get; init; }

    /// <summary>Where to write the rejected rows (original columns plus <c>tandem_error</c>), or null.</summary>
    public string? ErrorsPath { get; init; }

    /// <summary>
    /// Opens the rows afresh each time it is called (an import reads them twice: a check pass, then
    /// the write pass); null opens <see cref="Path"/> as a file. With it, <see cref="Path"/> is only the name messages use.
    /// </summary>
    public Func<ITableRows>? Rows { get; init; }

    /// <summary>Opens the rows to read: <see cref="Rows"/>, or the file at <see cref="Path"/>.</summary>
    /// <exception cref="ImportFileException">The table cannot be read.</exception>
    public ITableRows OpenRows() => Rows is { } open ? open() : TableFile.Open(Path, Sheet);
}

/// <summary>Where an import stands, for a progress bar.</summary>
public readonly record struct ImportProgress(string Phase, long Rows, TimeSpan Elapsed, long FileBytes, long BytesRead)
{
    /// <summary>Rows per second so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
