using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// The breach queue at a desk and on a phone (issue 22), in Chromium: at 1366 px each row is one or
/// two lines with the lead's name, three ticked rows excused with one reason are three stored
/// actions with it, the count chips filter, and "all matching" acts on exactly the filter's rows;
/// at 390 px each row is a card whose every control (its box, links, menu and the menu's fields and
/// buttons) lies inside the screen. Screenshots go to /tmp/shots-breaches/ (TANDEM_SHOTS to move).
/// </summary>
public class BreachBulkBrowserTest
{
    private const string Reason = "the team was at the kick-off";

    private static string Shots => Environment.GetEnvironmentVariable("TANDEM_SHOTS") is { Length: > 0 } set ? set : "/tmp/shots-breaches";

    private static async Task ShotAsync(IPage page, string name, bool full = true)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = full });
    }

    private static async Task<long> CountAsync(BrowserSession session, string sql) => Convert.ToInt64(await session.Server.Scalar(sql), CultureInfo.InvariantCulture);

    [Fact]
    public async Task AtADesk_RowsAreOneOrTwoLines_ThreeTickedAreExcused_ChipsFilter_AllMatchingActsOnTheFiltersRows()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/breaches?breached=any&show=open");
        await ShotAsync(page, "breaches-1366");
        await ShotAsync(page, "breaches-1366-top", full: false);

        // One or two lines a row; a rep and an instant never wrap; the lead's name is on the row.
        var rows = page.Locator("table[aria-label='Breach queue'] tbody tr");
        Assert.True(await rows.CountAsync() > 3);
        var heights = await rows.EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.True(heights.Max() <= 60, $"rows up to {heights.Max()} px high");
        var wrapped = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('table.breach-queue td.nowrap')].filter(c => c.getClientRects().length && c.scrollHeight > 2 * parseFloat(getComputedStyle(c).lineHeight || 20)).length");
        Assert.Equal(0, wrapped);
        var lead = await rows.First.Locator("th a").InnerTextAsync();
        var name = (string?)await session.Server.Scalar($"SELECT name FROM leads WHERE source = 'default' AND id = '{lead}'");
        if (name is not null) await Expect(rows.First.Locator("th .person")).ToContainTextAsync(name);
        await WithinTheColumnAsync(page);

        // A row's menu opens over the rows below it.
        var menu = rows.First.Locator("details.row-menu");
        await menu.Locator("summary").ClickAsync();
        await Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Excuse" })).ToBeVisibleAsync();
        await ShotAsync(page, "breaches-1366-menu", full: false);
        await menu.Locator("summary").ClickAsync();

        // Three ticked, excused with one reason.
        var ticked = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var box = rows.Nth(i).Locator("input[name='breach']");
            await box.CheckAsync();
            ticked.Add((await box.GetAttributeAsync("value"))!);
        }
        var bulk = page.GetByRole(AriaRole.Form, new() { Name = "Act on many breaches" });
        await bulk.GetByLabel("Reason (to excuse)").FillAsync(Reason);
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Excuse" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("3 breaches excused.");
        Assert.Equal(3L, await CountAsync(session, $"SELECT COUNT(*) FROM breach_actions WHERE action = 'excuse' AND reason = '{Reason}' AND by_user = 'ada'"));
        foreach (var key in ticked.Select(k => Tandem.Data.UseCases.ActOnBreaches.Parse(k)!))
            Assert.Equal(1L, await CountAsync(session, $"SELECT COUNT(*) FROM breach_actions WHERE lead_id = '{key.LeadId}' AND episode = {key.Episode} AND commitment = '{key.Commitment}' AND reason = '{Reason}'"));

        // The chips filter: excused lists those three, its chip marked; all lists more.
        var chips = page.GetByRole(AriaRole.Navigation, new() { Name = "Show by standing" });
        await chips.GetByRole(AriaRole.Link, new() { Name = "excused: 3" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("show=excused"));
        await Expect(chips.Locator("a[aria-current='true']")).ToHaveTextAsync("excused: 3");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("table[aria-label='Breach queue'] tbody .status.excused")).ToHaveCountAsync(3);
        await ShotAsync(page, "breaches-1366-excused");
        await WithinTheColumnAsync(page);
        await chips.GetByRole(AriaRole.Link, new() { Name = "all: ", Exact = false }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("show=all"));
        await Expect(chips.Locator("a[aria-current='true']")).ToContainTextAsync("all: ");

        // All matching one rep's open speed breaches: acknowledged, exactly those.
        await session.OpenAsync("/breaches?breached=any&show=open&commitment=speed&rep=rep-05");
        var scope = bulk.GetByLabel("breaches matching the filters", new() { Exact = false });
        var matching = long.Parse(System.Text.RegularExpressions.Regex.Match(await bulk.InnerTextAsync(), "all ([0-9,]+) breaches matching").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(matching > 0);
        await scope.CheckAsync();
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync($"{matching:N0} breaches acknowledged.");
        Assert.Equal(matching, await CountAsync(session, "SELECT COUNT(*) FROM breach_actions WHERE action = 'acknowledge'"));
        Assert.Equal(matching, await CountAsync(session,
            "SELECT COUNT(*) FROM breach_actions a JOIN sla_clocks c ON c.source = a.source AND c.lead_id = a.lead_id AND c.episode = a.episode AND c.commitment = a.commitment WHERE a.action = 'acknowledge' AND c.rep = 'rep-05' AND c.commitment = 'speed'"));
        await Expect(page.GetByText("Nothing to show with these filters.")).ToBeVisibleAsync();
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    /// <summary>The table keeps within the page's column (the filters' width), a last action's line and all, so nothing scrolls sideways.</summary>
    private static async Task WithinTheColumnAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<double>("() => document.querySelector('table.breach-queue').getBoundingClientRect().right - document.querySelector('form.filters').getBoundingClientRect().right");
        Assert.True(overflow <= 1, $"the queue reaches {overflow} px past the page's column");
    }

    [Fact]
    public async Task OnAPhone_EveryControlOfABreachRow_IsInsideTheScreen()
    {
        await using var session = await BrowserSession.StartAsync(width: 390, height: 844);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/breaches?breached=any&show=open");
        await ShotAsync(page, "breaches-390-top", full: false);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the queue is wider than a phone's screen");

        var row = page.Locator("table[aria-label='Breach queue'] tbody tr[data-breach]").First;
        await row.Locator("details.row-menu summary").ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Excuse" })).ToBeVisibleAsync();
        await row.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "breaches-390");
        await ShotAsync(page, "breaches-390-menu", full: false);
        var controls = row.Locator("a, input:not([type='hidden']), button, summary");
        Assert.True(await controls.CountAsync() >= 9, $"{await controls.CountAsync()} controls");
        foreach (var control in await controls.AllAsync())
        {
            var what = await control.EvaluateAsync<string>("c => c.outerHTML.slice(0, 80)");
            var box = await control.BoundingBoxAsync();
            Assert.True(box is not null, $"{what} is not shown");
            Assert.True(box.X >= 0 && box.X + box.Width <= 390 && box.Width > 0, $"{what}: {box.X}..{box.X + box.Width} of 390");
        }
        // Every field of the row is shown on its card.
        foreach (var label in new[] { "Since", "Commitment", "Rep", "Clock" })
            await Expect(row.Locator($"td[data-label='{label}']")).ToBeVisibleAsync();
        await Expect(row.Locator("td.standing .status")).ToBeVisibleAsync();
        // The bulk bar's controls too.
        foreach (var control in await page.Locator("#bulk input:not([type='hidden']), #bulk button").AllAsync())
        {
            var box = await control.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"{await control.EvaluateAsync<string>("c => c.outerHTML.slice(0, 80)")}: {box?.X}..{box?.X + box?.Width}");
        }
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the open menu is wider than a phone's screen");
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
