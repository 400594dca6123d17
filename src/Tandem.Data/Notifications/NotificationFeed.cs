using System.Data.Common;
using NodaTime;
using Npgsql;
using Tandem.Data.Clocks;

namespace Tandem.Data.Notifications;

/// <summary>One alert as the notifications page lists it: the event, its lead's name and company (null once forgotten or not stored) and whether the user has read it.</summary>
public sealed record FeedItem(SlaEvent Event, string? LeadName, string? Company, bool Read);

/// <summary>A page of alerts, newest first, with the id to read older ones before and newer ones after (null at either end).</summary>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, long? Older, long? Newer);

/// <summary>
/// Notifications in the app (issue 22): the warnings and breaches recorded in <c>sla_events</c>
/// (the stored events, not the outbox, which holds rows only for configured channels) about a
/// user's leads: a sales rep's own rep id's (ignoring case), everyone's for anyone else. Pages are
/// keyset by event id (recording order), 50 at a time; the unread count stops at a cap. Both read
/// migration 0030's partial indexes only, so their cost is the page or the cap, never the history.
/// </summary>
public static class NotificationFeed
{
    /// <summary>Alerts a page holds.</summary>
    public const int PageSize = 50;

    /// <summary>Where the unread count stops: the top bar shows "99+" beyond.</summary>
    public const int UnreadCap = 100;

    /// <summary>The states the app notifies: what a rep or manager acts on.</summary>
    public static IReadOnlyList<string> States { get; } = ["warning", "breached"];

    /// <summary>
    /// A page of <paramref name="user"/>'s alerts (<paramref name="rep"/>'s only, or everyone's when
    /// null), newest first: the newest, those older than <paramref name="before"/>, or those newer
    /// than <paramref name="after"/>.
    /// </summary>
    public static async Task<FeedPage> PageAsync(DbConnection connection, string user, string? rep, long? before = null, long? after = null, int size = PageSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (before is not null && after is not null) throw new ArgumentException("give before or after, not both", nameof(after));
        var through = await NotificationReadMarks.ThroughAsync(connection, user, cancel).ConfigureAwait(false);
        var newerFirst = after is null;
        var parameters = new List<(string, object?)> { ("@user", user), ("@through", through), ("@limit", (long)size + 1) };
        var where = Scope(rep, parameters);
        if (before is { } b) { where += " AND e.id < @before"; parameters.Add(("@before", b)); }
        if (after is { } a) { where += " AND e.id > @after"; parameters.Add(("@after", a)); }
        var items = new List<FeedItem>();
        await using (var command = Sql.Command(connection, null,
            "SELECT e.id, e.source, e.lead_id, e.episode, e.commitment, e.state, e.at, e.step, e.rule, e.rep, l.name, l.company, " +
            "CASE WHEN e.id <= @through OR EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_name = @user AND r.event_id = e.id) THEN 1 ELSE 0 END " +
            $"FROM {Alerts(connection, rep)} LEFT JOIN leads l ON l.source = e.source AND l.id = e.lead_id " +
            $"WHERE {where} ORDER BY e.id{(newerFirst ? " DESC" : "")} LIMIT @limit", [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                items.Add(new FeedItem(
                    new SlaEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), checked((int)reader.GetInt64(3)), reader.GetString(4), reader.GetString(5),
                        Instant.FromUnixTimeMilliseconds(reader.GetInt64(6)), checked((int)reader.GetInt64(7)), reader.GetString(8), reader.GetString(9)),
                    Sql.Text(reader, 10), Sql.Text(reader, 11), reader.GetInt64(12) == 1));
        }
        var more = items.Count > size;
        if (more) items.RemoveAt(items.Count - 1);
        if (!newerFirst) items.Reverse();
        if (items.Count == 0) return new FeedPage(items, null, null);
        // Going back in time, a page after a cursor has newer alerts; coming forward, older ones.
        long? older = newerFirst && !more ? null : items[^1].Event.Id;
        long? newer = newerFirst ? (before is null ? null : items[0].Event.Id) : more ? items[0].Event.Id : null;
        return new FeedPage(items, older, newer);
    }

    /// <summary>
    /// How many of <paramref name="user"/>'s alerts (<paramref name="rep"/>'s, or everyone's) are
    /// unread, counting no further than <paramref name="cap"/>: the alerts above the user's mark,
    /// newest first, less those marked one at a time.
    /// </summary>
    public static async Task<int> UnreadAsync(DbConnection connection, string user, string? rep, int cap = UnreadCap, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var through = await NotificationReadMarks.ThroughAsync(connection, user, cancel).ConfigureAwait(false);
        var parameters = new List<(string, object?)> { ("@user", user), ("@through", through), ("@cap", (long)cap) };
        var where = Scope(rep, parameters);
        await using var command = Sql.Command(connection, null,
            $"SELECT COUNT(*) FROM (SELECT e.id FROM {Alerts(connection, rep)} WHERE {where} AND e.id > @through " +
            "AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_name = @user AND r.event_id = e.id) ORDER BY e.id DESC LIMIT @cap) x", [.. parameters]);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether event <paramref name="id"/> is one of the alerts <paramref name="rep"/> (or anyone, when null) sees.</summary>
    public static async Task<bool> ShowsAsync(DbConnection connection, string? rep, long id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new List<(string, object?)> { ("@id", id) };
        var where = Scope(rep, parameters);
        await using var command = Sql.Command(connection, null, $"SELECT COUNT(*) FROM sla_events e WHERE e.id = @id AND {where}", [.. parameters]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The alerts' table, through the partial index that holds the rows asked for: SQLite is told which (it might otherwise walk the table by rowid and filter every event).</summary>
    private static string Alerts(DbConnection connection, string? rep) =>
        connection is NpgsqlConnection ? "sla_events e" : $"sla_events e INDEXED BY {(rep is null ? "sla_events_alerts" : "sla_events_rep_alerts")}";

    /// <summary>The alerts' condition, written as the partial indexes' (so the planner matches them), and the rep's when one is given.</summary>
    private static string Scope(string? rep, List<(string, object?)> parameters)
    {
        var where = "e.state IN ('warning', 'breached')";
        if (rep is null) return where;
        parameters.Add(("@rep", rep.Trim()));
        return where + " AND lower(e.rep) = lower(@rep)";
    }
}
