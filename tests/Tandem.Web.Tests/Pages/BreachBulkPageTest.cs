using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The queue's bulk actions over HTTP (issue 22), on both engines: three ticked rows excused with
/// one reason are three stored actions with it; "all matching" acknowledges exactly the breaches the
/// filters match and no other; each bad or missing field is a 400 that names it and stores nothing;
/// a post without the anti-forgery token is refused, and so is a viewer. The rows name their lead
/// (name and company, never a forgotten lead's) and the count chips link to the filter they count.
/// </summary>
public sealed class BreachBulkPageTest
{
    private const string Reason = "the CRM sync was down";

    private static async Task<ApiServer> DemoAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    private static async Task<long> CountAsync(ApiServer server, string sql) => Convert.ToInt64(await server.Scalar(sql), CultureInfo.InvariantCulture);

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", ApiServer.Antiforgery(html))]);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ThreeTicked_AreExcusedWithTheReason_AllMatching_ActsOnExactlyTheFiltersRows(DatabaseKind kind)
    {
        await using var server = await DemoAsync(kind);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        const string open = "/breaches?breached=any&show=open";
        var queue = await manager.GetStringAsync(new Uri(open, UriKind.Relative));
        var keys = Regex.Matches(queue, "name=\"breach\" value=\"([^\"]+)\" form=\"bulk\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(keys.Count >= 3, $"{keys.Count} rows to tick");
        Assert.Contains("<form id=\"bulk\"", queue, StringComparison.Ordinal);

        // Each row names its lead as the leads table holds it.
        var first = Tandem.Data.UseCases.ActOnBreaches.Parse(keys[0])!;
        var (name, company) = ((string?)await server.Scalar($"SELECT name FROM leads WHERE source = 'default' AND id = '{first.LeadId}'"),
            (string?)await server.Scalar($"SELECT company FROM leads WHERE source = 'default' AND id = '{first.LeadId}'"));
        Assert.Contains(string.Join(" · ", new[] { name, company }.Where(t => !string.IsNullOrWhiteSpace(t))), WebUtility.HtmlDecode(queue), StringComparison.Ordinal);

        using var excused = await manager.PostAsync(new Uri($"{open}&handler=Bulk", UriKind.Relative),
            Form(queue, ("scope", "selected"), ("action", "excuse"), ("reason", Reason), ("breach", keys[0]), ("breach", keys[1]), ("breach", keys[2])));
        Assert.Equal(HttpStatusCode.Redirect, excused.StatusCode);
        Assert.StartsWith("/breaches?", excused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("show=open", excused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(3L, await CountAsync(server, $"SELECT COUNT(*) FROM breach_actions WHERE action = 'excuse' AND reason = '{Reason}' AND by_user = 'sally'"));
        Assert.Equal(3L, await CountAsync(server, "SELECT COUNT(*) FROM breach_actions"));
        foreach (var key in keys.Take(3).Select(k => Tandem.Data.UseCases.ActOnBreaches.Parse(k)!))
            Assert.Equal("excuse", await server.Scalar($"SELECT action FROM breach_standings WHERE source = '{key.Source}' AND lead_id = '{key.LeadId}' AND episode = {key.Episode} AND commitment = '{key.Commitment}'"));
        var after = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(open, UriKind.Relative)));
        Assert.Contains("3 breaches excused.", after, StringComparison.Ordinal);

        // The excused chip is the excused filter: its link lists exactly those three, the chip marked.
        var chip = Regex.Match(after, "<a class=\"status excused\" href=\"([^\"]+)\">excused: 3</a>");
        Assert.True(chip.Success, "the excused chip links to its filter");
        var excusedList = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(chip.Groups[1].Value, UriKind.Relative)));
        Assert.Contains("<a class=\"status excused\" href=\"" + chip.Groups[1].Value + "\" aria-current=\"true\">excused: 3</a>", excusedList, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(excusedList, "name=\"breach\" value="));
        Assert.Equal(3, Regex.Count(excusedList, $">{Reason} · sally, [^<]*</small>"));

        // All matching one rep's open speed breaches: every one acknowledged, nothing else.
        var rep = (string)(await server.Scalar($"SELECT rep FROM sla_clocks WHERE source = '{first.Source}' AND lead_id = '{first.LeadId}' AND episode = {first.Episode} AND commitment = '{first.Commitment}'"))!;
        var filtered = $"/breaches?breached=any&show=open&commitment=speed&rep={rep}";
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(filtered, UriKind.Relative)));
        var matching = long.Parse(Regex.Match(page, "all ([0-9,]+) breaches matching the filters").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var expected = await CountAsync(server,
            $"SELECT COUNT(*) FROM sla_clocks c LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment " +
            $"WHERE c.breached_at <= {ApiServer.DemoNow.ToUnixTimeMilliseconds()} AND c.rep = '{rep}' AND c.commitment = 'speed' AND s.action IS NULL");
        Assert.True(matching > 0);
        Assert.Equal(expected, matching);
        using var all = await manager.PostAsync(new Uri($"{filtered}&handler=Bulk", UriKind.Relative), Form(page, ("scope", "all"), ("action", "acknowledge")));
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(matching, await CountAsync(server, "SELECT COUNT(*) FROM breach_actions WHERE action = 'acknowledge'"));
        Assert.Equal(matching, await CountAsync(server,
            $"SELECT COUNT(*) FROM breach_actions a JOIN sla_clocks c ON c.source = a.source AND c.lead_id = a.lead_id AND c.episode = a.episode AND c.commitment = a.commitment WHERE a.action = 'acknowledge' AND c.rep = '{rep}' AND c.commitment = 'speed'"));
        Assert.Contains($"{matching:N0} breaches acknowledged.", WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(filtered, UriKind.Relative))), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"breach\"", await manager.GetStringAsync(new Uri(filtered, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EachBadField_IsA400NamingIt_AndStoresNothing(DatabaseKind kind)
    {
        await using var server = await DemoAsync(kind);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        const string open = "/breaches?breached=any&show=open";
        var queue = await manager.GetStringAsync(new Uri(open, UriKind.Relative));
        var key = WebUtility.HtmlDecode(Regex.Match(queue, "name=\"breach\" value=\"([^\"]+)\"").Groups[1].Value);
        var unbreached = await server.Scalar("SELECT lead_id FROM sla_clocks WHERE breached_at IS NULL AND episode = 1 AND commitment = 'speed' ORDER BY lead_id LIMIT 1");
        foreach (var (address, fields, message) in new (string, (string, string)[], string)[]
        {
            (open, [("action", "acknowledge"), ("breach", key)], "scope: choose selected or all."),
            (open, [("scope", "some"), ("action", "acknowledge"), ("breach", key)], "scope: 'some' is not one of selected, all."),
            (open, [("scope", "selected"), ("breach", key)], "action: choose one of acknowledge, snooze, excuse."),
            (open, [("scope", "all"), ("action", "reopen")], "action: 'reopen' is not one of acknowledge, snooze, excuse."),
            (open, [("scope", "selected"), ("action", "excuse"), ("breach", key)], "reason: say why the breach is excused"),
            (open, [("scope", "all"), ("action", "excuse"), ("reason", new string('x', 501))], "reason: at most 500 characters."),
            (open, [("scope", "selected"), ("action", "snooze"), ("breach", key)], "until: '' is not a date and time."),
            (open, [("scope", "selected"), ("action", "snooze"), ("until", "2020-01-01T09:00"), ("breach", key)], "until: a snooze needs a time in the future."),
            (open, [("scope", "selected"), ("action", "acknowledge")], "breach: select at least one breach"),
            (open, [("scope", "selected"), ("action", "acknowledge"), ("breach", "not-a-key")], "breach: 'not-a-key' is not a breach of the queue."),
            (open, [("scope", "selected"), ("action", "acknowledge"), ("breach", $"default~{unbreached}~1~speed")], "is not a breach."),
            ("/breaches?period=2026-13", [("scope", "all"), ("action", "acknowledge")], "Period: month 13 is not 01-12."),
            ("/breaches?breached=sometime", [("scope", "all"), ("action", "acknowledge")], "Breached: 'sometime' is not one of period, any."),
        })
        {
            using var response = await manager.PostAsync(new Uri($"{address}&handler=Bulk", UriKind.Relative), Form(queue, fields));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{message}: {(int)response.StatusCode}");
            var alert = Regex.Match(html, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;
            Assert.True(alert.Contains(message, StringComparison.Ordinal), $"expected '{message}', the page says '{alert}'");
        }
        // The queue still shows under a refused action, so the user can correct it there.
        using (var refused = await manager.PostAsync(new Uri($"{open}&handler=Bulk", UriKind.Relative), Form(queue, ("scope", "selected"), ("action", "excuse"), ("breach", key))))
            Assert.Contains("name=\"breach\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM breach_actions"));

        // Without the anti-forgery token; as a viewer (who sees no boxes to tick): refused, nothing stored.
        using (var forged = await manager.PostAsync(new Uri($"{open}&handler=Bulk", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = "all", ["action"] = "acknowledge" })))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var viewerQueue = await viewer.GetStringAsync(new Uri(open, UriKind.Relative));
        Assert.DoesNotContain("name=\"breach\"", viewerQueue, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"bulk\"", viewerQueue, StringComparison.Ordinal);
        using (var denied = await viewer.PostAsync(new Uri($"{open}&handler=Bulk", UriKind.Relative), Form(viewerQueue, ("scope", "all"), ("action", "acknowledge"))))
            Assert.False(denied.StatusCode is HttpStatusCode.OK || denied.Headers.Location?.OriginalString.StartsWith("/breaches", StringComparison.Ordinal) == true, $"{(int)denied.StatusCode}");
        Assert.Equal(0L, await CountAsync(server, "SELECT COUNT(*) FROM breach_actions"));
    }

    [Fact]
    public async Task AForgottenLeadsErasedFields_NeverShowInTheQueue()
    {
        await using var server = await DemoAsync(DatabaseKind.Sqlite);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        const string open = "/breaches?breached=any&show=open";
        var queue = await manager.GetStringAsync(new Uri(open, UriKind.Relative));
        var lead = Regex.Match(queue, "<th scope=\"row\"><a href=\"/leads/default/([^\"]+)\">").Groups[1].Value;
        var name = (string)(await server.Scalar($"SELECT name FROM leads WHERE source = 'default' AND id = '{lead}'"))!;
        Assert.Contains(name, WebUtility.HtmlDecode(queue), StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
            await Tandem.Data.Store.LeadOperations.ForgetAsync(connection, "default", lead, ApiServer.DemoNow.ToUnixTimeMilliseconds());
        var forgotten = await manager.GetStringAsync(new Uri(open, UriKind.Relative));
        Assert.Contains($"<th scope=\"row\"><a href=\"/leads/default/{lead}\">{lead}</a></th>", forgotten, StringComparison.Ordinal);
        Assert.DoesNotContain(name, WebUtility.HtmlDecode(forgotten), StringComparison.Ordinal);
    }
}
