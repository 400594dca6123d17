using System.Data.Common;
using NodaTime;
using Tandem.Data.Notifications;
using Tandem.Data.Projection;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Notifications;

/// <summary>
/// Notifications in the app (issue 22), on both engines: the feed lists the stored warnings and
/// breaches newest first (a sales rep's own, matched ignoring case; everyone's for anyone else),
/// pages walk every alert older and back newer, the unread count stops at its cap, and read marks
/// (one alert, or all up to the newest shown) are each user's own and never move back.
/// </summary>
public class NotificationFeedTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        leadTypes:
          - name: Demo request
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 4 hours, clock: wall }
        """;

    private static readonly Instant Start = Instant.FromUtc(2026, 10, 5, 14, 0);

    /// <summary>Hands off <paramref name="leads"/> (id, rep) at <paramref name="at"/> and projects at <paramref name="now"/>.</summary>
    private static async Task HandOffAsync(DbConnection connection, Instant at, Instant now, params (string Id, string Rep)[] leads)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var (id, rep) in leads)
            {
                await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "lead_type", "segment", "owner", "name", "company"], [["default", id, ms, "Demo request", "SMB", rep, $"Name {id}", $"Company {id}"]], ms);
                await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["default", id, "MQL", ms, rep]], ms);
                await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["default", id, "SQL", ms + 60_000, rep]], ms);
            }
            // A source's clocks run once it has touch data: a late touch of the first lead, after its breach.
            await UpsertWriter.WriteAsync(tx, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", $"T-{leads[0].Id}", leads[0].Id, leads[0].Rep, "call", (now - Duration.FromMinutes(1)).ToUnixTimeMilliseconds(), "connected"]], ms);
            await tx.CommitAsync();
        }
        await Projector.CatchUpAsync(connection, now, null, ProjectionTuning.Default, default);
    }

    /// <summary>The alerts as stored, newest first: "lead state" of every warning and breach, of one rep (ignoring case) or all.</summary>
    private static async Task<List<long>> StoredAsync(DbConnection connection, string? rep)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, rep FROM sla_events WHERE state IN ('warning', 'breached') ORDER BY id DESC";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
            if (rep is null || string.Equals(reader.GetString(1), rep, StringComparison.OrdinalIgnoreCase)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheFeedPagesTheStoredAlerts_ARepSeesTheirOwn_AndReadMarksArePerUser(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", Agreement, (Start - Duration.FromDays(30)).ToUnixTimeMilliseconds());
        // Five hours on, every 4-hour clock has warned and breached: recorded as events within the notify window.
        await HandOffAsync(connection, Start, Start + Duration.FromHours(5), ("A1", "ann"), ("A2", "ann"), ("B1", "Bob"), ("B2", "Bob"), ("B3", "Bob"));
        var all = await StoredAsync(connection, null);
        var bobs = await StoredAsync(connection, "bob");
        Assert.Equal(10, all.Count);
        Assert.Equal(6, bobs.Count);

        // Newest first, three a page: Older walks every alert, Newer walks back to the first page.
        var walked = new List<long>();
        var page = await NotificationFeed.PageAsync(connection, "mara", null, size: 3);
        Assert.Null(page.Newer);
        var pages = new List<FeedPage> { page };
        walked.AddRange(page.Items.Select(i => i.Event.Id));
        while (page.Older is { } older)
        {
            page = await NotificationFeed.PageAsync(connection, "mara", null, before: older, size: 3);
            pages.Add(page);
            walked.AddRange(page.Items.Select(i => i.Event.Id));
        }
        Assert.Equal(all, walked);
        Assert.Equal(4, pages.Count);
        for (var i = pages.Count - 1; i > 0; i--)
        {
            var back = await NotificationFeed.PageAsync(connection, "mara", null, after: pages[i].Newer, size: 3);
            Assert.Equal(pages[i - 1].Items.Select(x => x.Event.Id), back.Items.Select(x => x.Event.Id));
        }
        var first = pages[0].Items[0];
        Assert.Equal($"Name {first.Event.LeadId}", first.LeadName);
        Assert.Equal($"Company {first.Event.LeadId}", first.Company);
        Assert.All(walked, id => Assert.Contains(id, all));
        Assert.All(pages.SelectMany(p => p.Items), i => Assert.Contains(i.Event.State, NotificationFeed.States));

        // A sales rep (their id in another case) sees only their own; a bad cursor pair is refused.
        var bob = await NotificationFeed.PageAsync(connection, "bobby", "BOB");
        Assert.Equal(bobs, bob.Items.Select(i => i.Event.Id));
        Assert.All(bob.Items, i => Assert.Equal("Bob", i.Event.Rep));
        Assert.Empty((await NotificationFeed.PageAsync(connection, "carl", "carl")).Items);
        Assert.Throws<ArgumentException>(() => NotificationFeed.PageAsync(connection, "mara", null, before: 5, after: 1).GetAwaiter().GetResult());
        Assert.True(await NotificationFeed.ShowsAsync(connection, "bob", bobs[0]));
        Assert.False(await NotificationFeed.ShowsAsync(connection, "ann", bobs[0]));
        Assert.False(await NotificationFeed.ShowsAsync(connection, null, all.Max() + 1000));

        // Unread: everything at first, counted no further than the cap.
        Assert.Equal(10, await NotificationFeed.UnreadAsync(connection, "mara", null));
        Assert.Equal(4, await NotificationFeed.UnreadAsync(connection, "mara", null, cap: 4));
        Assert.Equal(6, await NotificationFeed.UnreadAsync(connection, "bobby", "bob"));

        // One read: that alert reads as read, once; another user's count is unchanged.
        Assert.True(await NotificationReadMarks.MarkAsync(connection, "mara", all[3], 1));
        Assert.False(await NotificationReadMarks.MarkAsync(connection, "mara", all[3], 2));
        Assert.Equal(9, await NotificationFeed.UnreadAsync(connection, "mara", null));
        Assert.Equal(10, await NotificationFeed.UnreadAsync(connection, "ada", null));
        var marked = (await NotificationFeed.PageAsync(connection, "mara", null)).Items;
        Assert.Equal([all[3]], marked.Where(i => i.Read).Select(i => i.Event.Id));

        // All read up to the newest of the second page: the newer ones stay unread, and the mark never moves back.
        Assert.Equal(all[3], await NotificationReadMarks.MarkThroughAsync(connection, "mara", all[3], 3));
        Assert.Equal(3, await NotificationFeed.UnreadAsync(connection, "mara", null));
        Assert.Equal(all[3], await NotificationReadMarks.MarkThroughAsync(connection, "mara", all[8], 4));
        Assert.False(await NotificationReadMarks.MarkAsync(connection, "mara", all[5], 5));
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(connection, "SELECT COUNT(*) FROM notification_reads WHERE user_name = 'mara'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(all[0], await NotificationReadMarks.MarkThroughAsync(connection, "mara", all[0], 6));
        Assert.Equal(0, await NotificationFeed.UnreadAsync(connection, "mara", null));
        Assert.All((await NotificationFeed.PageAsync(connection, "mara", null)).Items, i => Assert.True(i.Read));
        Assert.Equal(6, await NotificationFeed.UnreadAsync(connection, "bobby", "bob"));

        // A breach recorded later is unread again, for the manager and for its rep only.
        await HandOffAsync(connection, Start + Duration.FromHours(6), Start + Duration.FromHours(11), ("B4", "bob"));
        Assert.Equal(2, await NotificationFeed.UnreadAsync(connection, "mara", null));
        Assert.Equal(8, await NotificationFeed.UnreadAsync(connection, "bobby", "Bob"));
        var newest = (await NotificationFeed.PageAsync(connection, "mara", null)).Items[0];
        Assert.Equal(("B4", "breached", false), (newest.Event.LeadId, newest.Event.State, newest.Read));
        Assert.Equal(4, await NotificationFeed.UnreadAsync(connection, "ann", "ann"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheFeedAndCountReadThePartialIndexes(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var (explain, all, rep) = kind == DatabaseKind.Postgres
            ? ("EXPLAIN ", "SELECT e.id FROM sla_events e", "SELECT e.id FROM sla_events e")
            : ("EXPLAIN QUERY PLAN ", "SELECT e.id FROM sla_events e INDEXED BY sla_events_alerts", "SELECT e.id FROM sla_events e INDEXED BY sla_events_rep_alerts");
        // PostgreSQL would scan an empty table rather than use any index: asked not to, it shows the index matches the query.
        if (kind == DatabaseKind.Postgres) await ScalarAsync(connection, "SET enable_seqscan = off");
        var everyone = await PlanAsync(connection, explain + all + " WHERE e.state IN ('warning', 'breached') AND e.id > 5 ORDER BY e.id DESC LIMIT 100");
        Assert.Contains("sla_events_alerts", everyone, StringComparison.Ordinal);
        var own = await PlanAsync(connection, explain + rep + " WHERE e.state IN ('warning', 'breached') AND lower(e.rep) = lower('Bob') AND e.id < 900 ORDER BY e.id DESC LIMIT 51");
        Assert.Contains("sla_events_rep_alerts", own, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", own, StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        return string.Join("\n", lines);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
