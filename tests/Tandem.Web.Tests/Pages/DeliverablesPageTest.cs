using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;

namespace Tandem.Web.Tests.Pages;

/// <summary>The Deliverables page over the demo company: the period's lines, marketing and sales logging by role, bad fields named, text escaped.</summary>
public class DeliverablesPageTest
{
    private static async Task<ApiServer> DemoServerAsync()
    {
        var server = await ApiServer.StartAsync();
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(400, 7, NodaTime.SystemClock.Instance.GetCurrentInstant()) { Months = 4 });
        return server;
    }

    private static async Task<(HttpResponseMessage Response, string Page)> LogAsync(HttpClient browser, params (string Name, string Value)[] fields)
    {
        var page = await browser.GetStringAsync(new Uri("/deliverables", UriKind.Relative));
        var form = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", ApiServer.Antiforgery(page))]);
        var response = await browser.PostAsync(new Uri("/deliverables?handler=Log", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.Location!.OriginalString.StartsWith("/deliverables", StringComparison.Ordinal)) return (response, "");
        return (response, await browser.GetStringAsync(response.Headers.Location!));
    }

    private static string Message(string page) => WebUtility.HtmlDecode(Regex.Match(page, "data-message=\"deliverables\">([^<]*)<").Groups[1].Value);

    [Fact]
    public async Task Marketing_LogsAPieceAndASession_SalesLogsAttendanceForItsOwnRep()
    {
        await using var server = await DemoServerAsync();
        using var marketing = await server.SignedInAsync(Roles.Marketing);
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]);
        // This minute (the forms' precision), so everything falls in the period the page shows whenever the test runs.
        var thisMinute = now.LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", null);

        var (_, logged) = await LogAsync(marketing, ("deliverable", "content"), ("kind", "blog post"), ("title", "<script>alert(1)</script> Pricing"), ("published_at", thisMinute));
        Assert.Equal("Logged the content piece '<script>alert(1)</script> Pricing'.", Message(logged));
        Assert.DoesNotContain("<script>alert(1)", logged, StringComparison.Ordinal);
        Assert.Equal(("web", "blog post"), ((string)(await server.Scalar("SELECT source FROM content_pieces WHERE title LIKE '%Pricing'"))!, (string)(await server.Scalar("SELECT kind FROM content_pieces WHERE title LIKE '%Pricing'"))!));

        var (_, bad) = await LogAsync(marketing, ("deliverable", "trainings"), ("title", "Edge"), ("product", "Tandem Edge"), ("launch_date", "next week"), ("held_at", "2026-11-05T10:00"));
        Assert.Equal("Not logged: Launch date: 'next week' is not a date (expected yyyy-MM-dd).", Message(bad));
        var (_, session) = await LogAsync(marketing, ("deliverable", "trainings"), ("title", "Edge for reps"), ("product", "Tandem Edge"),
            ("launch_date", now.Date.PlusDays(10).ToString("uuuu-MM-dd", null)), ("held_at", thisMinute));
        Assert.Equal("Logged the training session 'Edge for reps'.", Message(session));
        Assert.Contains("<td>Edge for reps</td>", session, StringComparison.Ordinal);

        var (_, launch) = await LogAsync(marketing, ("deliverable", "launches"), ("product", "Insights <b>add-on</b>"), ("launch_date", now.Date.PlusDays(3).ToString("uuuu-MM-dd", null)));
        Assert.Equal("Logged the product launch.", Message(launch));
        if (now.Date.PlusDays(3).Month == now.Date.Month)
            Assert.Contains("<td>Insights &lt;b&gt;add-on&lt;/b&gt;</td><td>none yet</td>", launch, StringComparison.Ordinal);

        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-03");
        var page = await rep.GetStringAsync(new Uri("/deliverables", UriKind.Relative));
        Assert.DoesNotContain("Log marketing", page, StringComparison.Ordinal);
        var option = Regex.Match(page, "<option value=\"([^\"]+)\">Edge for reps").Groups[1].Value;
        Assert.StartsWith("web/", option, StringComparison.Ordinal);
        var (_, attended) = await LogAsync(rep, ("deliverable", "attendance"), ("ref", WebUtility.HtmlDecode(option)), ("rep", "rep-01"), ("attended", "yes"));
        Assert.Equal("Logged the attendance.", Message(attended));
        Assert.Equal("rep-03", await server.Scalar("SELECT rep FROM training_attendance WHERE source = 'web'"));
        Assert.Contains("<td class=\"num\">1 / 1</td>", attended, StringComparison.Ordinal);

        var piece = Regex.Match(page, "<option value=\"([^\"]+)\">&lt;script&gt;alert\\(1\\)&lt;/script&gt; Pricing").Groups[1].Value;
        var (_, used) = await LogAsync(rep, ("deliverable", "content-uses"), ("ref", WebUtility.HtmlDecode(piece)), ("used_at", now.LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", null)), ("touch_id", "T-77"), ("lead_id", "L-9"));
        Assert.Equal("Logged the use of the piece.", Message(used));
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; Pricing</td><td>rep-03</td><td>T-77</td><td><a href=\"/leads/web/L-9\">L-9</a></td>", used, StringComparison.Ordinal);

        var (refused, _) = await LogAsync(rep, ("deliverable", "content"), ("kind", "blog post"), ("title", "Not mine"), ("published_at", "2026-11-05T10:00"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("/denied", refused.Headers.Location?.AbsolutePath);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM content_pieces WHERE title = 'Not mine'")));
    }

    [Fact]
    public async Task ThePeriod_IsJudgedAgainstTheCommitments_AndTheScorecardShowsTheSameLines()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var page = await viewer.GetStringAsync(new Uri("/deliverables", UriKind.Relative));

        foreach (var commitment in new[] { "content/blog post", "content/white paper", "content/case study", "content-use", "campaigns", "campaign-follow-up", "reports", "report-feedback", "training", "training-attendance" })
            Assert.Contains($"data-commitment=\"{commitment}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-table=\"content\"", page, StringComparison.Ordinal);
        Assert.Contains("data-table=\"content-uses\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("method=\"post\" action=\"/deliverables?handler=Log\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/deliverables\"", page, StringComparison.Ordinal);
        var scorecard = await viewer.GetStringAsync(new Uri("/scorecard", UriKind.Relative));
        Assert.Contains("content/blog post", scorecard, StringComparison.Ordinal);
        Assert.Contains("training-attendance", scorecard, StringComparison.Ordinal);

        using var refused = await viewer.PostAsync(new Uri("/deliverables?handler=Log", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["deliverable"] = "reports", ["title"] = "x", ["delivered_at"] = "2026-11-02T09:00", ["__RequestVerificationToken"] = ApiServer.Antiforgery(page),
        }));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM performance_reports WHERE source = 'web'")));
    }

    [Fact]
    public async Task AFormWithoutItsReference_OrOfAnUnknownKind_IsRefusedWithAReason()
    {
        await using var server = await DemoServerAsync();
        using var admin = await server.SignedInAsync(Roles.Admin);

        var (_, unknown) = await LogAsync(admin, ("deliverable", "leads"), ("id", "L1"));
        Assert.StartsWith("Deliverable: 'leads' is not one of content, content-uses,", Message(unknown), StringComparison.Ordinal);
        var (_, noRef) = await LogAsync(admin, ("deliverable", "report-feedback"), ("given_at", "2026-11-05T10:00"));
        Assert.Equal("Report: choose one.", Message(noRef));
        var (_, noTime) = await LogAsync(admin, ("deliverable", "campaigns"), ("name", "Spring webinar"));
        Assert.Equal("Not logged: Launched at: is required.", Message(noTime));

        using var anonymous = await server.NoRedirects.PostAsync(new Uri("/deliverables?handler=Log", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["deliverable"] = "reports", ["title"] = "x", ["delivered_at"] = "2026-11-02T09:00" }));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM performance_reports WHERE source = 'web'")));
    }
}
