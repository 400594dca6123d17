using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>The Scorecard page in Chromium on a laptop (1366 px) and a phone (390 px): every cell's status visible, nothing wider than the screen.</summary>
public class ScorecardBrowserTest
{
    private static readonly string[] Running = ["on-track", "at-risk", "behind", "pending", "missed"];

    [Theory]
    [InlineData(1366, 900, "scorecard-1366")]
    [InlineData(390, 844, "scorecard-390")]
    public async Task TheScorecard_ShowsEachPeriodsStatus_AtLaptopAndPhoneWidths(int width, int height, string screenshot)
    {
        await using var session = await BrowserSession.StartAsync(width, height);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/scorecard");

        var table = page.Locator("table[data-table='scorecard']");
        Assert.True(await table.Locator("tbody tr").CountAsync() >= 3);
        var month = ApiServer.DemoNow.InUtc().Date.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture);
        // The month in progress: each of its cells says where it stands so far, none met.
        var running = table.Locator($"td[data-period='{month}']");
        Assert.True(await running.CountAsync() >= 3);
        foreach (var cell in await running.AllAsync())
        {
            await Expect(cell.Locator(".status")).ToBeVisibleAsync();
            Assert.Contains(await cell.GetAttributeAsync("data-status"), Running);
        }
        await Expect(table.Locator("tbody tr").First.Locator("th")).ToContainTextAsync("leads");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the scorecard is {overflow} px wider than a {width} px screen");
        if (width < 640)
        {
            // On a phone each row is a card: a cell names its period beside its status.
            var label = await running.First.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
            Assert.Equal($"\"{month} so far\"", label);
        }
        await session.ScreenshotAsync(screenshot);
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
