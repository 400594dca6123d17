using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The lead list and lead search over the demo company: the list's count equals the speed report's
/// figures it stands behind and Next walks exactly that many rows; bad filters are problems naming
/// the filter; search by prefix ignoring case equals a brute-force match over every lead, one hit
/// opens the lead, a forgotten lead's erased fields never match, and a sales rep sees only their own.
/// </summary>
public class LeadsPageTest
{
    private static async Task<ApiServer> DemoServerAsync()
    {
        var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    private static long Count(string html) => long.Parse(Regex.Match(html, "data-count=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> LeadLinks(string html) => [.. Regex.Matches(html, "<th scope=\"row\"><a href=\"(/leads/[^\"]+)\">").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>Every row of a list, following Next; each page's count the same.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient browser, string address)
    {
        var rows = new List<string>();
        string? next = address;
        long? count = null;
        while (next is not null)
        {
            using var response = await browser.GetAsync(new Uri(next, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next}: {(int)response.StatusCode}");
            Assert.DoesNotContain("class=\"problem\"", html, StringComparison.Ordinal);
            var here = Count(html);
            Assert.Equal(count ?? here, here);
            count = here;
            var links = LeadLinks(html);
            Assert.True(links.Count <= 50);
            rows.AddRange(links);
            var m = Regex.Match(html, "<a href=\"([^\"]+)\" rel=\"next\">");
            next = m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        }
        Assert.Equal(count, rows.Count);
        return rows;
    }

    [Fact]
    public async Task TheListsCountsAreTheSpeedReportsFigures_AndNextWalksThemAll()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var period = Period.Parse("2026", "period");
        SpeedResult speed, smb;
        await using (var connection = await server.Database.OpenAsync())
        {
            speed = await FollowUpQuery.SpeedAsync(connection, period, null);
            smb = await FollowUpQuery.SpeedAsync(connection, period, "SMB");
        }
        Assert.True(speed.Total.Handoffs > 50, "the demo's year has more than a page of handoffs");
        Assert.True(speed.Total.NeverTouched > 0);

        var all = await WalkAsync(viewer, "/leads?period=2026");
        Assert.Equal(speed.Total.Handoffs, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, link => Assert.StartsWith("/leads/default/", link, StringComparison.Ordinal));
        Assert.Equal(speed.Total.NeverTouched, (await WalkAsync(viewer, "/leads?period=2026&touched=no")).Count);
        Assert.Equal(speed.Total.Within, Count(await viewer.GetStringAsync(new Uri("/leads?period=2026&within=yes", UriKind.Relative))));
        Assert.Equal(smb.Total.Handoffs, Count(await viewer.GetStringAsync(new Uri("/leads?period=2026&segment=smb", UriKind.Relative))));
        var (rep, stats) = speed.ByRep[0];
        var repRows = await WalkAsync(viewer, $"/leads?period=2026&rep={rep}&sort=working");
        Assert.Equal(stats.Handoffs, repRows.Count);

        // Previous from the second page is the first page.
        var first = await viewer.GetStringAsync(new Uri("/leads?period=2026", UriKind.Relative));
        var second = await viewer.GetStringAsync(new Uri(WebUtility.HtmlDecode(Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\">").Groups[1].Value), UriKind.Relative));
        var back = await viewer.GetStringAsync(new Uri(WebUtility.HtmlDecode(Regex.Match(second, "<a href=\"([^\"]+)\" rel=\"prev\">").Groups[1].Value), UriKind.Relative));
        Assert.Equal(LeadLinks(first), LeadLinks(back));
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        // A row shows the lead, its handoff in the agreement's zone, and its clock now.
        Assert.Contains("Times are in America/New_York, the agreement's zone", first, StringComparison.Ordinal);
        Assert.Matches("<td data-label=\"Clock\">\\s*<span class=\"status (met|breached|running|warning|stopped|cancelled)\">", first);

        foreach (var (query, problem) in new[]
        {
            ("state=late", "Clock state: &#x27;late&#x27; is not one of running, warning, breached, met, stopped, cancelled."),
            ("touched=maybe", "Touched: &#x27;maybe&#x27; is not yes or no."),
            ("commitment=size", "Commitment: &#x27;size&#x27; is not speed or depth."),
            ("leadType=Cold", "Lead type: &#x27;Cold&#x27; is not one of the agreement&#x27;s"),
            ("sort=random", "Sort: &#x27;random&#x27; is not one of newest, wall, working."),
            ("cursor=xyz", "Cursor: &#x27;xyz&#x27; is not a cursor of this list"),
            ("period=2026-13", "Period: month 13 is not 01-12."),
            ("reachedWithin=8", "Reached within: &#x27;8&#x27; is not one of 7, 14, 30 (days)."),
            ("reachedWithin=7&reached=maybe", "Reached: &#x27;maybe&#x27; is not yes or no."),
            ("reached=no", "Reached: give reachedWithin too (7, 14 or 30 days)."),
        })
            Assert.Contains(problem, await viewer.GetStringAsync(new Uri("/leads?" + query, UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>The depth report's "not reached at 7, 14, 30 days" are the counts of reachedWithin=N&amp;reached=no, for all segments and one; reached=yes (the default) is the rest of those that old, less those no longer worked.</summary>
    [Fact]
    public async Task TheDepthReportsNotReachedFigures_AreTheCountsOfReachedWithin()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var (period, segment) in new[] { ("2026", (string?)null), ("2026-10", "SMB") })
        {
            DepthResult depth;
            await using (var connection = await server.Database.OpenAsync())
                depth = await FollowUpQuery.DepthAsync(connection, Period.Parse(period, "period"), segment, ApiServer.DemoNow);
            var address = $"/leads?period={period}{(segment is null ? "" : $"&segment={segment}")}";
            for (var a = 0; a < Tandem.Domain.Analytics.DepthReport.Ages.Count; a++)
            {
                var age = Tandem.Domain.Analytics.DepthReport.Ages[a];
                var notReached = Count(await viewer.GetStringAsync(new Uri($"{address}&reachedWithin={age}&reached=no", UriKind.Relative)));
                Assert.True(depth.Total[a].Leads == notReached, $"{address}, {age} days: the report {depth.Total[a].Leads}, the list {notReached}");
                var reached = Count(await viewer.GetStringAsync(new Uri($"{address}&reachedWithin={age}", UriKind.Relative)));
                Assert.Equal(reached, Count(await viewer.GetStringAsync(new Uri($"{address}&reachedWithin={age}&reached=yes", UriKind.Relative))));
                Assert.True(reached > 0 && reached + notReached <= depth.Handoffs, $"{address}, {age} days: {reached} reached, {notReached} not, of {depth.Handoffs}");
            }
            Assert.True(depth.Total[0].Leads > 0, "the demo has leads not reached at 7 days");
        }
    }

    /// <summary>Follow-up's handoffs, never touched and within the commitment, clicked, open a list that says and walks that many rows, for all segments and one.</summary>
    [Theory]
    [InlineData("/follow-up?period=2026")]
    [InlineData("/follow-up?period=2026-10&segment=SMB")]
    public async Task FollowUpsCounts_OpenTheListOfExactlyThoseLeads(string address)
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var page = await viewer.GetStringAsync(new Uri(address, UriKind.Relative));
        foreach (var figure in new[] { "speed-handoffs", "speed-never-touched", "speed-within" })
        {
            var link = Regex.Match(page, $"<a href=\"([^\"]+)\" data-figure=\"{figure}\">([\\d,]+)");
            Assert.True(link.Success, figure);
            var shown = long.Parse(link.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var rows = await WalkAsync(viewer, WebUtility.HtmlDecode(link.Groups[1].Value));
            Assert.True(shown == rows.Count, $"{figure} on {address}: {shown}, the list {rows.Count}");
        }
    }

    /// <summary>The list, a list of leads, search and the lead page show a rep by name with the id on hover.</summary>
    [Fact]
    public async Task RepsShowByName_WithTheIdOnHover()
    {
        await using var server = await DemoServerAsync();
        string rep, name, lead, company;
        await using (var connection = await server.Database.OpenAsync())
        {
            await using (var update = connection.CreateCommand())
            {
                // A name that needs encoding, on a rep with handoffs.
                update.CommandText = "UPDATE reps SET name = 'Ann <Lee>' WHERE id = (SELECT MIN(rep) FROM handoff_facts)";
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT f.rep, l.id, l.company FROM handoff_facts f JOIN leads l ON l.source = f.source AND l.id = f.lead_id " +
                "WHERE f.rep = (SELECT MIN(rep) FROM handoff_facts) AND l.owner = f.rep AND l.company IS NOT NULL ORDER BY l.id LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            (rep, name, lead, company) = (reader.GetString(0), "Ann &lt;Lee&gt;", reader.GetString(1), reader.GetString(2));
        }
        var tag = $"<span class=\"rep\" title=\"{rep}\" data-rep=\"{rep}\">{name}</span>";
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        Assert.Contains(tag, await viewer.GetStringAsync(new Uri($"/leads?period=any&rep={rep}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(tag, await viewer.GetStringAsync(new Uri($"/leads?period=any&stage=MQL&rep={rep}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(tag, await viewer.GetStringAsync(new Uri($"/search?q={Uri.EscapeDataString(company)}", UriKind.Relative)), StringComparison.Ordinal);
        var page = await viewer.GetStringAsync(new Uri($"/leads/default/{lead}", UriKind.Relative));
        Assert.Contains($"<dt>Owner</dt><dd>{tag}</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<td data-label=\"Rep\" class=\"nowrap\">{tag}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASalesRep_ListsAndFindsOnlyTheirOwnLeads()
    {
        await using var server = await DemoServerAsync();
        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02");
        var page = await rep.GetStringAsync(new Uri("/leads?period=2026&rep=rep-03", UriKind.Relative));
        var reps = Regex.Matches(page, "<td data-label=\"Rep\" class=\"nowrap\"><span class=\"rep\"[^>]* data-rep=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(["rep-02"], reps);
        Assert.DoesNotContain("name=\"rep\"", page, StringComparison.Ordinal);

        // Another rep's lead (owned by them, no clock of rep-02's) is not found by its id.
        string other;
        await using (var connection = await server.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM leads l WHERE owner = 'rep-03' AND NOT EXISTS (SELECT 1 FROM sla_clocks c WHERE c.source = l.source AND c.lead_id = l.id AND c.rep = 'rep-02') ORDER BY id LIMIT 1";
            other = (string)(await command.ExecuteScalarAsync())!;
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        using (var found = await viewer.GetAsync(new Uri($"/search?q={other}", UriKind.Relative)))
            Assert.Equal($"/leads/default/{other}", found.Headers.Location?.OriginalString);
        using var hidden = await rep.GetAsync(new Uri($"/search?q={other}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Equal(0, Count(await hidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Search_FindsByPrefixIgnoringCase_OneHitOpensTheLead_ForgottenFieldsNeverMatch()
    {
        await using var server = await DemoServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var leads = new List<(string Id, string? Name, string? Email, string? Company)>();
        await using (var connection = await server.Database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, email, company FROM leads WHERE source = 'default' ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                leads.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        bool Matches((string Id, string? Name, string? Email, string? Company) l, string q) =>
            new[] { l.Id, l.Name, l.Email, l.Company }.Any(v => v is not null && v.StartsWith(q, StringComparison.OrdinalIgnoreCase));

        // A name's first letters, typed in upper case: the page lists what a brute-force match finds.
        var name = leads.First(l => l.Name is not null).Name!;
        var prefix = name[..3].ToUpperInvariant();
        var expected = leads.Where(l => Matches(l, prefix)).Select(l => $"/leads/default/{Uri.EscapeDataString(l.Id)}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 1, $"'{prefix}' matches several demo leads");
        var listed = await WalkAsync(viewer, $"/search?q={Uri.EscapeDataString(prefix)}");
        Assert.Equal(expected, listed.Order(StringComparer.Ordinal));

        // One hit opens the lead page.
        var unique = leads.First(l => l.Email is not null && leads.Count(o => Matches(o, l.Email!)) == 1);
        using (var one = await viewer.GetAsync(new Uri($"/search?q={Uri.EscapeDataString(unique.Email!.ToUpperInvariant())}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
            Assert.Equal($"/leads/default/{unique.Id}", one.Headers.Location?.OriginalString);
        }

        // Forgotten: its name and e-mail no longer match; its id still opens it.
        await using (var connection = await server.Database.OpenAsync())
            await LeadOperations.ForgetAsync(connection, "default", unique.Id, ApiServer.DemoNow.ToUnixTimeMilliseconds());
        Assert.Equal(0, Count(await viewer.GetStringAsync(new Uri($"/search?q={Uri.EscapeDataString(unique.Email!)}", UriKind.Relative))));
        using (var byId = await viewer.GetAsync(new Uri($"/search?q={Uri.EscapeDataString(unique.Id)}", UriKind.Relative)))
            Assert.True(byId.StatusCode == HttpStatusCode.Redirect || Count(await byId.Content.ReadAsStringAsync()) > 0);

        Assert.Contains("Search: type the start of a lead&#x27;s id, name, e-mail or company.", await viewer.GetStringAsync(new Uri("/search?q=%20", UriKind.Relative)), StringComparison.Ordinal);
        var layout = await viewer.GetStringAsync(new Uri("/leads?period=2026", UriKind.Relative));
        Assert.Contains("<form class=\"search\" method=\"get\" action=\"/search\" role=\"search\">", layout, StringComparison.Ordinal);
    }
}
