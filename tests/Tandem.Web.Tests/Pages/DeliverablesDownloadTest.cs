using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 21: the Deliverables page's tables download as CSV and XLSX (DeliverableTables): one sheet
/// per table, the campaigns as the page lists them, one table alone by name; a bad format, table or
/// period is a 400 naming the field. Both engines.
/// </summary>
public sealed class DeliverablesDownloadTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheTablesDownload_AsThePageShowsThem(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        DeliverableLogResult logged;
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
            var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
            logged = await DeliverableLog.ReadAsync(connection, new LocalDate(2026, 10, 1).AtStartOfDayInZone(zone).ToInstant(), new LocalDate(2026, 11, 1).AtStartOfDayInZone(zone).ToInstant(), zone);
        }
        Assert.NotEmpty(logged.Campaigns);
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var csv = await viewer.GetStringAsync(new Uri("/deliverables?period=2026-10&format=csv", UriKind.Relative));
        foreach (var title in new[] { "Deliverables 2026-10", "Content pieces published in 2026-10", "Campaigns launched in 2026-10", "Training sessions held in 2026-10" })
            Assert.Contains(title, csv, StringComparison.Ordinal);
        Assert.All(logged.Campaigns, c => Assert.Contains($",{c.Id},{c.Leads},{c.Touched}", csv, StringComparison.Ordinal));

        var one = await viewer.GetStringAsync(new Uri("/deliverables?period=2026-10&format=csv&table=campaigns", UriKind.Relative));
        Assert.Equal(logged.Campaigns.Count + 1, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("launched,name,id,leads tied,touched since responding", one, StringComparison.Ordinal);

        using (var stream = new MemoryStream(await viewer.GetByteArrayAsync(new Uri("/deliverables?period=2026-10&format=xlsx", UriKind.Relative))))
        using (var document = SpreadsheetDocument.Open(stream, false))
            Assert.Equal(["Commitments", "Content", "Content uses", "Campaigns", "Reports", "Launches", "Trainings"],
                document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));

        foreach (var (query, detail) in new[]
        {
            ("period=2026-10&format=pdf", "format: 'pdf' is not csv or xlsx"),
            ("period=2026-10&format=csv&table=nope", "table: 'nope' is not one of this page's (Commitments, Content"),
            ("period=2026-13&format=csv", "period: Period: month 13 is not 01-12."),
        })
        {
            using var response = await viewer.GetAsync(new Uri("/deliverables?" + query, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
