using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Recalibration page's tables download as CSV and XLSX (issue 21): the file <c>tandem
/// recalibrate --for FOR --window N [--cycle C] --format csv|xlsx</c> writes for the same inputs (the
/// same <see cref="RecalibrationTables"/> through the same writers), on both engines; a bad window,
/// cycle or format is a 400 naming the field.
/// </summary>
public class RecalibrationDownloadTest
{
    private static async Task<ApiServer> DemoServerAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(300, 7, ApiServer.DemoNow) { Months = 9 });
        return server;
    }

    /// <summary>The tables the CLI writes for <paramref name="target"/>, <paramref name="window"/> and <paramref name="cycle"/>, from the stored agreement.</summary>
    private static async Task<IReadOnlyList<ReportTable>> ExpectedAsync(ApiServer server, string target, int window, int? cycle)
    {
        await using var connection = await server.Database.OpenAsync();
        var stored = (await AgreementStore.ActiveAsync(connection))!;
        var agreement = Tandem.Data.Agreements.AgreementFile.Parse(stored.Content, "stored");
        var period = Period.Parse(target, "for");
        var (result, _) = await RecalibrationQuery.RunAsync(connection, agreement, period, window, cycle);
        return RecalibrationTables.Of(period, result);
    }

    private static string Csv(IReadOnlyList<ReportTable> tables)
    {
        using var text = new StringWriter();
        CsvExport.Write(text, tables);
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheDownload_IsTheClisFile_ForTheSameInputs(DatabaseKind kind)
    {
        await using var server = await DemoServerAsync(kind);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var (query, target, window, cycle) in new[] { ("for=2026-12&window=6", "2026-12", 6, (int?)null), ("for=2026-11&window=8&cycle=1", "2026-11", 8, 1) })
        {
            var tables = await ExpectedAsync(server, target, window, cycle);
            Assert.True(tables.Sum(t => t.Rows.Count) > 2, query);
            using (var csv = await viewer.GetAsync(new Uri($"/recalibration?{query}&format=csv", UriKind.Relative)))
            {
                Assert.True(csv.StatusCode == HttpStatusCode.OK, $"{query}: {(int)csv.StatusCode} {await csv.Content.ReadAsStringAsync()}");
                Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
                Assert.StartsWith("tandem-recalibration-", csv.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
                Assert.Equal(Csv(tables), await csv.Content.ReadAsStringAsync());
            }
            using (var one = await viewer.GetAsync(new Uri($"/recalibration?{query}&format=csv&table=changes", UriKind.Relative)))
                Assert.Equal(Csv([tables[1]]), await one.Content.ReadAsStringAsync());
            using var xlsx = await viewer.GetAsync(new Uri($"/recalibration?{query}&format=xlsx", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
            using var document = SpreadsheetDocument.Open(stream, false);
            Assert.Equal(tables.Select(t => t.Name), document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        }

        // The page links its download with the window and cycle shown.
        var page = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/recalibration?for=2026-11&window=8&cycle=1", UriKind.Relative)));
        Assert.Contains("<a href=\"/recalibration?for=2026-11&window=8&cycle=1&format=csv\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/recalibration?for=2026-11&window=8&cycle=1&format=xlsx\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadWindowCyclePeriodFormatOrTable_IsA400NamingIt()
    {
        await using var server = await DemoServerAsync(DatabaseKind.Sqlite);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var (query, detail) in new[]
        {
            ("window=5&format=csv", "window: must be 6 to 12 periods (got '5')"),
            ("cycle=x&format=xlsx", "cycle: must be a whole number of periods from 0 to 24"),
            ("for=2026-13&format=csv", "for: month 13 is not 01-12"),
            ("format=pdf", "format: 'pdf' is not csv or xlsx"),
            ("format=csv&table=Nope", "table: 'Nope' is not one of this page's (Window, Changes"),
        })
        {
            using var response = await viewer.GetAsync(new Uri($"/recalibration?{query}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(detail, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
