using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Notifications page (issue 22) over the demo company, on both engines: a manager sees every
/// stored warning and breach newest first, 50 a page, and the top bar's unread count; a sales rep
/// only their own; marking one read and all read are POSTs with the anti-forgery token, refused
/// (naming the field) for an id that is not the user's; bad page links name their field; Settings
/// says that with no channel breaches are shown only in the app.
/// </summary>
public class NotificationsPageTest
{
    private static List<long> Listed(string html) =>
        [.. Regex.Matches(html, "<li class=\"(?:read|unread)\" data-event=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static int TopBarUnread(string html) => int.Parse(Regex.Match(html, "class=\"bell\"[^>]*data-unread=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<List<long>> AlertsAsync(ApiServer server, string? rep)
    {
        await using var connection = await server.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM sla_events WHERE state IN ('warning', 'breached')" + (rep is null ? "" : $" AND lower(rep) = lower('{rep}')") + " ORDER BY id DESC";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string handler, params (string, string)[] fields)
    {
        var page = await browser.GetStringAsync(new Uri("/notifications", UriKind.Relative));
        return await browser.PostAsync(new Uri($"/notifications?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(page))]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AManagerSeesEveryAlert_ARepTheirOwn_AndMarksAreTheirs(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 2 });
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
            // 30 more leads handed off at 09:00 in New York to the demo's reps and never touched: each warns and breaches (30 working minutes) this morning.
            var reps = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT DISTINCT rep FROM sla_clocks ORDER BY rep";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) reps.Add(reader.GetString(0));
            }
            var ms = (ApiServer.DemoNow - NodaTime.Duration.FromHours(1)).ToUnixTimeMilliseconds();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                for (var i = 0; i < 30; i++)
                {
                    var owner = reps[i % 3];
                    await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "lead_type", "segment", "owner", "name"], [["default", $"NEW-{i}", ms, "Webinar", "SMB", owner, $"New lead {i}"]], ApiServer.DemoNow.ToUnixTimeMilliseconds());
                    await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["default", $"NEW-{i}", "MQL", ms, owner]], ApiServer.DemoNow.ToUnixTimeMilliseconds());
                }
                await tx.CommitAsync();
            }
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        }
        var all = await AlertsAsync(server, null);
        Assert.True(all.Count > 50, $"{all.Count} warnings and breaches stored; the test needs more than a page");

        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "mia");
        var first = await manager.GetStringAsync(new Uri("/notifications", UriKind.Relative));
        Assert.Equal(all.Take(50), Listed(first));
        Assert.Equal(Math.Min(all.Count, 100), TopBarUnread(first));
        if (all.Count >= 100) Assert.Contains("<span class=\"count\">99+", first, StringComparison.Ordinal);
        // Each alert links to its lead's page.
        var lead = await Scalar(server, $"SELECT source || '/' || lead_id FROM sla_events WHERE id = {all[0]}");
        Assert.Contains($"href=\"/leads/{lead}\"", first, StringComparison.Ordinal);
        // Older walks every alert, 50 a page.
        var walked = new List<long>(Listed(first));
        var html = first;
        while (Regex.Match(html, "<a href=\"(/notifications\\?before=\\d+)\" rel=\"next\">") is { Success: true } next)
        {
            html = await manager.GetStringAsync(new Uri(next.Groups[1].Value, UriKind.Relative));
            walked.AddRange(Listed(html));
        }
        Assert.Equal(all, walked);

        // A sales rep: only their own, and their own count.
        var rep = (string)(await Scalar(server, $"SELECT rep FROM sla_events WHERE id = {all[0]}"))!;
        var own = await AlertsAsync(server, rep);
        using var sales = await server.SignedInAsync(Roles.SalesRep, rep: rep.ToUpperInvariant(), userName: "sam");
        var mine = await sales.GetStringAsync(new Uri("/notifications", UriKind.Relative));
        Assert.Equal(own.Take(50), Listed(mine));
        Assert.Equal(Math.Min(own.Count, 100), TopBarUnread(mine));
        Assert.True(own.Count < all.Count);

        // Marking: one read, then all up to the newest shown; the rep's count is theirs alone.
        using (var read = await PostAsync(manager, "Read", ("id", all[1].ToString(CultureInfo.InvariantCulture)), ("back", "/notifications")))
            Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        var after = await manager.GetStringAsync(new Uri("/notifications", UriKind.Relative));
        Assert.Contains("Marked read.", after, StringComparison.Ordinal);
        Assert.Contains($"<li class=\"read\" data-event=\"{all[1]}\"", after, StringComparison.Ordinal);
        Assert.Equal(Math.Min(all.Count - 1, 100), TopBarUnread(after));
        using (var readAll = await PostAsync(manager, "ReadAll", ("through", all[0].ToString(CultureInfo.InvariantCulture)), ("back", "/notifications")))
            Assert.Equal(HttpStatusCode.Redirect, readAll.StatusCode);
        var cleared = await manager.GetStringAsync(new Uri("/notifications", UriKind.Relative));
        Assert.Equal(0, TopBarUnread(cleared));
        Assert.Contains("Nothing unread.", cleared, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"count\">", cleared, StringComparison.Ordinal);
        Assert.Equal(Math.Min(own.Count, 100), TopBarUnread(await sales.GetStringAsync(new Uri("/", UriKind.Relative))));

        // Refusals name the field: a rep cannot mark another rep's alert; bad ids; a post without the token; bad page links.
        var others = all.Except(own).First();
        foreach (var (handler, field, value, message) in new[]
        {
            ("Read", "id", others.ToString(CultureInfo.InvariantCulture), $"Not marked: id {others} is not one of your notifications."),
            ("Read", "id", "first", "Not marked: id &#x27;first&#x27; is not a notification&#x27;s id."),
            ("ReadAll", "through", "", "Not marked: through &#x27;&#x27; is not a notification&#x27;s id."),
        })
        {
            using var refused = await PostAsync(sales, handler, (field, value), ("back", "https://elsewhere.example/"));
            Assert.Equal("/notifications", refused.Headers.Location?.ToString());
            Assert.Contains(message, await sales.GetStringAsync(new Uri("/notifications", UriKind.Relative)), StringComparison.Ordinal);
        }
        Assert.Equal(Math.Min(own.Count, 100), TopBarUnread(await sales.GetStringAsync(new Uri("/", UriKind.Relative))));
        using (var forged = await sales.PostAsync(new Uri("/notifications?handler=ReadAll", UriKind.Relative), new FormUrlEncodedContent([new("through", own[0].ToString(CultureInfo.InvariantCulture))])))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        foreach (var (query, problem) in new[]
        {
            ("before=soon", "Before: &#x27;soon&#x27; is not a notification&#x27;s id; follow the page&#x27;s Older and Newer links."),
            ("after=-1", "After: &#x27;-1&#x27; is not a notification&#x27;s id"),
            ("before=10&after=5", "After: give before or after, not both"),
        })
        {
            var bad = await sales.GetStringAsync(new Uri("/notifications?" + query, UriKind.Relative));
            Assert.Contains(problem, bad, StringComparison.Ordinal);
            Assert.Empty(Listed(bad));
        }
    }

    [Fact]
    public async Task SettingsSaysBreachesAreShownOnlyInTheApp_UntilAChannelIsAdded()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin);
        var none = await admin.GetStringAsync(new Uri("/settings", UriKind.Relative));
        Assert.Contains("No notification channel is configured: warnings and breaches are sent nowhere (no e-mail, Slack or webhook) and are shown only in the app", none, StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
            await Tandem.Data.Notifications.NotificationChannels.AddAsync(connection,
                new Tandem.Data.Notifications.NotificationChannel("ops", Tandem.Data.Notifications.ChannelKind.Webhook, "https://hooks.example/x", null, new HashSet<string> { "breached" }, new HashSet<string> { "speed" }), 1);
        Assert.DoesNotContain("data-no-channel", await admin.GetStringAsync(new Uri("/settings", UriKind.Relative)), StringComparison.Ordinal);
    }

    private static async Task<object?> Scalar(ApiServer server, string sql) => await server.Scalar(sql);
}
