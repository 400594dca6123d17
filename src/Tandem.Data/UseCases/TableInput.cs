using Tandem.Data.Import;

namespace Tandem.Data.UseCases;

/// <summary>
/// The table an import reads, without a path: the name messages and the import log give it, and
/// how to open its rows for a sheet (null: the first), called once a pass (an import reads the rows
/// twice, a check pass and a write pass, so a refused file writes nothing).
/// </summary>
public sealed record TableInput(string Name, Func<string?, ITableRows> Open)
{
    /// <summary>A CSV file or .xlsx workbook on disk, told apart by content and named <paramref name="name"/> (default: its path), as an upload saved under a temporary path is named as the user named it.</summary>
    public static TableInput FromFile(string path, string? name = null) => new(name ?? path, sheet => TableFile.Open(path, sheet, name));
}
