using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Domain.Agreements;

namespace Tandem.Data.UseCases;

/// <summary>
/// What importing a table needs, as a front end gathered it: the table, the kind and layout words
/// as given (checked by <see cref="ImportTable.Check"/>), the source its records are keyed under,
/// the zone times without an offset are read in, and the agreement the rows are checked against.
/// </summary>
public sealed record TableImport(TableInput Table, string Kind, string Layout, string Source, DateTimeZone Zone, Agreement? Agreement)
{
    /// <summary>A mapping file to read the rows through instead of <see cref="Layout"/>, or null.</summary>
    public ImportMapping? Mapping { get; init; }

    /// <summary>The sheet of a workbook (null: the first visible one).</summary>
    public string? Sheet { get; init; }

    /// <summary>Check and count everything, then roll back.</summary>
    public bool DryRun { get; init; }

    /// <summary>Rows per transaction.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Where to write the rejected rows, or null.</summary>
    public string? ErrorsPath { get; init; }

    /// <summary>The front end, for the import log (<see cref="ImportLog.ViaCli"/>, <see cref="ImportLog.ViaWeb"/>).</summary>
    public string Via { get; init; } = ImportLog.ViaCli;

    /// <summary>Who imports, for the import log.</summary>
    public string? By { get; init; }
}
