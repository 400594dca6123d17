using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Data.Import;

/// <summary>
/// Reads one sheet of an .xlsx workbook as a header and rows of text cells, the way
/// <see cref="CsvRows"/> reads a CSV file: the first row with a value is the header, blank rows
/// are skipped, each row's line is its spreadsheet row number. Cell values become text by
/// <see cref="XlsxCellText"/>: numbers without float noise, dates held as serial numbers as ISO
/// text, empty cells as empty text; a cell holding an error (#N/A) is a problem of its row.
/// The Open XML SDK opens the package and reads the small parts (workbook, styles); the sheet and
/// its shared strings, which hold all the data, are streamed with an <see cref="XmlReader"/>.
/// </summary>
public sealed class XlsxRows : ITableRows
{
    private readonly string _path;
    private readonly SpreadsheetDocument _document;
    private readonly Stream _stream;
    private readonly XmlReader _reader;
    private readonly string[] _strings;
    private readonly XlsxNumberKind[] _styles;
    private readonly bool _date1904;
    private readonly Dictionary<string, string> _labels = new(StringComparer.OrdinalIgnoreCase);
    private int _lastRow;
    private bool _done;

    private XlsxRows(string path, SpreadsheetDocument document, WorksheetPart sheet, string name)
    {
        _path = path;
        _document = document;
        Sheet = name;
        var workbook = document.WorkbookPart!;
        _date1904 = workbook.Workbook.WorkbookProperties?.Date1904?.Value == true;
        _styles = Styles(workbook.WorkbookStylesPart?.Stylesheet);
        _strings = SharedStrings(workbook.SharedStringTablePart);
        _stream = sheet.GetStream(FileMode.Open, FileAccess.Read);
        _reader = XmlReader.Create(_stream, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
    }

    /// <inheritdoc/>
    public string[] Header { get; private set; } = [];

    /// <inheritdoc/>
    public long Length { get; private set; }

    /// <inheritdoc/>
    public long BytesRead => _lastRow;

    /// <inheritdoc/>
    public string? Sheet { get; }

    /// <summary>Opens sheet <paramref name="sheet"/> (null: the first visible one) of workbook <paramref name="path"/> and reads its header; messages name it <paramref name="name"/> (default: its path).</summary>
    /// <exception cref="ImportFileException">Not a readable workbook, no such sheet, or the sheet is empty.</exception>
    public static XlsxRows Open(string path, string? sheet, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = name ?? path;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(path, false);
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw new ImportFileException($"{shown}: is a zip file but not a readable .xlsx workbook ({e.Message.TrimEnd('.')}); open it in a spreadsheet and save it again as .xlsx or CSV UTF-8", e);
        }
        try
        {
            var workbook = document.WorkbookPart ?? throw new ImportFileException($"{shown}: is a zip file but not an .xlsx workbook (it has no workbook part)");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var names = string.Join(", ", sheets.Select(s => s.Name?.Value));
            bool IsTable(Sheet s) => s.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart;
            bool IsVisible(Sheet s) => s.State is null || s.State.Value == SheetStateValues.Visible;
            // By default the first visible table: a chart sheet or a hidden lookup sheet in front is passed over.
            var chosen = sheet is null
                ? sheets.FirstOrDefault(s => IsVisible(s) && IsTable(s)) ?? sheets.FirstOrDefault(IsTable) ?? sheets.FirstOrDefault()
                : sheets.FirstOrDefault(s => s.Name?.Value == sheet) ?? sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheet.Trim(), StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
                throw sheet is null ? new ImportFileException($"{shown}: the workbook has no sheet") : new ImportFileException("sheet", $"{shown} has no sheet named '{sheet}' (sheets: {names})", $"--sheet: {shown} has no sheet named '{sheet}' (sheets: {names})");
            var chosenName = chosen.Name?.Value ?? "";
            if (chosen.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                throw new ImportFileException($"{shown}: sheet '{chosenName}' is a chart, not a table of rows{(sheet is null ? "" : $" (sheets: {names})")}");
            var rows = new XlsxRows(shown, document, part, chosenName);
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
        catch (Exception e) when (IsCorrupt(e))
        {
            document.Dispose();
            throw new ImportFileException($"{shown}: is not a readable .xlsx workbook ({e.Message.TrimEnd('.')})", e);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static bool IsCorrupt(Exception e) =>
        e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or IOException or InvalidOperationException;

    private void ReadHeader()
    {
        var first = NextRow() ?? throw new ImportFileException($"{_path}: sheet '{Sheet}' is empty; its first row must be the header (see docs/import-formats.md)");
        if (first.CellProblems is { Count: > 0 } bad)
            throw new ImportFileException($"{_path}:{first.Line}: header: column {bad[0].Column} {bad[0].Reason}; each header cell must name its column");
        var width = first.Fields.Length;
        while (width > 0 && string.IsNullOrWhiteSpace(first.Fields[width - 1])) width--;
        Header = first.Fields[..width];
        for (var i = 0; i < Header.Length; i++)
        {
            var name = Header[i].Trim();
            if (name.Length > 0) _labels.TryAdd(name, $"{name} ({XlsxCellText.Letters(i)})");
        }
    }

    /// <inheritdoc/>
    public string Column(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_labels.TryGetValue(label.Trim(), out var named)) return named;
        // A field read from several columns ("First Name/Last Name") names each of them.
        var parts = label.Split('/');
        return parts.Length > 1 && parts.All(p => _labels.ContainsKey(p.Trim())) ? string.Join('/', parts.Select(p => _labels[p.Trim()])) : label;
    }

    /// <inheritdoc/>
    public CsvRow? NextRow()
    {
        try
        {
            while (!_done)
            {
                if (!_reader.Read())
                {
                    _done = true;
                    break;
                }
                if (_reader.NodeType == XmlNodeType.Element && _reader.LocalName == "dimension") Length = DimensionRows(_reader.GetAttribute("ref"));
                if (_reader.NodeType == XmlNodeType.EndElement && _reader.LocalName == "sheetData")
                {
                    _done = true;
                    break;
                }
                if (_reader.NodeType != XmlNodeType.Element || _reader.LocalName != "row") continue;
                var number = int.TryParse(_reader.GetAttribute("r"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : _lastRow + 1;
                _lastRow = number;
                if (_reader.IsEmptyElement) continue;
                var row = ReadRow(number);
                if (row is not null) return row;
            }
            return null;
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw new ImportFileException($"{_path}:{Math.Max(_lastRow, 1)}: the workbook is damaged from this row on ({e.Message.TrimEnd('.')}); nothing was imported", e);
        }
    }

    /// <summary>Reads the cells of the current row element; null when they are all empty.</summary>
    private CsvRow? ReadRow(int number)
    {
        var cells = new List<(int Column, string Text)>();
        List<(string Column, string Reason)>? problems = null;
        var next = 0;
        var depth = _reader.Depth;
        while (_reader.Read() && !(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            if (_reader.NodeType != XmlNodeType.Element || _reader.LocalName != "c") continue;
            var reference = _reader.GetAttribute("r");
            var column = reference is null ? next : XlsxCellText.ColumnOf(reference);
            if (column < 0) column = next;
            next = column + 1;
            var type = _reader.GetAttribute("t");
            var style = uint.TryParse(_reader.GetAttribute("s"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
            var (value, inline) = _reader.IsEmptyElement ? (null, null) : CellContent();
            var problem = Text(type, style, value, inline, out var text);
            if (problem is not null) (problems ??= []).Add((ColumnName(column), problem));
            if (text.Length > 0) cells.Add((column, text));
        }
        if (cells.Count == 0 && problems is null) return null;
        var width = Header.Length == 0 ? (cells.Count == 0 ? 0 : cells.Max(c => c.Column) + 1) : Header.Length;
        var fields = new string[width];
        Array.Fill(fields, "");
        foreach (var (column, text) in cells)
        {
            if (column < width) fields[column] = text;
            else (problems ??= []).Add(("row", $"has a value in column {XlsxCellText.Letters(column)}, which has no header"));
        }
        return new CsvRow(fields, number, false, problems);
    }

    /// <summary>The stored value (<c>&lt;v&gt;</c>) and inline string (<c>&lt;is&gt;</c>) of the current cell element; a formula's text is skipped (its cached result is the value).</summary>
    private (string? Value, string? Inline) CellContent()
    {
        string? value = null;
        System.Text.StringBuilder? inline = null;
        var depth = _reader.Depth;
        _reader.Read();
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth) && !_reader.EOF)
        {
            if (_reader.NodeType == XmlNodeType.Element)
            {
                switch (_reader.LocalName)
                {
                    case "v":
                        value = _reader.ReadElementContentAsString();
                        continue;
                    case "t":
                        (inline ??= new()).Append(_reader.ReadElementContentAsString());
                        continue;
                    case "f" or "rPh" or "extLst":
                        _reader.Skip();
                        continue;
                }
            }
            _reader.Read();
        }
        return (value, inline?.ToString());
    }

    /// <summary>A cell's text by its type; null, or why the cell cannot be read.</summary>
    private string? Text(string? type, uint style, string? value, string? inline, out string text)
    {
        text = "";
        switch (type)
        {
            case "s":
                if (value is null) return null;
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= _strings.Length)
                    return $"refers to shared text {value}, which the workbook does not have (the file is damaged)";
                text = _strings[index];
                return null;
            case "inlineStr":
                text = inline ?? value ?? "";
                return null;
            case "str" or "d":
                text = value ?? "";
                return null;
            case "b":
                text = value switch { "1" => "TRUE", "0" => "FALSE", _ => value ?? "" };
                return null;
            case "e":
                return $"holds the spreadsheet error {CellReaders.Shorten(value ?? "#VALUE!")}";
            default:
                if (string.IsNullOrWhiteSpace(value)) return null;
                var kind = style < _styles.Length ? _styles[style] : XlsxNumberKind.Number;
                if (kind != XlsxNumberKind.Number) return XlsxCellText.Serial(value, kind, _date1904, out text);
                text = XlsxCellText.Number(value) ?? value.Trim();
                return null;
        }
    }

    private string ColumnName(int column) =>
        column < Header.Length && Header[column].Trim().Length > 0 ? $"{Header[column].Trim()} ({XlsxCellText.Letters(column)})" : XlsxCellText.Letters(column);

    private static long DimensionRows(string? reference)
    {
        var last = reference?.Split(':')[^1] ?? "";
        var digits = new string([.. last.SkipWhile(char.IsAsciiLetter)]);
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rows) ? rows : 0;
    }

    /// <summary>What each cell style's number format shows, by style index.</summary>
    private static XlsxNumberKind[] Styles(Stylesheet? stylesheet)
    {
        if (stylesheet?.CellFormats is not { } formats) return [];
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => XlsxCellText.KindOf(g.First().FormatCode?.Value ?? "")) ?? [];
        return [.. formats.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value is { } id
            ? custom.TryGetValue(id, out var kind) ? kind : XlsxCellText.KindOf(id)
            : XlsxNumberKind.Number)];
    }

    /// <summary>The shared strings, streamed (a large sheet's text is mostly here); rich text runs joined, phonetic hints left out.</summary>
    private static string[] SharedStrings(SharedStringTablePart? part)
    {
        if (part is null) return [];
        var strings = new List<string>();
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        System.Text.StringBuilder? current = null;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.IsEmptyElement) strings.Add("");
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si") current = new();
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si" && current is not null)
            {
                strings.Add(current.ToString());
                current = null;
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
                continue;
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t" && current is not null)
            {
                current.Append(reader.ReadElementContentAsString());
                continue;
            }
            reader.Read();
        }
        return [.. strings];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _document.Dispose();
    }
}
