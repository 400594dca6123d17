using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The report tables of Pacing, Follow-up and Scorecard download as CSV and XLSX on the page's own
/// address (issue 21): the bytes the CLI writes for the same period and segment (the same
/// <see cref="ReportTables"/> through the same <see cref="CsvExport"/> that <c>tandem report ...
/// --format csv</c> runs), a workbook with the same rows, lead text neutralised, a bad format refused.
/// </summary>
public class TableDownloadTest
{
    private const string Month = "2026-10";

    private static async Task<ApiServer> DemoServerAsync()
    {
        var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    /// <summary>What the CLI's --format csv prints for these tables.</summary>
    private static string Csv(IReadOnlyList<ReportTable> tables)
    {
        using var text = new StringWriter();
        CsvExport.Write(text, tables);
        return text.ToString();
    }

    /// <summary>The tables each page downloads, computed as the CLI's report commands compute them (a past month: as of its last day).</summary>
    private static async Task<(IReadOnlyList<ReportTable> Pacing, IReadOnlyList<ReportTable> Speed, IReadOnlyList<ReportTable> Depth, IReadOnlyList<ReportTable> Scorecard)> ExpectedAsync(ApiServer server, string? segment)
    {
        await using var connection = await server.Database.OpenAsync();
        var stored = (await AgreementStore.ActiveAsync(connection))!;
        var agreement = Tandem.Data.Agreements.AgreementFile.Parse(stored.Content, "stored");
        var period = Period.Parse(Month, "period");
        var pacing = await PacingQuery.RunAsync(connection, agreement, period, period.End.PlusDays(-1), segment, default);
        var speed = await FollowUpQuery.SpeedAsync(connection, period, segment, default);
        var depth = await FollowUpQuery.DepthAsync(connection, period, segment, ApiServer.DemoNow, default);
        var scorecard = await ScorecardQuery.RunAsync(connection, agreement, period, 6, segment, ApiServer.DemoNow, default);
        var names = await Tandem.Data.Reps.RepNames.ReadAsync(connection);
        return (ReportTables.Pacing(pacing), ReportTables.Speed(speed, names), [FirstStepTable.Of(depth, FollowUpWords.FirstStep(agreement), names), .. ReportTables.Depth(depth, names)], ReportTables.Scorecard(scorecard));
    }

    [Fact]
    public async Task EachPagesCsv_IsTheClisCsv_ForTheSamePeriodAndSegment()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var segment in new string?[] { null, "SMB" })
        {
            var (pacing, speed, depth, scorecard) = await ExpectedAsync(server, segment);
            var keep = $"?period={Month}" + (segment is null ? "" : $"&segment={segment}");
            var named = segment is null ? "" : "-smb";
            foreach (var (path, tables, file) in new (string, IReadOnlyList<ReportTable>, string)[]
            {
                ($"/pacing{keep}&format=csv", pacing, $"tandem-pacing-{Month}{named}.csv"),
                ($"/pacing{keep}&format=csv&table=Daily", [pacing[1]], $"tandem-pacing-{Month}{named}-daily.csv"),
                ($"/follow-up{keep}&format=csv", [.. speed, .. depth], $"tandem-follow-up-{Month}{named}.csv"),
                // tandem report speed --format csv: the one table, no title row.
                ($"/follow-up{keep}&format=csv&table=speed", speed, $"tandem-follow-up-{Month}{named}-speed.csv"),
                ($"/scorecard{keep}&format=csv", scorecard, $"tandem-scorecard-{Month}{named}.csv"),
            })
            {
                using var response = await viewer.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
                Assert.Equal(file, response.Content.Headers.ContentDisposition!.FileName);
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(tables.Sum(t => t.Rows.Count) > 0, path);
                Assert.Equal(Csv(tables), body);
            }
            // tandem report depth --format csv (first step, then the ages, each titled) is the page's file after the speed table.
            var followUp = await viewer.GetStringAsync(new Uri($"/follow-up{keep}&format=csv", UriKind.Relative));
            Assert.EndsWith(Csv(depth), followUp, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EachPagesXlsx_HoldsOneSheetPerTable_WithTheSameRows()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var (pacing, speed, depth, scorecard) = await ExpectedAsync(server, null);
        foreach (var (path, tables, file) in new (string, IReadOnlyList<ReportTable>, string)[]
        {
            ($"/pacing?period={Month}&format=xlsx", pacing, $"tandem-pacing-{Month}.xlsx"),
            ($"/follow-up?period={Month}&format=xlsx", [.. speed, .. depth], $"tandem-follow-up-{Month}.xlsx"),
            ($"/scorecard?period={Month}&format=xlsx", scorecard, $"tandem-scorecard-{Month}.xlsx"),
        })
        {
            using var response = await viewer.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(file, response.Content.Headers.ContentDisposition!.FileName);
            var sheets = Workbook(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(tables.Count, sheets.Count);
            for (var t = 0; t < tables.Count; t++) Assert.Equal(Rows(tables[t]), sheets[t]);
        }
    }

    [Fact]
    public async Task LeadText_IsNeutralised_AndABadFormatOrTable_IsA400NamingIt()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        // A rep id typed as a formula, as a source could send it.
        await using (var connection = await server.Database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE handoff_speed_daily SET rep = '=HYPERLINK(\"http://x\")' WHERE rep = (SELECT MIN(rep) FROM handoff_speed_daily)";
            Assert.True(await command.ExecuteNonQueryAsync() > 0);
        }
        var csv = await viewer.GetStringAsync(new Uri($"/follow-up?period={Month}&format=csv&table=Speed", UriKind.Relative));
        Assert.Contains("\nrep,\"'=HYPERLINK(\"\"http://x\"\")\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        using (var xlsx = await viewer.GetAsync(new Uri($"/follow-up?period={Month}&format=xlsx&table=Speed", UriKind.Relative)))
            Assert.Contains(Workbook(await xlsx.Content.ReadAsByteArrayAsync())[0], r => r.Count > 1 && r[1] == "'=HYPERLINK(\"http://x\")");

        foreach (var (path, field) in new[]
        {
            ("/pacing?format=bogus", "format: 'bogus' is not csv or xlsx"), ("/follow-up?format=CSV", "format: 'CSV' is not csv or xlsx"),
            ("/scorecard?format=pdf", "format: 'pdf' is not csv or xlsx"), ("/pacing?format=csv&table=Nope", "table: 'Nope' is not one of this page's (Pacing, Daily)"),
            ("/pacing?format=csv&period=2026-13", "period: Period: month 13 is not 01-12."), ("/follow-up?format=xlsx&segment=Nowhere", "segment: Segment 'Nowhere'"),
        })
        {
            using var response = await viewer.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(field, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EachTable_HasCsvAndXlsxLinks_KeepingThePeriodAndSegment()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var (page, tables) in new[] { ("pacing", new[] { "Pacing", "Daily" }), ("follow-up", ["Speed", "DepthFirstStep", "Depth"]) })
        {
            var html = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"/{page}?period={Month}&segment=smb", UriKind.Relative)));
            foreach (var table in tables)
                foreach (var (format, label) in new[] { ("csv", "CSV"), ("xlsx", "XLSX") })
                    Assert.Contains($"<a href=\"?period={Month}&segment=SMB&format={format}&table={table}\" aria-label=\"Download {table} as {label}\"", html, StringComparison.Ordinal);
        }
        var scorecard = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"/scorecard?period={Month}", UriKind.Relative)));
        Assert.Contains($"<a href=\"?period={Month}&format=csv\" aria-label=\"Download Scorecard as CSV\"", scorecard, StringComparison.Ordinal);
    }

    /// <summary>A table as its worksheet lays it out: title, blank, headings, rows, then (after a blank) its notes; numbers as the invariant culture writes them.</summary>
    private static List<List<string>> Rows(ReportTable table)
    {
        static string Text(object? v) => v switch
        {
            null => "",
            KindedValue k => Text(k.Value),
            string s => FormulaGuard.Neutralise(s),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString()!,
        };
        var rows = new List<List<string>> { new() { table.Title }, new(), table.Columns.Select(c => c.Heading).ToList() };
        rows.AddRange(table.Rows.Select(r => r.Select(Text).ToList()));
        if (table.Notes.Count > 0) rows.Add([]);
        rows.AddRange(table.Notes.Select(n => new List<string> { n }));
        foreach (var row in rows)
            while (row.Count > 0 && row[^1].Length == 0) row.RemoveAt(row.Count - 1);
        return rows;
    }

    /// <summary>Each worksheet's rows (by row number, blank rows kept), each cell's text or number as stored, trailing blanks dropped.</summary>
    private static List<List<List<string>>> Workbook(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        var result = new List<List<List<string>>>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
            var rows = new List<List<string>>();
            foreach (var row in data.Elements<Row>())
            {
                while (rows.Count + 1 < row.RowIndex!.Value) rows.Add([]);
                var cells = row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "").ToList();
                while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
                rows.Add(cells);
            }
            result.Add(rows);
        }
        return result;
    }
}
