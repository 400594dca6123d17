using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Today equals the queue (issue 20), in Chromium: Today's open-breach figure counts the open
/// breaches whatever their period, and clicking it lands on the queue listing exactly that many
/// rows, page after page; with a segment chosen, the figure, the queue and "About to breach" hold
/// that segment's leads only. Both pages are screenshotted at a laptop's and a phone's width.
/// </summary>
public class BreachQueueBrowserTest
{
    [Fact]
    public async Task TodaysOpenBreaches_LinkToExactlyTheQueuesRows_AllSegmentsAndOne()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();

        var all = await FollowTodaysFigureAsync(session, "all");
        Assert.True(all > QueuePageSize, $"the demo has {all} open breaches; the test needs more than a page");

        // One segment, chosen with Today's filters: About to breach lists only its leads, and the figure its open breaches.
        await session.OpenAsync("/");
        await page.GetByRole(AriaRole.Form, new() { Name = "Period and segment" }).GetByLabel("Segment").SelectOptionAsync("Enterprise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("segment=Enterprise"));
        foreach (var lead in await page.Locator("table[aria-labelledby='soon'] tbody th a").AllInnerTextsAsync())
            Assert.Equal("Enterprise", await session.Server.Scalar($"SELECT segment FROM leads WHERE id = '{lead}'"));
        var enterprise = await FollowTodaysFigureAsync(session, "enterprise");
        Assert.True(enterprise > 0 && enterprise < all, $"Enterprise {enterprise} of {all}");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Filter the queue" }).GetByLabel("Segment")).ToHaveValueAsync("Enterprise");
        var listed = await ListedLeadsAsync(session);
        foreach (var lead in listed.Distinct())
            Assert.Equal("Enterprise", await session.Server.Scalar($"SELECT segment FROM leads WHERE id = '{lead}'"));

        // The queue's own filters: a period's breaches are fewer than any period's.
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filter the queue" });
        await filters.GetByLabel("Breached").SelectOptionAsync("period");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("breached=period"));
        var open = await page.Locator(".breach-chips a.status.open").InnerTextAsync();
        Assert.True(Number(open["open: ".Length..]) < enterprise, open);

        // At a phone's width.
        await page.SetViewportSizeAsync(390, 844);
        await session.OpenAsync("/?segment=Enterprise");
        await session.ScreenshotAsync("today-enterprise-390");
        await page.Locator("#open-breaches").ClickAsync();
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await session.ScreenshotAsync("breaches-enterprise-390");
        // The first screenful as a phone shows it: the filters and the first rows as cards.
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsFolder(), "screenshots", "breaches-enterprise-390-top.png") });
        // Nothing wider than the screen but the table, which scrolls in its own box.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the queue is wider than a phone's screen");
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    private const int QueuePageSize = 50;

    /// <summary>Reads Today's open-breach figure, clicks it, and checks the queue says and lists that many rows; the figure.</summary>
    private static async Task<int> FollowTodaysFigureAsync(BrowserSession session, string name)
    {
        var page = session.Page;
        var figure = Number(await page.Locator("#open-breaches").InnerTextAsync());
        await session.ScreenshotAsync($"today-{name}-1366");
        await page.Locator("#open-breaches").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/breaches\\?.*breached=any.*show=open"));
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await session.ScreenshotAsync($"breaches-{name}-1366");
        Assert.Equal(figure, await MatchingAsync(page));
        Assert.Equal(figure, (await ListedLeadsAsync(session)).Count);
        return figure;
    }

    /// <summary>How many rows the queue says match its filters.</summary>
    private static async Task<int> MatchingAsync(IPage page)
    {
        var text = await page.Locator("p", new() { HasTextString = "match these filters" }).InnerTextAsync();
        return Number(text[..text.IndexOf(" match", StringComparison.Ordinal)]);
    }

    /// <summary>The leads of every row of the queue, following Next to the last page and back to the first.</summary>
    private static async Task<List<string>> ListedLeadsAsync(BrowserSession session)
    {
        var page = session.Page;
        var start = page.Url;
        var leads = new List<string>();
        while (true)
        {
            var rows = await page.Locator("table[aria-label='Breach queue'] tbody th a").AllInnerTextsAsync();
            Assert.True(rows.Count <= QueuePageSize);
            leads.AddRange(rows);
            var next = page.Locator("a[rel='next']");
            if (await next.CountAsync() == 0) break;
            await session.OpenAsync((await next.GetAttributeAsync("href"))!);
        }
        await session.OpenAsync(new Uri(start).PathAndQuery);
        return leads;
    }

    private static int Number(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
