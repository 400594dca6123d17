using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>The web app in a real headless Chromium: what a user does, start to end, with a screenshot of every page.</summary>
public class BrowserTest
{
    /// <summary>Every page of the navigation, with what must be on it.</summary>
    public static readonly (string Path, string Name, string Heading)[] Pages =
    [
        ("/", "today", "Today"), ("/pacing", "pacing", "Pacing"), ("/follow-up", "follow-up", "Follow-up"), ("/breaches", "breaches", "Breaches"),
        ("/scorecard", "scorecard", "Scorecard"), ("/deliverables", "deliverables", "Deliverables"), ("/plan", "plan", "Plan"), ("/recalibration", "recalibration", "Recalibration"),
        ("/agreement", "agreement", "Agreement"), ("/data", "data", "Data"), ("/settings", "settings", "Settings"),
    ];

    [Fact]
    public async Task ASignedInUser_OpensEveryPage_WorksTheQueue_Uploads_EditsThePlan_AndSignsOut()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync();

        // Every page, from the navigation: its heading, charts drawn where it has them, a screenshot.
        foreach (var (path, name, heading) in Pages)
        {
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = heading, Exact = true }).ClickAsync();
            await page.WaitForURLAsync(session.Url(path));
            await page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await Expect(page.Locator(".problem")).ToHaveCountAsync(0);
            foreach (var canvas in await page.Locator("canvas").AllAsync()) await Expect(canvas).ToHaveAttributeAsync("data-drawn", "true");
            Assert.True(File.Exists(await session.ScreenshotAsync(name)));
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Ada Admin (admin)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await session.ScreenshotAsync("account");
        await session.OpenAsync("/agreement/edit");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/New_York");
        // The deliverable commitments, below sales': the demo's kinds of content and campaign follow-up, and blank rows to add a kind.
        await Expect(page.GetByLabel("Kind 1", new() { Exact = true })).ToHaveValueAsync("blog post");
        await Expect(page.GetByLabel("Kind 4", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Campaign leads touched within")).ToHaveValueAsync("48 hours");
        await Expect(page.GetByLabel("Follow-up clock")).ToHaveValueAsync("wall");
        await session.ScreenshotAsync("agreement-edit");
        await session.OpenAsync("/pacing");
        Assert.True(await page.Locator("canvas[data-drawn='true']").CountAsync() >= 1, "the pacing chart was not drawn");

        // The breach queue: acknowledge the first breach listed, from its row's menu.
        await session.OpenAsync("/breaches?show=all");
        var menu = page.Locator("table[aria-label='Breach queue'] details.row-menu").First;
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("acknowledged.");
        await session.ScreenshotAsync("breaches-after-acknowledge");

        // Upload a CSV with a bad row: previewed, then imported; the good rows are stored, the bad row's line, column and reason shown.
        await session.OpenAsync("/data");
        var csv = Path.Combine(Path.GetTempPath(), $"browser-leads-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "id,created_at,owner\nWEB-1,2026-11-02T09:00:00Z,ann\nWEB-2,the day before,ann\n");
        await page.GetByLabel("File (CSV UTF-8 with its header on line 1, or an .xlsx workbook)").SetInputFilesAsync(csv);
        await page.GetByLabel("What it holds").SelectOptionAsync("leads");
        // Through the user's own mapping file, which translates the owner's name.
        var map = Path.Combine(Path.GetTempPath(), $"browser-leads-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(map, "leads:\n  id: id\n  created_at: { column: created_at, format: iso }\n  owner: { column: owner, values: { ann: ann-smith } }\n");
        await page.Locator("input[name='mapping']").SetInputFilesAsync(map);
        // The preview comes first, in place (the chosen file stays in the form), and stores nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var previewed = page.Locator("table[data-table='preview'] tbody tr");
        await Expect(previewed).ToHaveCountAsync(2);
        await Expect(previewed.Nth(0)).ToContainTextAsync("2026-11-02T09:00:00Z");
        await Expect(previewed.Nth(0)).ToContainTextAsync("ann-smith");
        await Expect(previewed.Nth(1)).ToContainTextAsync("created_at: 'the day before' is not a time");
        await Expect(page.Locator("[data-without-script]")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("data-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Import {Path.GetFileName(csv)}" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("2 rows read; 1 inserted, 0 updated, 0 unchanged, 1 rejected.");
        var problem = page.Locator("table[data-table='problems'] tbody tr").First;
        await Expect(problem).ToContainTextAsync("3");
        await Expect(problem).ToContainTextAsync("created_at");
        await Expect(problem).ToContainTextAsync("the day before");
        await session.ScreenshotAsync("data-after-upload");
        File.Delete(csv);
        File.Delete(map);

        // The plan: type a new quota and the goal changes without submitting the form.
        await session.OpenAsync("/plan");
        var goal = page.Locator("[data-figure='leads-needed']");
        var before = await goal.InnerTextAsync();
        await page.GetByLabel("Sales quota").FillAsync("5000000");
        await Expect(goal).Not.ToHaveTextAsync(before);
        Assert.Contains("quota=5000000", page.Url, StringComparison.Ordinal);
        var after = int.Parse(await goal.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after > int.Parse(before, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Sales quota").FillAsync("-1");
        await Expect(page.Locator(".field.invalid")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("plan-edited");

        // Sign out: back to the sign-in page, and the pages are closed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Tandem" })).ToBeVisibleAsync();
        await page.GotoAsync(session.Url("/scorecard"));
        Assert.Matches(new Regex("/signin"), page.Url);

        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    [Fact]
    public async Task AWorkbookUpload_IsPreviewedInPlace_ClearedByAChange_ThenImported()
    {
        await using var session = await BrowserSession.StartAsync(width: 768, height: 1024);
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/data");
        var xlsx = Path.Combine(Path.GetTempPath(), $"browser-leads-{Guid.NewGuid():N}.xlsx");
        Tandem.Data.Tests.Import.XlsxFile.Write(xlsx, ("Leads", [
            (1, ["id", "created_at", "lead_type"]),
            (2, ["XL-1", Tandem.Data.Tests.Import.XCell.Num("46328.375", "yyyy-mm-dd hh:mm"), "Webinar"]),
            (3, ["XL-2", Tandem.Data.Tests.Import.XCell.Error("#N/A"), "Webinar"]),
        ]));
        await page.GetByLabel("File (CSV UTF-8 with its header on line 1, or an .xlsx workbook)").SetInputFilesAsync(xlsx);

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var rows = page.Locator("table[data-table='preview'] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("2026-11-02T09:00:00Z");
        await Expect(rows.Nth(1)).ToContainTextAsync("created_at (B): holds the spreadsheet error #N/A");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the preview makes the page {overflow} px wider than a 768 px tablet");
        await session.ScreenshotAsync("data-preview-xlsx");
        Assert.Equal(0L, await session.Server.Scalar("SELECT COUNT(*) FROM leads WHERE id LIKE 'XL-%'") is { } none ? Convert.ToInt64(none, System.Globalization.CultureInfo.InvariantCulture) : -1);

        // Changing what the file holds clears the preview: an import always follows a preview of what it sends.
        await page.GetByLabel("What it holds").SelectOptionAsync("touches");
        await Expect(rows).ToHaveCountAsync(0);
        await page.GetByLabel("What it holds").SelectOptionAsync("leads");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Import {Path.GetFileName(xlsx)}" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("(sheet Leads): 2 rows read; 1 inserted, 0 updated, 0 unchanged, 1 rejected.");
        await Expect(page.Locator("[data-quality]")).ToContainTextAsync("values not read or missing where required, by column: created_at (B) 1");
        File.Delete(xlsx);
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }

    [Fact]
    public async Task AtTabletWidth_NoPageScrollsSideways_AndTheKeyboardReachesTheContent()
    {
        await using var session = await BrowserSession.StartAsync(width: 768, height: 1024);
        var page = session.Page;
        await session.SignInAsync();
        foreach (var (path, name, _) in Pages.Append(("/account", "account", "Your account")))
        {
            await session.OpenAsync(path);
            // Wide tables scroll inside their own box; the page itself must fit the screen.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 768 px tablet");
            await session.ScreenshotAsync($"tablet-{name}");
        }

        await session.OpenAsync("/");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to the content");
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
