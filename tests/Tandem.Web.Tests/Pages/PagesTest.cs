using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;

namespace Tandem.Web.Tests.Pages;

/// <summary>The pages over the demo company's data: figures shown, the breach queue worked by role, lead text never run as script.</summary>
public class PagesTest
{
    private static async Task<ApiServer> DemoServerAsync()
    {
        var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    [Fact]
    public async Task EveryPage_ShowsTheDemoFigures()
    {
        await using var server = await DemoServerAsync();
        using var browser = await server.SignedInAsync(Roles.Viewer);
        foreach (var (path, expect) in new[]
        {
            ("/", "Marketing: leads delivered"), ("/pacing", "data-chart=\"chart-pacing\""), ("/follow-up", "data-chart=\"chart-depth\""),
            ("/breaches", "Breach queue"), ("/scorecard", "<table class=\"figures scorecard\" data-table=\"scorecard\""), ("/deliverables", "data-table=\"deliverable-lines\""), ("/pacing?segment=smb", "SMB"),
            ("/plan", "data-figure=\"leads-needed\""), ("/recalibration", "data-table=\"changes\""),
        })
        {
            using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Contains(expect, html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"problem\"", html, StringComparison.Ordinal);
            Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
                response.Headers.GetValues("Content-Security-Policy").Single());
        }
        using var bad = await browser.GetAsync(new Uri("/pacing?period=2026-13", UriKind.Relative));
        Assert.Contains("Period: month 13 is not 01-12.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await browser.GetAsync(new Uri("/follow-up?segment=Nowhere", UriKind.Relative));
        Assert.Contains("Segment &#x27;Nowhere&#x27; is not one of the agreement&#x27;s (SMB, Mid-Market, Enterprise).", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recalibration_ShowsTheProposal_AndItsRatesOpenExactlyOnThePlanPage()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        Tandem.Domain.Analytics.RecalibrationResult expected;
        await using (var connection = await server.Database.OpenAsync())
        {
            var stored = (await AgreementStore.ActiveAsync(connection))!;
            var agreement = Tandem.Data.Agreements.AgreementFile.Parse(stored.Content, "stored");
            var now = ApiServer.DemoNow;
            var next = Tandem.Domain.Periods.Period.Containing(now.InZone(agreement.Calendar.Zone).Date, agreement.Period.Kind).Next();
            (expected, _) = await Tandem.Data.Analytics.RecalibrationQuery.RunAsync(connection, agreement, next, 6, null);
        }
        var proposed = expected.NewPlan!.Total.LeadsNeeded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

        var page = await viewer.GetStringAsync(new Uri("/recalibration", UriKind.Relative));

        Assert.Contains($"<th scope=\"row\">leads needed</th><td class=\"num\">{expected.OldPlan!.Total.LeadsNeeded:N0}</td><td class=\"num\">{proposed}</td>", page, StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(Regex.Match(page, "<a href=\"(/plan[^\"]*)\">Try the proposed rates").Groups[1].Value);
        Assert.StartsWith("/plan?", link, StringComparison.Ordinal);
        var plan = await viewer.GetStringAsync(new Uri(link, UriKind.Relative));
        Assert.True(proposed == Regex.Match(plan, "data-figure=\"leads-needed\">([^<]+)<").Groups[1].Value, link + "\n" + Regex.Match(plan, "class=\"problem\"[^<]*").Value);

        foreach (var (query, problem) in new[]
        {
            ("?window=3", "Window: must be 6 to 12 periods (got &#x27;3&#x27;)."), ("?cycle=soon", "Cycle: must be a whole number of periods"),
            ("?for=2026-13", "For: month 13 is not 01-12."),
        })
            Assert.Contains(problem, await viewer.GetStringAsync(new Uri("/recalibration" + query, UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>The queue pages 50 rows at a time: following Next lists every row the count says match, each once, and Today counts the queue's open breaches of any period.</summary>
    [Fact]
    public async Task TheBreachQueue_PagesByCursor_AndTodayCountsTheSameRows()
    {
        // A demo busy enough for a month of more than one page of breaches.
        await using var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(4000, 7, ApiServer.DemoNow) { Months = 2 });
        await using (var connection = await server.Database.OpenAsync())
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        // A manager, whose rows carry the action forms that name each clock.
        using var viewer = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        var period = ApiServer.DemoNow.InUtc().Date.PlusMonths(-1).ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture);
        var address = $"/breaches?period={period}&show=all";
        var first = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri(address, UriKind.Relative)));
        var matching = int.Parse(Regex.Match(first, "([0-9,]+) match these filters").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(matching > 50, $"the demo month has {matching} rows; the test needs more than a page");

        var rows = new List<string>();
        var page = first;
        for (var pages = 0; pages < 100; pages++)
        {
            var listed = Regex.Matches(page, "<input type=\"hidden\" name=\"lead\" value=\"([^\"]+)\">\\s*<input type=\"hidden\" name=\"episode\" value=\"([^\"]+)\"><input type=\"hidden\" name=\"commitment\" value=\"([^\"]+)\">")
                .Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}").Distinct().ToList();
            var warnings = Regex.Count(page, "<span class=\"status warning\">warning</span>");
            Assert.True(listed.Count + warnings <= 50);
            rows.AddRange(listed);
            var next = Regex.Match(page, "<a href=\"([^\"]+)\" rel=\"next\">");
            if (!next.Success) break;
            page = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri(next.Groups[1].Value, UriKind.Relative)));
        }
        var breaches = int.Parse(Regex.Match(first, "about to breach: ([0-9,]+)").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(matching - breaches, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Contains("cursor: ", WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri(address + "&cursor=bnot-a-cursor", UriKind.Relative))), StringComparison.Ordinal);

        // Today's figure is the queue's open breaches whatever their period, and links to exactly those rows.
        var today = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"/?period={period}", UriKind.Relative)));
        var figure = Regex.Match(today, "<a href=\"([^\"]+)\" id=\"open-breaches\">([0-9,]+)</a>");
        Assert.Equal($"/breaches?period={period}&breached=any&show=open", figure.Groups[1].Value);
        var queue = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri(figure.Groups[1].Value, UriKind.Relative)));
        Assert.Equal(figure.Groups[2].Value, Regex.Match(queue, "([0-9,]+) match these filters").Groups[1].Value);
        Assert.Equal(figure.Groups[2].Value, Regex.Match(queue, "open: ([0-9,]+)").Groups[1].Value);
        // More than the month's: the open breaches of every period.
        Assert.True(int.Parse(figure.Groups[2].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)
            > int.Parse(Regex.Match(first, "open: ([0-9,]+)").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AManagerExcusesABreach_WithAReason_AViewerCannot()
    {
        await using var server = await DemoServerAsync();
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        var queue = await manager.GetStringAsync(new Uri("/breaches?show=all", UriKind.Relative));
        var lead = Regex.Match(queue, "name=\"lead\" value=\"([^\"]+)\"").Groups[1].Value;
        var episode = Regex.Match(queue, "name=\"episode\" value=\"([^\"]+)\"").Groups[1].Value;
        var commitment = Regex.Match(queue, "name=\"commitment\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(lead);
        FormUrlEncodedContent Form(string action, string? reason) => new(new Dictionary<string, string>
        {
            ["source"] = "default", ["lead"] = lead, ["episode"] = episode, ["commitment"] = commitment, ["action"] = action,
            ["reason"] = reason ?? "", ["__RequestVerificationToken"] = ApiServer.Antiforgery(queue),
        });

        using var noReason = await manager.PostAsync(new Uri("/breaches?handler=Act", UriKind.Relative), Form("excuse", null));
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Contains("say why the breach is excused", await manager.GetStringAsync(new Uri("/breaches?show=all", UriKind.Relative)), StringComparison.Ordinal);

        using var excused = await manager.PostAsync(new Uri("/breaches?handler=Act", UriKind.Relative), Form("excuse", "<script>alert(1)</script> the rep was ill"));
        var page = await manager.GetStringAsync(new Uri("/breaches?show=excused", UriKind.Relative));
        Assert.Contains($"{lead} ({commitment}): excused.", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; the rep was ill", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM breach_actions WHERE action = 'excuse'"), System.Globalization.CultureInfo.InvariantCulture));

        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var viewerQueue = await viewer.GetStringAsync(new Uri("/breaches?show=all", UriKind.Relative));
        Assert.DoesNotContain("value=\"excuse\"", viewerQueue, StringComparison.Ordinal);
        using var refused = await viewer.PostAsync(new Uri("/breaches?handler=Act", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["source"] = "default", ["lead"] = lead, ["episode"] = episode, ["commitment"] = commitment, ["action"] = "reopen",
            ["__RequestVerificationToken"] = ApiServer.Antiforgery(viewerQueue),
        }));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM breach_actions"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LeadTextFromTheData_IsShownAsText_NeverRunAsScript()
    {
        await using var server = await DemoServerAsync();
        using var import = await server.Post("/api/v1/leads", """[{"id": "X1", "created_at": "2026-11-02T10:00:00Z", "name": "<img src=x onerror=alert(1)>", "company": "\"><script>alert(2)</script>"}]""");
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        using var browser = await server.SignedInAsync(Roles.Admin);
        var page = await browser.GetStringAsync(new Uri("/breaches?lead=X1&source=default", UriKind.Relative));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(2)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASalesRep_SeesOnlyTheirOwnLeadsInTheQueue()
    {
        await using var server = await DemoServerAsync();
        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02");
        using var response = await rep.GetAsync(new Uri("/breaches?show=all&period=2026", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page}");
        var reps = Regex.Matches(page, "<td data-label=\"Rep\" class=\"nowrap\"><span class=\"rep\"[^>]*data-rep=\"(rep-\\d\\d)\">").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(reps.Count > 0, "the demo has breaches of rep-02");
        Assert.Equal(["rep-02"], reps);
        Assert.DoesNotContain("value=\"excuse\"", page, StringComparison.Ordinal);
    }
}
