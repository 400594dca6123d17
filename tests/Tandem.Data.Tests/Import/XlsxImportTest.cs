using System.IO.Compression;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Import;

public class XlsxImportTest
{
    private static readonly string[] LeadHeader = ["id", "created_at", "lead_type", "segment", "company"];

    private static (int, object?[])[] LeadRows() =>
    [
        (1, LeadHeader),
        (2, ["L1", XCell.Num("43132", "yyyy-mm-dd"), "Webinar", "SMB", "Acme"]),
        (3, [XCell.Num("12345"), XCell.Num("43132.5625", "m/d/yyyy h:mm"), "Ads", null, XCell.Num("0.1")]),
        // Row 4 is blank; row 5 has an error where its date should be, row 6 a date typed as text.
        (5, ["L3", XCell.Error("#N/A"), "Ads", "SMB", "Beta"]),
        (6, ["L4", "2018-02-03 09:15", XCell.Inline("Ebook"), "", XCell.Bool(true)]),
        (7, ["L5", "01/02/2018", "Ads", "SMB", "Gamma"]),
        (8, [null, XCell.Num("43133", "14"), "Ads", null, null, null, "stray"]),
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_Leads_FromAWorkbook_ReadsCellsAsText_AndNamesProblemsBySheetRowAndColumn(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var path = f.PathOf("leads.xlsx");
        XlsxFile.Write(path, ("Leads", LeadRows()));

        var summary = await f.Import(ImportKind.Leads, path, zone: NodaTime.DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

        Assert.Equal("Leads", summary.Sheet);
        Assert.Equal((6L, 3L, 3L), (summary.Rows, summary.Records.Inserted, summary.Rejected));
        Assert.Equal(
            [(5, "created_at (B)", "holds the spreadsheet error #N/A"), (7, "created_at (B)", "'01/02/2018' is not a time"), (8, "row", "has a value in column G, which has no header"),
             (8, "id (A)", "is required but empty")],
            f.Problems.Select(p => (p.Line, p.Column, p.Reason.Split(" (expected")[0])));
        var rows = await f.Rows("SELECT id, created_at, lead_type, segment, company FROM leads ORDER BY id");
        Assert.Equal(["12345", ImportFixture.Ms("2018-02-01T13:30:00+01:00"), "Ads", null, "0.1"], rows[0]);
        Assert.Equal(["L1", ImportFixture.Ms("2018-02-01T00:00:00+01:00"), "Webinar", "SMB", "Acme"], rows[1]);
        Assert.Equal(["L4", ImportFixture.Ms("2018-02-03T09:15:00+01:00"), "Ebook", null, "TRUE"], rows[2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_SameDataAsCsvAndXlsx_StoresTheSameRecords(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var xlsx = f.PathOf("reps.xlsx");
        XlsxFile.Write(xlsx, ("Reps", [
            (1, ["id", "name", "team", "start_date", "weekly_hours", "marketing_share"]),
            (2, ["r1", "Ann", "SMB", XCell.Num("43132", "dd/mm/yyyy"), XCell.Num("37.5"), XCell.Num("0.1")]),
            (3, ["r2", "Bob", null, XCell.Num("43466", "14"), XCell.Num("39.999999999999993"), XCell.Num("0.30000000000000004")]),
        ]));
        var csv = f.File("reps.csv", "id,name,team,start_date,weekly_hours,marketing_share", "r1,Ann,SMB,2018-02-01,37.5,0.1", "r2,Bob,,2019-01-01,40,0.3");

        var fromXlsx = await f.Import(ImportKind.Reps, xlsx);
        Assert.Equal((2L, 0L), (fromXlsx.Records.Inserted, fromXlsx.Rejected));
        var stored = await f.Rows("SELECT id, name, team, start_date, weekly_hours_e4, marketing_share_e4 FROM reps ORDER BY id");
        Assert.Equal(["r1", "Ann", "SMB", "2018-02-01", 375_000L, 1_000L], stored[0]);
        var fromCsv = await f.Import(ImportKind.Reps, csv);
        Assert.Equal((0L, 0L, 2L), (fromCsv.Records.Inserted, fromCsv.Records.Updated, fromCsv.Records.Unchanged));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_NamedSheet_ReadsThatSheet_AndAWorkbookSavedAsCsvIsStillRead(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var path = f.PathOf("export.csv"); // a workbook with the wrong extension
        XlsxFile.Write(path, ("Leads", LeadRows()), ("Touches", [
            (1, ["id", "lead_id", "channel", "touched_at", "outcome"]),
            (3, ["T1", "L1", "call", XCell.Num("43132.375", "yyyy-mm-dd hh:mm"), "connected"]),
        ]));

        var summary = await f.Import(ImportKind.Touches, path, sheet: "touches");

        Assert.Equal(("Touches", 1L, 0L), (summary.Sheet, summary.Records.Inserted, summary.Rejected));
        Assert.Equal(ImportFixture.Ms("2018-02-01T09:00:00Z"), (await f.Rows("SELECT at FROM touches"))[0][0]);
    }

    [Fact]
    public async Task Import_Progress_CountsSheetRowsAgainstTheUsedRange()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var path = f.PathOf("many.xlsx");
        XlsxFile.Write(path, ("Leads", [(1, ["id", "created_at"]), .. Enumerable.Range(2, 30).Select(i => (i, new object?[] { $"L{i}", XCell.Num("43132", "14") }))]));
        var seen = new List<ImportProgress>();

        await f.Import(ImportKind.Leads, path, batchSize: 10, progress: seen.Add);

        var last = seen.Last(p => p.Phase == "importing");
        Assert.Equal((31L, 31L, 30L), (last.FileBytes, last.BytesRead, last.Rows));
    }

    [Fact]
    public async Task Import_FirstSheetByDefault_PassesOverChartAndHiddenSheets_AndDamagedCellsAreProblemsOfTheirRows()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var path = f.PathOf("book.xlsx");
        XlsxFile.Write(path, ("chart:Funnel", []), ("hidden:Lookup", [(1, ["code", "name"])]), ("Leads", [
            (1, ["id", "created_at"]),
            (2, ["A", XCell.Num("43132", "14")]),
            (3, [XCell.Shared(999), XCell.Num("43132", "14")]),
            (4, ["C", XCell.Num("60", "yyyy-mm-dd")]),
        ]));

        var summary = await f.Import(ImportKind.Leads, path);

        Assert.Equal(("Leads", 1L, 2L), (summary.Sheet, summary.Records.Inserted, summary.Rejected));
        Assert.Equal(
            [(3, "id (A)", "refers to shared text 999, which the workbook does not have (the file is damaged)"),
             (4, "created_at (B)", "is formatted as a date but holds day 60, 1900-02-29, a day that does not exist (a spreadsheet's leap-year quirk)")],
            f.Problems.Select(p => (p.Line, p.Column, p.Reason)));
    }

    [Fact]
    public async Task Import_Workbook1904_CountsDaysFrom1904()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var path = f.PathOf("mac.xlsx");
        XlsxFile.Write(path, true, ("Sheet1", [(1, ["id", "created_at"]), (2, ["A", XCell.Num("41670", "yyyy-mm-dd")])]));
        await f.Import(ImportKind.Leads, path);
        Assert.Equal(ImportFixture.Ms("2018-02-01T00:00:00Z"), (await f.Rows("SELECT created_at FROM leads"))[0][0]);
    }

    public static TheoryData<string, string> RefusedWorkbooks => new()
    {
        { "truncated", "is a zip file but not a readable .xlsx workbook" },
        { "damaged sheet", "{0}:5000: the workbook is damaged from this row on" },
        { "zip", "is a zip file but not" },
        { "xls", "is an Excel 97-2003 (.xls) or password-protected workbook" },
        { "no sheet", "--sheet: {0} has no sheet named 'Deals' (sheets: Leads, Touches)" },
        { "empty sheet", "sheet 'Blank' is empty" },
        { "error in header", "{0}:1: header: column B holds the spreadsheet error #REF!; each header cell must name its column" },
        { "csv with sheet", "--sheet: {0} is CSV text, which has no sheets" },
        { "chart sheet", "{0}: sheet 'Chart' is a chart, not a table of rows (sheets: Chart, Leads)" },
    };

    [Theory]
    [MemberData(nameof(RefusedWorkbooks))]
    public async Task Import_FileThatIsNoReadableSheet_IsRefusedWhole_NothingWritten(string scenario, string message)
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var path = f.PathOf(scenario + ".xlsx");
        string? sheet = null;
        switch (scenario)
        {
            case "truncated":
                var whole = f.PathOf("whole.xlsx");
                XlsxFile.Write(whole, ("Leads", [.. LeadRows(), .. Enumerable.Range(9, 5000).Select(i => (i, new object?[] { $"X{i}", XCell.Num("43132", "14"), $"type {i}" }))]));
                var bytes = await File.ReadAllBytesAsync(whole);
                await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "damaged sheet":
                XlsxFile.Write(path, ("Leads", [.. LeadRows(), .. Enumerable.Range(9, 6000).Select(i => (i, new object?[] { $"X{i}", XCell.Num("43132", "14") }))]));
                // Cut the sheet's XML off in the middle of row 5001: the first rows read, then the reader fails.
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    var entry = zip.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
                    string xml;
                    using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
                    var name = entry.FullName;
                    entry.Delete();
                    using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                    writer.Write(xml[..(xml.IndexOf("r=\"5001\"", StringComparison.Ordinal) + 4)]);
                }
                break;
            case "zip":
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create)) zip.CreateEntry("readme.txt");
                break;
            case "xls":
                await File.WriteAllBytesAsync(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
                break;
            case "no sheet":
                XlsxFile.Write(path, ("Leads", LeadRows()), ("Touches", [(1, ["id"])]));
                sheet = "Deals";
                break;
            case "empty sheet":
                XlsxFile.Write(path, ("Blank", [(1, [null, ""])]), ("Leads", LeadRows()));
                break;
            case "error in header":
                XlsxFile.Write(path, ("Leads", [(1, ["id", XCell.Error("#REF!")]), (2, ["A", XCell.Num("43132", "14")])]));
                break;
            case "chart sheet":
                XlsxFile.Write(path, ("chart:Chart", []), ("Leads", LeadRows()));
                sheet = "chart";
                break;
            case "csv with sheet":
                path = f.File("plain.csv", "id,created_at", "A,2026-01-01");
                sheet = "Leads";
                break;
        }

        var refused = await Assert.ThrowsAsync<ImportFileException>(() => f.Import(ImportKind.Leads, path, sheet: sheet));

        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path), refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await f.Count("leads"));
    }
}
