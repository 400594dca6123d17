using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Reps;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 21: a lead list downloads as CSV and XLSX with every matching row (the list's count, not a
/// page), the rep's id in <c>rep</c> and name in <c>rep name</c>, a formula-looking name neutralised;
/// a sales rep's file holds only their leads; a bad format is a 400 naming the field. Both engines.
/// </summary>
public sealed class LeadExportTest
{
    private static async Task<ApiServer> DemoServerAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    private static long Count(string html) => long.Parse(Regex.Match(html, "data-count=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return [.. csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(f => f.Key, f => (string)f.Value))];
    }

    private static async Task<List<List<string>>> XlsxAsync(HttpClient browser, string address)
    {
        var bytes = await browser.GetByteArrayAsync(new Uri(address, UriKind.Relative));
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var data = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!;
        return [.. data.Elements<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList())];
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AListDownloads_EveryRow_WithRepNames_FormulasNeutralised_ARepOnlyTheirs(DatabaseKind kind)
    {
        await using var server = await DemoServerAsync(kind);
        string lead;
        RepNames names;
        await using (var connection = await server.Database.OpenAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT lead_id FROM handoff_facts ORDER BY handed_off_at DESC, lead_id LIMIT 1";
                lead = (string)(await command.ExecuteScalarAsync())!;
            }
            await using (var update = connection.CreateCommand())
            {
                update.CommandText = $"UPDATE leads SET name = '=HYPERLINK(\"http://x\")' WHERE id = '{lead}'";
                await update.ExecuteNonQueryAsync();
            }
            names = await RepNames.ReadAsync(connection);
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        const string list = "/leads?period=any";
        var count = Count(await viewer.GetStringAsync(new Uri(list, UriKind.Relative)));
        Assert.True(count > 2 * 50, "more than two pages");

        var rows = await CsvAsync(viewer, list + "&format=csv");
        Assert.Equal(count, rows.Count);
        Assert.Equal(count, rows.Select(r => (r["lead"], r["episode"])).Distinct().Count());
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows.First(r => r["lead"] == lead)["name"]);
        Assert.All(rows, r => Assert.Equal(names.NameOf(r["rep"]) ?? "", r["rep name"]));
        Assert.Contains(rows, r => r["rep name"].Length > 0);

        var sheet = await XlsxAsync(viewer, list + "&format=xlsx");
        Assert.Equal(count + 1, sheet.Count);
        Assert.Equal(["source", "lead", "episode"], sheet[0].Take(3));
        Assert.Contains(sheet, r => r[3] == "'=HYPERLINK(\"http://x\")");

        // A list of leads: its count too, the owner as the rep.
        var entries = Count(await viewer.GetStringAsync(new Uri("/leads?period=2026&stage=MQL", UriKind.Relative)));
        var entryRows = await CsvAsync(viewer, "/leads?period=2026&stage=MQL&format=csv");
        Assert.Equal(entries, entryRows.Count);
        Assert.Equal(entries + 1, (await XlsxAsync(viewer, "/leads?period=2026&stage=MQL&format=xlsx")).Count);

        // A sales rep's file: only their leads, as their list.
        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02");
        var own = Count(await rep.GetStringAsync(new Uri(list, UriKind.Relative)));
        var ownRows = await CsvAsync(rep, list + "&rep=rep-03&format=csv");
        Assert.True(own > 0 && own < count);
        Assert.Equal(own, ownRows.Count);
        Assert.Contains(ownRows, r => r["rep"] == "rep-02");

        using var bad = await viewer.GetAsync(new Uri(list + "&format=pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format: 'pdf' is not csv or xlsx", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badFilter = await viewer.GetAsync(new Uri(list + "&touched=maybe&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("Touched: 'maybe' is not yes or no.", await badFilter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
