using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Tandem.Data.Import;

/// <summary>
/// One record of a file: its fields, the physical line it starts on (a sheet's row number), whether
/// its quoting was broken, and cells that could not be read as text at all (a spreadsheet error such
/// as #N/A), each named by its column.
/// </summary>
public readonly record struct CsvRow(string[] Fields, int Line, bool BadQuoting, IReadOnlyList<(string Column, string Reason)>? CellProblems = null);

/// <summary>
/// Reads a CSV file as strict UTF-8 (a byte-order mark is allowed), record by record, with the
/// physical line each record starts on. Refuses, before any row is read, what is not CSV text at
/// all: a binary file, an empty one, or one whose header shows another delimiter.
/// </summary>
public sealed class CsvRows : ITableRows
{
    private readonly StreamReader _reader;
    private readonly CsvParser _parser;
    private readonly string _path;
    private static readonly char[] OtherDelimiters = [';', '\t', '|'];
    private readonly bool _looksBinary;
    private bool _badQuoting;

    private CsvRows(string path, string name)
    {
        _path = name;
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportFileException($"{name}: not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"{name}: cannot be read ({e.Message})");
        }
        // NUL bytes in the header, or many near the start, mean a binary file, never CSV text (TableFile has sent workbooks elsewhere).
        var head = new byte[8192];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        // A single NUL inside a field is a bad cell (that row is refused), not a binary file.
        var firstLine = Array.IndexOf(head, (byte)'\n', 0, read) is var end and >= 0 ? end : read;
        var nuls = head.AsSpan(0, read).Count((byte)0);
        _looksBinary = Array.IndexOf(head, (byte)0, 0, firstLine) >= 0 || nuls * 100 > read;
        stream.Seek(0, SeekOrigin.Begin);
        _reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = _ => _badQuoting = true,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
            Delimiter = ",",
        };
        _parser = new CsvParser(_reader, config);
    }

    /// <summary>The file's size in bytes.</summary>
    public long Length => _reader.BaseStream.Length;

    /// <summary>Bytes read so far (ahead of the parser by at most one buffer).</summary>
    public long BytesRead => _reader.BaseStream.Position;

    /// <summary>The header's column names.</summary>
    public string[] Header { get; private set; } = [];

    /// <inheritdoc/>
    public string? Sheet => null;

    /// <inheritdoc/>
    public string Column(string label) => label;

    /// <summary>Opens <paramref name="path"/> and reads its header; messages name it <paramref name="name"/> (default: its path).</summary>
    /// <exception cref="ImportFileException">The file is missing, unreadable, binary, empty, or not comma-separated.</exception>
    public static CsvRows Open(string path, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        name ??= path;
        if (Directory.Exists(path)) throw new ImportFileException($"{name}: is a folder, not a CSV file");
        var rows = new CsvRows(path, name);
        try
        {
            rows.ReadHeader();
            return rows;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    private void ReadHeader()
    {
        if (_looksBinary) throw new ImportFileException($"{_path}: is a binary file, neither CSV text nor an .xlsx workbook");
        var first = NextRow() ?? throw new ImportFileException($"{_path}: is empty; the first line must be the header (see docs/import-formats.md)");
        Header = first.Fields;
        if (Header.Length == 1)
        {
            var other = OtherDelimiters.FirstOrDefault(d => Header[0].Contains(d, StringComparison.Ordinal));
            if (other != default)
                throw new ImportFileException($"{_path}:1: header: the columns are separated by {(other == '\t' ? "tabs" : $"'{other}'")}; Tandem reads comma-separated files");
        }
    }

    /// <summary>The next record, or null at the end of the file.</summary>
    /// <exception cref="ImportFileException">The file is not UTF-8 text.</exception>
    public CsvRow? NextRow()
    {
        _badQuoting = false;
        if (!Guard(_parser.Read)) return null;
        var fields = _parser.Record ?? [];
        // RawRow counts physical lines read so far, up to this record's last; a quoted field may span several.
        var raw = _parser.RawRecord;
        var inner = 0;
        for (var i = 0; i < raw.Length - 1; i++)
            if (raw[i] == '\n') inner++;
        return new CsvRow(fields, _parser.RawRow - inner, _badQuoting);
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException($"{_path}:{Math.Max(_parser.RawRow, 1)}: is not UTF-8 text; save it as CSV UTF-8");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _parser.Dispose();
        _reader.Dispose();
    }
}
