using System.Globalization;
using System.Text;
using CsvHelper;

namespace Tandem.Data.Import;

/// <summary>
/// The rejected rows of an import, as a CSV with the file's own header plus a last
/// <c>tandem_error</c> column (every layout ignores it), so the file can be fixed and imported as it is.
/// </summary>
public sealed class ErrorsFile : IDisposable
{
    private readonly CsvWriter _writer;
    private readonly int _width;
    private readonly int _errorIndex;

    private ErrorsFile(CsvWriter writer, string[] header)
    {
        _writer = writer;
        _errorIndex = Array.FindIndex(header, h => string.Equals(h.Trim(), ImportLayouts.ErrorColumn, StringComparison.OrdinalIgnoreCase));
        var columns = _errorIndex >= 0 ? header : [.. header, ImportLayouts.ErrorColumn];
        _width = columns.Length;
        foreach (var column in columns) _writer.WriteField(column);
        _writer.NextRecord();
    }

    /// <summary>Creates (or replaces) <paramref name="path"/> with the header.</summary>
    /// <exception cref="ImportFileException">The file cannot be written.</exception>
    public static ErrorsFile Create(string path, string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var stream = new StreamWriter(path, append: false, new UTF8Encoding(false));
            return new ErrorsFile(new CsvWriter(stream, CultureInfo.InvariantCulture), header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ImportFileException("errors", $"cannot write {path} ({e.Message})", $"--errors: cannot write {path} ({e.Message})");
        }
    }

    /// <summary>Writes one rejected row with its reasons.</summary>
    public void Write(string[] fields, IEnumerable<(string Column, string Reason)> problems)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var reason = string.Join("; ", problems.Select(p => $"{p.Column}: {p.Reason}"));
        var width = Math.Max(_width, _errorIndex >= 0 ? fields.Length : fields.Length + 1);
        for (var i = 0; i < width; i++)
        {
            if (i == (_errorIndex >= 0 ? _errorIndex : width - 1)) _writer.WriteField(reason);
            else _writer.WriteField(i < fields.Length ? fields[i] : "");
        }
        _writer.NextRecord();
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
