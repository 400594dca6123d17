using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Web.Tests.Browser;

/// <summary>The Deliverables page in Chromium: marketing logs a piece, sales gives feedback on a report, both listed; no script or policy error.</summary>
public class DeliverablesBrowserTest
{
    [Fact]
    public async Task AnAdmin_LogsAPieceAndFeedbackThroughTheForms()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync();
        await session.OpenAsync("/deliverables");
        await Expect(page.Locator("table[data-table='deliverable-lines'] tbody tr")).ToHaveCountAsync(10);

        var piece = page.GetByRole(AriaRole.Form, new() { Name = "Log a content piece" });
        await piece.GetByLabel("Kind").FillAsync("case study");
        await piece.GetByLabel("Title").FillAsync("Acme halves its speed to lead");
        await piece.GetByRole(AriaRole.Button, new() { Name = "Log the piece" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Logged the content piece 'Acme halves its speed to lead'.");
        await Expect(page.Locator("table[data-table='content']")).ToContainTextAsync("Acme halves its speed to lead");

        var feedback = page.GetByRole(AriaRole.Form, new() { Name = "Log feedback on a report" });
        await feedback.GetByLabel("Rep", new() { Exact = true }).FillAsync("rep-01");
        await feedback.GetByLabel("Feedback").FillAsync("More on the webinar leads, please.");
        await feedback.GetByRole(AriaRole.Button, new() { Name = "Log the feedback" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Logged the feedback.");
        await session.ScreenshotAsync("deliverables-after-logging");

        Assert.Equal(1L, Convert.ToInt64(await session.Server.Scalar("SELECT COUNT(*) FROM report_feedback WHERE comment = 'More on the webinar leads, please.' AND rep = 'rep-01'")));
        Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
    }
}
