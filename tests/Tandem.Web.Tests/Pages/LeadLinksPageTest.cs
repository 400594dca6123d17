using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 21: every count on the Pacing and Deliverables pages links to the lead list with the
/// filters that produce it, and the list says exactly that count; on both engines. Lists of leads
/// refuse bad values naming the filter.
/// </summary>
public sealed class LeadLinksPageTest
{
    private static async Task<ApiServer> DemoServerAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    private static long Count(string html) => long.Parse(Regex.Match(html, "data-count=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Each linked figure of <paramref name="figures"/> on the page at <paramref name="address"/> against the count of the list it opens; how many were checked.</summary>
    private static async Task<int> CheckAsync(HttpClient browser, string address, params string[] figures)
    {
        var page = await browser.GetStringAsync(new Uri(address, UriKind.Relative));
        var checkedCount = 0;
        foreach (var figure in figures)
            foreach (Match link in Regex.Matches(page, $"<a href=\"([^\"]+)\" data-figure=\"{figure}\">([\\d,]+)(?:\\.0)?</a>"))
            {
                var shown = long.Parse(link.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var list = WebUtility.HtmlDecode(link.Groups[1].Value);
                var html = await browser.GetStringAsync(new Uri(list, UriKind.Relative));
                Assert.DoesNotContain("class=\"problem\"", html, StringComparison.Ordinal);
                Assert.True(shown == Count(html), $"{figure} on {address}: {shown}, the list {list} says {Count(html)}");
                checkedCount++;
            }
        return checkedCount;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task PacingAndDeliverablesCounts_OpenListsOfThatManyLeads(DatabaseKind kind)
    {
        await using var server = await DemoServerAsync(kind);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        // A month past, the month in progress (delivered up to today), one segment; the cells too.
        Assert.Equal(1, await CheckAsync(viewer, "/pacing?period=2026-09", "pacing-delivered"));
        Assert.Equal(1, await CheckAsync(viewer, "/pacing?period=2026-11", "pacing-delivered"));
        Assert.True(await CheckAsync(viewer, "/pacing?period=2026-10&segment=SMB", "pacing-delivered", "pacing-delivered-cell") >= 2);
        Assert.True(await CheckAsync(viewer, "/pacing?period=2026-Q3", "pacing-delivered-cell") > 1);
        // The tables' cells: each cell's actual, and each day's cumulative actual of the waterfall (the leads up to that day).
        Assert.True(await CheckAsync(viewer, "/pacing?period=2026-10&segment=SMB", "pacing-cell") >= 2);
        Assert.Equal(31, await CheckAsync(viewer, "/pacing?period=2026-10", "pacing-daily"));
        // Each campaign's leads and those touched since responding.
        var campaigns = 0;
        foreach (var period in new[] { "2026-09", "2026-10", "2026-11" })
            campaigns += await CheckAsync(viewer, $"/deliverables?period={period}", "campaign-leads", "campaign-touched");
        Assert.True(campaigns >= 2, "the demo logs campaigns");
    }

    [Fact]
    public async Task ListsOfLeads_RefuseBadValuesNamingTheFilter_AndPeriodAnyListsEveryPeriod()
    {
        await using var server = await DemoServerAsync(DatabaseKind.Sqlite);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var (query, problem) in new[]
        {
            ("stage=Nope", "Stage: &#x27;Nope&#x27; is not one of the agreement&#x27;s funnel stages (MQL"),
            ("origin=partner", "Origin: &#x27;partner&#x27; is not marketing or sales."),
            ("handedOff=maybe", "Handed off: &#x27;maybe&#x27; is not yes or no."),
            ("stage=SQL&state=met", "State: filters handoffs, not a list of leads (stage, handedOff, origin)."),
            ("origin=marketing&sort=wall", "Sort: a list of leads is newest entry first."),
            ("stage=MQL&through=2026-02-30", "Through: &#x27;2026-02-30&#x27; is not a date (YYYY-MM-DD)."),
            ("campaign=C1&stage=SQL", "Stage: a campaign&#x27;s leads are listed whatever stage they reached"),
        })
            Assert.Contains(problem, await viewer.GetStringAsync(new Uri("/leads?" + query, UriKind.Relative)), StringComparison.Ordinal);

        // Any period: at least every month's own list; a month's list is within it.
        var any = Count(await viewer.GetStringAsync(new Uri("/leads?period=any&stage=MQL", UriKind.Relative)));
        var months = 0L;
        foreach (var month in Enumerable.Range(1, 11))
            months += Count(await viewer.GetStringAsync(new Uri($"/leads?period=2026-{month:00}&stage=MQL", UriKind.Relative)));
        Assert.True(months > 0 && any >= months, $"any period {any}, the months of 2026 {months}");
        var handedOff = Count(await viewer.GetStringAsync(new Uri("/leads?period=any&stage=MQL&handedOff=yes", UriKind.Relative)));
        var never = Count(await viewer.GetStringAsync(new Uri("/leads?period=any&handedOff=no", UriKind.Relative)));
        Assert.Equal(any, handedOff + never);
    }
}
