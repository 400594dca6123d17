using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Data.Accounts;
using Tandem.Data.Store;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Periods and notifications in the app (issue 22), in Chromium at 1366 and 390 px: the picker's
/// Previous moves Today to the month before and its figures change with it; a new breach appears
/// on the Notifications page with the top bar's unread count, marking it read and all read clears
/// it; a sales rep sees only their own alerts. The top bar stays on one line at 1366 px and no
/// page is wider than a 390 px phone. Screenshots go to artifacts/screenshots (and TANDEM_SHOTS).
/// </summary>
public class NotificationsBrowserTest
{
    [Fact]
    public async Task ThePickerMovesAMonth_ABreachIsNotifiedInTheApp_AndARepSeesTheirOwn()
    {
        await using var session = await BrowserSession.StartAsync(width: 1366, height: 900);
        var page = session.Page;
        await session.SignInAsync();

        // The picker: Previous moves Today to October, and its figures follow.
        await session.OpenAsync("/?period=2026-11");
        var delivered = page.Locator("a[data-figure='marketing-delivered']").First;
        var november = await delivered.InnerTextAsync();
        await Shot(session, "today-picker-1366");
        await TopBarOnOneLineAsync(page);
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Period and segment" });
        await filters.GetByRole(AriaRole.Link, new() { Name = "‹ Previous" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("period=2026-10"));
        await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        await Expect(filters.GetByLabel("Period")).ToHaveValueAsync("2026-10");
        await Expect(page.Locator("p.lead").First).ToContainTextAsync("period 2026-10");
        Assert.NotEqual(november, await delivered.InnerTextAsync());
        // The select picks a month too, and Next comes back.
        await filters.GetByLabel("Period").SelectOptionAsync("2026-09");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("period=2026-09"));
        await filters.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("period=2026-10"));

        // Everything read, then a new lead handed off at 09:00 in New York and never touched breaches at 09:30 (30 working minutes).
        await session.OpenAsync("/notifications");
        if (await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).CountAsync() > 0)
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Expect(page.Locator(".bell")).ToHaveAttributeAsync("data-unread", "0");
        var rep = (string)(await session.Server.Scalar("SELECT rep FROM sla_events ORDER BY id DESC LIMIT 1"))!;
        var handoff = ApiServer.DemoNow - NodaTime.Duration.FromHours(1);
        await using (var connection = await session.Server.Database.OpenAsync())
        {
            var ms = handoff.ToUnixTimeMilliseconds();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "lead_type", "segment", "owner", "name", "company"], [["default", "NEW-1", ms, "Webinar", "SMB", rep, "Nora Newlead", "Newco"]], ApiServer.DemoNow.ToUnixTimeMilliseconds());
                await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["default", "NEW-1", "MQL", ms, rep]], ApiServer.DemoNow.ToUnixTimeMilliseconds());
                await tx.CommitAsync();
            }
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
            await UserStore.AddAsync(connection, "rita", "Rita Rep", Roles.SalesRep, rep, Tandem.Web.Accounts.Passwords.Hash(ApiServer.Password), 1);
        }
        await session.OpenAsync("/");
        var bell = page.Locator(".bell");
        await Expect(bell).ToHaveAttributeAsync("data-unread", new Regex("^[1-9]"));
        var unread = int.Parse((await bell.GetAttributeAsync("data-unread"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(bell.Locator(".count")).ToHaveTextAsync($"{unread} unread");
        await bell.ClickAsync();
        await page.WaitForURLAsync(session.Url("/notifications"));
        var breach = page.Locator("ol.notifications li.unread[data-state='breached']", new() { HasTextString = "Nora Newlead" });
        await Expect(breach).ToHaveCountAsync(1);
        await Expect(breach).ToContainTextAsync("Newco");
        await Expect(breach.GetByRole(AriaRole.Link, new() { Name = "Nora Newlead" })).ToHaveAttributeAsync("href", "/leads/default/NEW-1");
        await Expect(page.Locator("[data-unread]").Last).ToContainTextAsync($"{unread} unread.");
        await Shot(session, "notifications-1366");
        await TopBarOnOneLineAsync(page);

        // Mark the breach read: the count drops by one; then all read: nothing unread.
        await breach.GetByRole(AriaRole.Button, new() { Name = "Mark the breach of Nora Newlead read" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Marked read.");
        await Expect(bell).ToHaveAttributeAsync("data-unread", (unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("ol.notifications li.read[data-state='breached']", new() { HasTextString = "Nora Newlead" })).ToHaveCountAsync(1);
        if (unread > 1)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
            await Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        }
        await Expect(page.Locator(".bell .count")).ToHaveCountAsync(0);

        // At a phone's width: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await session.OpenAsync("/notifications");
        await Shot(session, "notifications-390");
        await FitsAsync(page);
        await session.OpenAsync("/pacing?period=2026-11");
        await Shot(session, "pacing-picker-390");
        await FitsAsync(page);
        await session.OpenAsync("/?period=2026-11");
        await Shot(session, "today-picker-390");
        await FitsAsync(page);

        // A sales rep: their own alerts only, unread for them though the admin read them.
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("rita");
        await page.GetByLabel("Password").FillAsync(ApiServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(session.Url("/"));
        await Expect(page.Locator(".bell")).ToHaveAttributeAsync("data-unread", new Regex("^[1-9]"));
        await session.OpenAsync("/notifications");
        var reps = await page.Locator("ol.notifications li .rep").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.rep)");
        Assert.NotEmpty(reps);
        Assert.All(reps, r => Assert.Equal(rep, r, ignoreCase: true));
        await Expect(page.Locator("ol.notifications li", new() { HasTextString = "Nora Newlead" })).Not.ToHaveCountAsync(0);
        await Shot(session, "notifications-rep-1366");
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    /// <summary>The top bar's brand, every link and the bell on one line.</summary>
    private static async Task TopBarOnOneLineAsync(IPage page)
    {
        var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.top .brand, .top nav a, .top .bell, .top .who > a')].map(e => e.getBoundingClientRect().top)");
        Assert.True(tops.Max() - tops.Min() < 12, $"the top bar wraps at 1366 px: tops {string.Join(", ", tops)}");
        Assert.True(await page.EvaluateAsync<bool>("() => { const t = document.querySelector('.top'); return t.scrollWidth <= t.clientWidth; }"), "the top bar overflows at 1366 px");
    }

    private static async Task FitsAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} is wider than a 390 px phone");

    /// <summary>A full-page screenshot in the artifacts, copied to TANDEM_SHOTS when set.</summary>
    private static async Task Shot(BrowserSession session, string name)
    {
        var path = await session.ScreenshotAsync(name);
        if (Environment.GetEnvironmentVariable("TANDEM_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.Copy(path, Path.Combine(folder, name + ".png"), overwrite: true);
        }
    }
}
