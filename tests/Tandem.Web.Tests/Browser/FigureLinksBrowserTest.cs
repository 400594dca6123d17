using Microsoft.Playwright;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// From a figure to its leads (issue 21), in Chromium at 1366 px: one figure of each kind (a speed
/// count, a depth age, a rep's row, a rep's p90, marketing's delivered leads, a scorecard cell)
/// clicked lands on the lead list, whose count is the figure.
/// </summary>
public class FigureLinksBrowserTest
{
    [Fact]
    public async Task ClickingEachKindOfFigure_LandsOnAListOfThatMany()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();
        foreach (var (address, figure) in new[]
        {
            ("/follow-up?period=2026-10", "speed-never-touched"),
            ("/follow-up?period=2026-10", "depth-not-reached-7"),
            ("/follow-up?period=2026-10", "rep-handoffs"),
            ("/follow-up?period=2026-10", "rep-p90-working"),
            ("/?period=2026-11", "marketing-delivered"),
            ("/scorecard?period=2026-11", "speed-kept"),
        })
        {
            await session.OpenAsync(address);
            var link = page.Locator($"a[data-figure='{figure}']").First;
            // A count's link says it; a p90's link says a time and carries the rep's handoffs.
            var shown = await link.GetAttributeAsync("data-rows") ?? (await link.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal);
            await link.ClickAsync();
            await page.WaitForURLAsync("**/leads?**");
            await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
            var count = await page.Locator("[data-count]").First.GetAttributeAsync("data-count");
            Assert.True(shown == count, $"{figure} on {address}: {shown}, the list {page.Url} says {count}");
            if (figure == "rep-p90-working") await session.ScreenshotAsync("figure-p90-list-1366");
        }
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
