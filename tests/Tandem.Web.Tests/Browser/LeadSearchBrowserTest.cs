using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Lead search and the lead list (issue 21) in Chromium: a name's first letters typed in the top
/// bar's box list every lead they start, as many as the count says; a full e-mail opens its lead;
/// the list of a year's handoffs walked by Next lists as many rows as it says match. Screenshotted at
/// a laptop's and a phone's width, where each row is a card and nothing scrolls sideways.
/// </summary>
public class LeadSearchBrowserTest
{
    [Fact]
    public async Task SearchingANameListsItsLeads_AndTheListWalksAsManyAsItCounts()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();

        var name = (string)(await session.Server.Scalar("SELECT name FROM leads WHERE name IS NOT NULL ORDER BY id LIMIT 1"))!;
        var prefix = name[..3].ToLowerInvariant();
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search leads by id, name, e-mail or company" });
        await box.FillAsync(prefix);
        await box.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/search\\?q="));
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await session.ScreenshotAsync("search-1366");
        var found = await CountAsync(page);
        Assert.True(found > 1, $"'{prefix}' finds {found} leads");
        var names = await page.Locator("td[data-label='Name']").AllInnerTextsAsync();
        Assert.Equal(found, names.Count);
        Assert.Contains(name, names);

        // A lead's whole e-mail, typed in capitals, opens that lead.
        var id = (string)(await session.Server.Scalar("SELECT id FROM leads WHERE email IS NOT NULL ORDER BY id LIMIT 1"))!;
        var email = (string)(await session.Server.Scalar($"SELECT email FROM leads WHERE id = '{id}'"))!;
        await box.FillAsync(email.ToUpperInvariant());
        await box.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/leads/default/{Regex.Escape(id)}$"));

        // The year's handoffs: Next walks as many rows as the list says match.
        await session.OpenAsync("/leads?period=2026");
        await session.ScreenshotAsync("leads-1366");
        var matching = await CountAsync(page);
        var rows = 0;
        while (true)
        {
            rows += await page.Locator("table.leads tbody tr").CountAsync();
            Assert.Equal(matching, await CountAsync(page));
            var next = page.GetByRole(AriaRole.Link, new() { Name = "Next 50" });
            if (await next.CountAsync() == 0) break;
            await next.ClickAsync();
            await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        }
        Assert.True(matching > 50, $"{matching} handoffs in the demo's year");
        Assert.Equal(matching, rows);

        // Filtered from the form: never touched.
        await session.OpenAsync("/leads?period=2026");
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filter the leads" });
        await filters.GetByLabel("Touched").SelectOptionAsync("no");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("touched=no"));
        var untouched = await CountAsync(page);
        Assert.True(untouched > 0 && untouched < matching, $"{untouched} of {matching}");
        Assert.All(await page.Locator("td[data-label='First touch after']").AllInnerTextsAsync(), t => Assert.Equal("never touched", t));

        // At a phone's width: rows are cards, nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await session.OpenAsync("/leads?period=2026");
        await session.ScreenshotAsync("leads-390");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsFolder(), "screenshots", "leads-390-top.png") });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the lead list is wider than a phone's screen");
        await session.OpenAsync($"/search?q={Uri.EscapeDataString(prefix)}");
        await session.ScreenshotAsync("search-390");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the search page is wider than a phone's screen");
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    private static async Task<int> CountAsync(IPage page) =>
        int.Parse(await page.Locator("p.match strong").GetAttributeAsync("data-count") ?? "-1", CultureInfo.InvariantCulture);
}
