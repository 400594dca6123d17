using Tandem.Reports;

namespace Tandem.Web.Tests.Browser;

/// <summary>In Chromium at 1366 px, a report table's download link gives a file with the table's rows (issue 21).</summary>
public class TableDownloadBrowserTest
{
    [Fact]
    public async Task ClickingATablesCsvLink_DownloadsItsRows()
    {
        await using var session = await BrowserSession.StartAsync(1366, 900);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/pacing?period=2026-10");

        var shown = await page.Locator("table[data-table='Daily'] tbody tr").CountAsync();
        Assert.Equal(31, shown);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Download Daily as CSV" }).ClickAsync());
        Assert.Equal("tandem-pacing-2026-10-daily.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path!)).Where(l => l.Length > 0).ToList();
        Assert.Equal("date,goal,lower,upper,actual", lines[0]);
        Assert.Equal(shown, lines.Count - 1);
        Assert.StartsWith("2026-10-01,", lines[1], StringComparison.Ordinal);

        var workbook = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Download Pacing as XLSX" }).ClickAsync());
        Assert.Equal("tandem-pacing-2026-10-pacing.xlsx", workbook.SuggestedFilename);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(await workbook.PathAsync()!, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
        // Title, headings, then one row per row of the table on the page (its notes none).
        var rows = await page.Locator("table[data-table='Pacing'] tbody tr").CountAsync();
        Assert.Equal(rows + 2, sheet.Elements<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        Assert.Empty(session.Errors);
        await session.ScreenshotAsync("table-downloads-1366");
    }
}
