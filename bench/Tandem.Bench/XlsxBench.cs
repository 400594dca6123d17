using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Bench;

/// <summary>
/// The leads file imported as CSV and as the same rows in an .xlsx workbook (written once beside the
/// CSV, text in shared strings and created_at as a date serial with a date-time format, as Excel
/// saves an export), each into a fresh database; and the reading alone (no database) of each.
/// </summary>
public static class XlsxBench
{
    public static async Task RunAsync(BenchOptions options, DataSet data)
    {
        var csv = data.File("leads");
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        if (!File.Exists(xlsx))
        {
            var clock = Stopwatch.StartNew();
            Convert(csv, xlsx);
            Console.WriteLine($"# wrote {xlsx} ({new FileInfo(xlsx).Length / 1024.0 / 1024:0.0} MB, CSV {new FileInfo(csv).Length / 1024.0 / 1024:0.0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        Console.WriteLine("| file | rows | read only | rows/s | read only, CPU | Tandem import | rows/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var file in new[] { csv, xlsx })
        {
            // Read twice and time the second, so the figure is the reader's, not the JIT compiler's; CPU
            // time beside the wall clock, since other work on a shared machine stretches only the latter.
            long rows = 0;
            using (var warm = TableFile.Open(file))
                while (warm.NextRow() is not null) { }
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var read = Stopwatch.StartNew();
            using (var table = TableFile.Open(file))
                while (table.NextRow() is not null) rows++;
            var readSeconds = read.Elapsed.TotalSeconds;
            process.Refresh();
            var readCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            double seconds = 0;
            await Databases.WithFreshAsync(options.Engine, async target =>
            {
                await using var database = new TandemDatabase(target);
                await (await database.OpenAsync()).DisposeAsync();
                var request = new ImportRequest(ImportKind.Leads, file, ImportLayouts.Generic, new ImportContext("default", DateTimeZone.Utc, null));
                var clock = Stopwatch.StartNew();
                var summary = await CsvImporter.RunAsync(database, request);
                seconds = clock.Elapsed.TotalSeconds;
                if (summary.Rejected > 0 || summary.Records.Inserted != summary.Rows) throw new InvalidOperationException($"{file}: {summary.Rejected} rejected");
            });
            Console.WriteLine($"| {Path.GetFileName(file)} | {rows:N0} | {readSeconds:0.00} s | {rows / readSeconds:N0} | {readCpu:0.00} s | {seconds:0.00} s | {rows / seconds:N0} |");
        }
    }

    /// <summary>Writes the CSV's rows to a workbook with the SDK's streaming writer (a DOM of 100,000 rows would not fit the point).</summary>
    private static void Convert(string csv, string xlsx)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        using var document = SpreadsheetDocument.Create(xlsx, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var rows = TableFile.Open(csv))
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            var number = 1;
            WriteRow(writer, number, rows.Header, -1, strings);
            var created = Array.IndexOf(rows.Header, "created_at");
            while (rows.NextRow() is { } row) WriteRow(writer, ++number, row.Fields, created, strings);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "leads" });
        var shared = workbook.AddNewPart<SharedStringTablePart>();
        shared.SharedStringTable = new SharedStringTable(strings.OrderBy(s => s.Value).Select(s => new SharedStringItem(new Text(s.Key))));
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" }),
            new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
            new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }));
    }

    private static void WriteRow(OpenXmlWriter writer, int number, string[] fields, int dateColumn, Dictionary<string, int> strings)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Length == 0) continue;
            if (i == dateColumn)
            {
                // Days since 1899-12-30 in UTC, as a spreadsheet stores a date-time.
                var instant = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(fields[i]).GetValueOrThrow().ToInstant();
                var serial = (decimal)(instant - Instant.FromUtc(1899, 12, 30, 0, 0)).TotalMilliseconds / 86_400_000m;
                writer.WriteElement(new Cell { CellReference = XlsxCellText.Letters(i) + number.ToString(CultureInfo.InvariantCulture), StyleIndex = 1, CellValue = new CellValue(serial.ToString(CultureInfo.InvariantCulture)) });
                continue;
            }
            if (!strings.TryGetValue(fields[i], out var index)) strings[fields[i]] = index = strings.Count;
            writer.WriteElement(new Cell { CellReference = XlsxCellText.Letters(i) + number.ToString(CultureInfo.InvariantCulture), DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) });
        }
        writer.WriteEndElement();
    }
}
