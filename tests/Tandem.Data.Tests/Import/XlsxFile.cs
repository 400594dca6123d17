using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Data.Tests.Import;

/// <summary>A cell to write: a number (as the XML stores it) with an optional number format, a formula error, or a boolean.</summary>
public sealed record XCell(string Raw, string? Format = null, string? Type = null)
{
    public static XCell Num(string raw, string? format = null) => new(raw, format);

    public static XCell Error(string code) => new(code, null, "e");

    public static XCell Bool(bool value) => new(value ? "1" : "0", null, "b");

    public static XCell Inline(string text) => new(text, null, "inlineStr");

    /// <summary>A reference to shared string <paramref name="index"/>, whether the workbook has it or not.</summary>
    public static XCell Shared(int index) => new(index.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "s");
}

/// <summary>
/// Writes real .xlsx workbooks with the Open XML SDK for the importer's tests: text goes to the
/// shared strings (as Excel writes it), <see cref="XCell"/> values as numbers with their formats.
/// A row is an array of cells (string, <see cref="XCell"/>, or null for no cell); rows may skip
/// numbers, as a sheet with blank rows does. A sheet named "chart:NAME" is written as chart sheet NAME, "hidden:NAME" as a hidden sheet.
/// </summary>
public static class XlsxFile
{
    public static void Write(string path, params (string Name, IReadOnlyList<(int Row, object?[] Cells)> Rows)[] sheets) => Write(path, false, sheets);

    public static void Write(string path, bool date1904, params (string Name, IReadOnlyList<(int Row, object?[] Cells)> Rows)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new WorkbookProperties { Date1904 = date1904 ? true : null }, new Sheets());
        var strings = new List<string>();
        var formats = new List<string>();
        uint sheetId = 1;
        foreach (var (name, rows) in sheets)
        {
            if (name.StartsWith("chart:", StringComparison.Ordinal))
            {
                // A chart sheet: the importer must pass it over (or refuse it by name); its content is never read.
                var chart = workbook.AddNewPart<ChartsheetPart>();
                chart.Chartsheet = new Chartsheet(new Drawing { Id = "rId1" });
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(chart), SheetId = sheetId++, Name = name["chart:".Length..] });
                continue;
            }
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (number, cells) in rows)
            {
                var row = new Row { RowIndex = (uint)number };
                for (var i = 0; i < cells.Length; i++)
                {
                    var reference = Letters(i) + number;
                    switch (cells[i])
                    {
                        case null:
                            break;
                        case string text:
                            var index = strings.IndexOf(text);
                            if (index < 0)
                            {
                                index = strings.Count;
                                strings.Add(text);
                            }
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case XCell { Type: "inlineStr" } inline:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inline.Raw)) });
                            break;
                        case XCell cell:
                            var c = new Cell { CellReference = reference, CellValue = new CellValue(cell.Raw) };
                            if (cell.Type == "e") c.DataType = CellValues.Error;
                            if (cell.Type == "b") c.DataType = CellValues.Boolean;
                            if (cell.Type == "s") c.DataType = CellValues.SharedString;
                            if (cell.Format is not null)
                            {
                                if (!formats.Contains(cell.Format)) formats.Add(cell.Format);
                                c.StyleIndex = (uint)(formats.IndexOf(cell.Format) + 1);
                            }
                            row.Append(c);
                            break;
                        default:
                            throw new ArgumentException($"cell type {cells[i]!.GetType()}");
                    }
                }
                data.Append(row);
            }
            // Excel writes the used range first; the importer's progress bar reads its last row from it.
            var width = rows.Count == 0 ? 1 : Math.Max(1, rows.Max(r => r.Cells.Length));
            var last = rows.Count == 0 ? 1 : rows.Max(r => r.Row);
            part.Worksheet = new Worksheet(new SheetDimension { Reference = $"A1:{Letters(width - 1)}{last}" }, data);
            var hidden = name.StartsWith("hidden:", StringComparison.Ordinal);
            workbook.Workbook.Sheets!.Append(new Sheet
            {
                Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = hidden ? name["hidden:".Length..] : name, State = hidden ? SheetStateValues.Hidden : null,
            });
        }
        var shared = workbook.AddNewPart<SharedStringTablePart>();
        shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        // Built-in ids (a number as text such as "14") are used as they are; other codes become custom formats from 164 on.
        var numberFormats = formats.Select((f, i) => uint.TryParse(f, out var builtIn) ? (Id: builtIn, Code: (string?)null) : (Id: (uint)(164 + i), Code: f)).ToList();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(numberFormats.Where(f => f.Code is not null).Select(f => new NumberingFormat { NumberFormatId = f.Id, FormatCode = f.Code })),
            new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
            new CellFormats(new[] { new CellFormat { NumberFormatId = 0 } }.Concat(numberFormats.Select(f => new CellFormat { NumberFormatId = f.Id, ApplyNumberFormat = true }))));
    }

    private static string Letters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }
}
