using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Breaches explained (issue 20) and the lead page (issue 21), in Chromium: from the breach queue
/// (a Berlin rep's breaches, the agreement in New York), a lead's "why" opens its timeline in place
/// and its id opens the lead page, whose clocks show the stored deadline, the times' zone by name
/// and the reason in the rep's calendar; at a laptop's and a phone's width, screenshotted.
/// </summary>
public class LeadPageBrowserTest
{
    [Fact]
    public async Task ALeadOpenedFromTheQueue_ExplainsItsClocks_AtLaptopAndPhoneWidths()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/breaches?breached=any&show=open&commitment=speed&rep=rep-05");
        var first = page.Locator("table[aria-label='Breach queue'] tbody tr").First;
        var lead = await first.Locator("th a").First.InnerTextAsync();

        // In place: the queue stays, the timeline opens above it.
        await first.GetByRole(AriaRole.Link, new() { Name = $"Why {lead}'s clock is due when it is" }).ClickAsync();
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Lead {lead}", Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("table.clocks td.why").First).ToContainTextAsync("Europe/Berlin");
        await session.ScreenshotAsync("breaches-why-1366");

        // The lead page, from the lead's id.
        await page.GetByRole(AriaRole.Link, new() { Name = lead, Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync($"**/leads/default/{Uri.EscapeDataString(lead)}");
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Lead {lead}");
        var speed = page.Locator("table.clocks tr[data-clock^='speed']").First;
        var why = page.Locator("table.clocks tr[data-why^='speed'] td.why").First;
        await Expect(why).ToContainTextAsync("working minutes");
        await Expect(why).ToContainTextAsync(": due ");
        await Expect(page.Locator("table.clocks thead")).ToContainTextAsync("Deadline (America/New_York)");
        var due = long.Parse((await speed.Locator("td[data-deadline]").GetAttributeAsync("data-deadline"))!, System.Globalization.CultureInfo.InvariantCulture);
        var stored = Convert.ToInt64(await session.Server.Scalar($"SELECT due_at FROM sla_clocks WHERE source = 'default' AND lead_id = '{lead}' AND commitment = 'speed' AND rep = 'rep-05'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(stored, due);
        await Expect(page.Locator(".lead-events li.breach").First).ToBeVisibleAsync();
        await session.ScreenshotAsync("lead-1366");

        await page.SetViewportSizeAsync(390, 844);
        await session.OpenAsync(new Uri(page.Url).PathAndQuery);
        await session.ScreenshotAsync("lead-390");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the lead page is wider than a phone's screen");
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
