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
/// Issue 21: the breach queue downloads as CSV and XLSX with every row its filters match (the
/// count the page shows, not the 50 of a page), the rep's id in <c>rep</c> and name in
/// <c>rep name</c>; a sales rep's file holds only their clocks; a bad format or period is a 400
/// naming the field. Both engines.
/// </summary>
public sealed class QueueExportTest
{
    private static long Matching(string html) =>
        long.Parse(Regex.Match(html, @"([\d,]+) match these filters").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return [.. csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(f => f.Key, f => (string)f.Value))];
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheQueueDownloads_EveryMatchingRow_WithRepNames_ARepOnlyTheirs(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        RepNames names;
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
            names = await RepNames.ReadAsync(connection);
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        const string queue = "/breaches?breached=any&show=all";
        var page = await viewer.GetStringAsync(new Uri(queue, UriKind.Relative));
        var count = Matching(page);
        Assert.True(count > 2 * 50, $"more than two pages ({count})");
        Assert.Contains("&amp;format=csv", page, StringComparison.Ordinal);

        var rows = await CsvAsync(viewer, queue + "&format=csv");
        Assert.Equal(count, rows.Count);
        Assert.Equal(count, rows.Select(r => (r["source"], r["lead"], r["episode"], r["commitment"])).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(names.NameOf(r["rep"]) ?? "", r["rep name"]));
        Assert.Contains(rows, r => r["rep name"].Length > 0);
        Assert.Contains(rows, r => r["standing"] == "warning");
        Assert.Contains(rows, r => r["standing"] == "open" && r["state"] == "breached");

        var bytes = await viewer.GetByteArrayAsync(new Uri(queue + "&format=xlsx", UriKind.Relative));
        using (var stream = new MemoryStream(bytes))
        using (var document = SpreadsheetDocument.Open(stream, false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(count + 1, sheet.Count);
        }

        // One standing, one commitment: the page's count again.
        const string open = "/breaches?breached=any&show=open&commitment=speed";
        var openRows = await CsvAsync(viewer, open + "&format=csv");
        Assert.Equal(Matching(await viewer.GetStringAsync(new Uri(open, UriKind.Relative))), openRows.Count);
        Assert.All(openRows, r => Assert.Equal(("open", "speed"), (r["standing"], r["commitment"])));

        // A sales rep's file: only their clocks, whatever rep the address names.
        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02");
        var own = Matching(await rep.GetStringAsync(new Uri(queue, UriKind.Relative)));
        var ownRows = await CsvAsync(rep, queue + "&rep=rep-03&format=csv");
        Assert.True(own > 0 && own < count);
        Assert.Equal(own, ownRows.Count);
        Assert.All(ownRows, r => Assert.Equal("rep-02", r["rep"], ignoreCase: true));

        using var bad = await viewer.GetAsync(new Uri(queue + "&format=pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format: 'pdf' is not csv or xlsx", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badPeriod = await viewer.GetAsync(new Uri("/breaches?period=2026-13&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("Period", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
