namespace Tandem.Data.Import;

/// <summary>
/// A file read as a header and rows of text cells, whatever it was on disk (CSV text or an .xlsx
/// sheet), so layouts, mappings and checks downstream never know the difference.
/// </summary>
public interface ITableRows : IDisposable
{
    /// <summary>The header's column names.</summary>
    string[] Header { get; }

    /// <summary>How far there is to read, in the unit of <see cref="BytesRead"/> (bytes of a CSV, rows of a sheet); 0 when unknown.</summary>
    long Length { get; }

    /// <summary>How far reading has got, for a progress bar.</summary>
    long BytesRead { get; }

    /// <summary>The sheet read, or null for a CSV file.</summary>
    string? Sheet { get; }

    /// <summary>The next row, or null at the end.</summary>
    /// <exception cref="ImportFileException">The file cannot be read further.</exception>
    CsvRow? NextRow();

    /// <summary>How errors name the column(s) of <paramref name="label"/>: a sheet adds the column letter.</summary>
    string Column(string label);
}
