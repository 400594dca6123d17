using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Reports;

/// <summary>
/// Writes report tables as an .xlsx workbook (Open XML SDK), one worksheet per table: the title on
/// top, bold headings frozen above the rows, numbers as numbers with their formats (counts, 0.0%,
/// money with two decimals), blank where nothing was measured, notes under the table, and columns
/// wide enough to read. Text is neutralised as in the CSV export.
/// </summary>
public static class XlsxExport
{
    // Style indexes in the stylesheet below.
    private const uint Plain = 0, Bold = 1, CountStyle = 2, ShareStyle = 3, MoneyStyle = 4, DecimalStyle = 5, TitleStyle = 6;

    /// <summary>Writes <paramref name="tables"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tables.Count; i++)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = Sheet(tables[i]);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = UniqueName(tables[i].Name, names) });
        }
        workbook.Workbook.Save();
    }

    private static Worksheet Sheet(ReportTable table)
    {
        var data = new SheetData();
        uint row = 1;
        data.Append(RowOf(row++, [TextCell(table.Title, TitleStyle)]));
        row++;
        var header = row;
        data.Append(RowOf(row++, [.. table.Columns.Select(c => TextCell(c.Heading, Bold))]));
        foreach (var values in table.Rows)
            data.Append(RowOf(row++, [.. values.Select((v, i) => Cell(v, table.Columns[i].Kind))]));
        if (table.Notes.Count > 0) row++;
        foreach (var note in table.Notes) data.Append(RowOf(row++, [TextCell(note, Plain)]));

        var widths = table.Columns.Select((c, i) => Math.Max(c.Heading.Length, table.Rows.Select(r => Shown(r[i])).DefaultIfEmpty(0).Max()) + 3).ToList();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Min(w, 60), CustomWidth = true }));
        var freeze = new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = header, TopLeftCell = $"A{header + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 });
        return new Worksheet(freeze, columns, data);
    }

    private static Row RowOf(uint index, Cell[] cells)
    {
        for (var i = 0; i < cells.Length; i++) cells[i].CellReference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
        return new Row(cells) { RowIndex = index };
    }

    private static Cell Cell(object? value, CellKind kind) => value switch
    {
        null => new Cell(),
        KindedValue kinded => Cell(kinded.Value, kinded.Kind),
        string text => TextCell(text, Plain),
        long or int or decimal or double => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
            StyleIndex = kind switch { CellKind.Count => CountStyle, CellKind.Share => ShareStyle, CellKind.Money => MoneyStyle, CellKind.OneDecimal => DecimalStyle, _ => Plain },
        },
        _ => TextCell(value.ToString() ?? "", Plain),
    };

    private static Cell TextCell(string text, uint style) =>
        new(new InlineString(new Text(FormulaGuard.Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static int Shown(object? value) => value switch { null => 1, string s => s.Length, _ => 12 };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string UniqueName(string wanted, HashSet<string> taken)
    {
        var clean = new string([.. wanted.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim();
        if (clean.Length == 0) clean = "Sheet";
        clean = clean[..Math.Min(clean.Length, 31)];
        var name = clean;
        for (var i = 2; !taken.Add(name); i++) name = clean[..Math.Min(clean.Length, 28)] + $" {i}";
        return name;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" })) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, FontId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, FontId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 2, ApplyFont = true }) { Count = 7 });
}
