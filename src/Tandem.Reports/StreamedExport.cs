using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Reports;

/// <summary>
/// One table of any length as CSV or XLSX, its rows written as they are read (a lead list's export:
/// all its rows, a million at most, never held at once). Cells are typed and neutralised as
/// <see cref="CsvExport"/> and <see cref="XlsxExport"/> do: text that a spreadsheet would run as a
/// formula goes out with a leading apostrophe (<see cref="FormulaGuard"/>).
/// </summary>
public static class StreamedExport
{
    /// <summary>Writes the header and <paramref name="rows"/> as CSV, flushing as CsvHelper's buffer fills.</summary>
    public static async Task WriteCsvAsync(TextWriter writer, IReadOnlyList<ReportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in columns) csv.WriteField(FormulaGuard.Neutralise(column.Heading));
        await csv.NextRecordAsync().ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(cancel).ConfigureAwait(false))
        {
            foreach (var value in row) csv.WriteField(value switch
            {
                null => "",
                string text => FormulaGuard.Neutralise(text),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => FormulaGuard.Neutralise(other.ToString() ?? ""),
            });
            await csv.NextRecordAsync().ConfigureAwait(false);
        }
        await csv.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the header and <paramref name="rows"/> as a one-sheet workbook to <paramref name="output"/>.
    /// A workbook is a zip that needs seeking: its sheet is written row by row (Open XML's streaming
    /// writer) into a temporary file, deleted on close, which is then copied out; memory stays flat.
    /// </summary>
    public static async Task WriteXlsxAsync(Stream output, string sheetName, IReadOnlyList<ReportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                uint index = 1;
                writer.WriteElement(new Row(columns.Select(c => Text(c.Heading))) { RowIndex = index++ });
                await foreach (var row in rows.WithCancellation(cancel).ConfigureAwait(false))
                    writer.WriteElement(new Row(row.Select(Cell)) { RowIndex = index++ });
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        file.Position = 0;
        await file.CopyToAsync(output, cancel).ConfigureAwait(false);
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string text => Text(text),
        long or int or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)) },
        _ => Text(value.ToString() ?? ""),
    };

    private static Cell Text(string text) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(FormulaGuard.Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };
}
