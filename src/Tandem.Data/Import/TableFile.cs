namespace Tandem.Data.Import;

/// <summary>
/// Opens an import file by what it holds, not by its name: a zip (an .xlsx workbook, whatever its
/// extension, since users save workbooks as ".csv") is read as a spreadsheet, text as CSV. Files
/// that are neither are refused with a message saying what they look like.
/// </summary>
public static class TableFile
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    // Compound File Binary: Excel 97-2003 .xls, and also any password-protected .xlsx.
    private static readonly byte[] Compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// Opens <paramref name="path"/>; <paramref name="sheet"/> names the sheet of a workbook (null:
    /// the first); messages name the file <paramref name="name"/> (default: its path), so an upload
    /// saved under a temporary path is named as the user named it.
    /// </summary>
    /// <exception cref="ImportFileException">The file is missing, unreadable, neither CSV nor .xlsx, or has no such sheet.</exception>
    public static ITableRows Open(string path, string? sheet = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = name ?? path;
        if (Directory.Exists(path)) throw new ImportFileException($"{shown}: is a folder, not a CSV or .xlsx file");
        var head = Head(path, shown);
        if (head.AsSpan().StartsWith(Zip)) return XlsxRows.Open(path, sheet, shown);
        if (head.AsSpan().StartsWith(Compound))
            throw new ImportFileException($"{shown}: is an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password, or as CSV UTF-8");
        if (sheet is not null) throw new ImportFileException("sheet", $"{shown} is CSV text, which has no sheets", $"--sheet: {shown} is CSV text, which has no sheets");
        return CsvRows.Open(path, shown);
    }

    private static byte[] Head(string path, string shown)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var head = new byte[Compound.Length];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head[..read];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportFileException($"{shown}: not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"{shown}: cannot be read ({e.Message})");
        }
    }
}
