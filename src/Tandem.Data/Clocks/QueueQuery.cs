using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A clock as the queue shows it: its state at the instant read, since when, its standing (open, acknowledged, snoozed, excused; warning for a clock about to breach) and the actions taken on it.</summary>
public sealed record QueueRow(StoredClock Clock, ClockState State, Instant Since, string Standing, IReadOnlyList<BreachAction> Actions)
{
    /// <summary>The key its actions are filed under.</summary>
    public ClockKey Key => new(Clock.Source, Clock.LeadId, Clock.Episode, Clock.Commitment);

    /// <summary>When the clock next changes state (the warning's breach), or its due time.</summary>
    public Instant Deadline(Instant now) => Clock.NextAfter(now)?.At ?? Clock.Due;
}

/// <summary>Which clocks a queue read keeps: one segment (as keyed in the facts), one rep (ignoring case), one commitment (speed or depth); null for all.</summary>
public sealed record QueueFilter(string? Segment = null, string? Rep = null, string? Commitment = null)
{
    /// <summary>No filter.</summary>
    public static QueueFilter None { get; } = new();
}

/// <summary>One page of breaches, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record BreachPage(IReadOnlyList<QueueRow> Rows, string? Next);

/// <summary>
/// The breach queue read from the stored clocks, costing the period in view rather than the
/// history: a clock's breach instant is stored (a breach is final, so it stays true as time passes),
/// so the breaches of a period are an index range, filtered, counted and paged in SQL with their
/// standing (the latest breach action, kept in breach_standings). Warnings are live: the clocks
/// stored as warning whose next change has not come, and those whose next change has come since the
/// projector's last pass (read off their timelines, so a warning shows without a write).
/// </summary>
public static class QueueQuery
{
    /// <summary>A breached clock's standing from its latest action, as <see cref="BreachActions.Standing"/> reads it.</summary>
    private const string Standing =
        "CASE WHEN s.action = 'acknowledge' THEN 'acknowledged' WHEN s.action = 'snooze' AND s.until > @now THEN 'snoozed' WHEN s.action = 'excuse' THEN 'excused' ELSE 'open' END";

    private const string Columns = "c.source, c.lead_id, c.episode, c.commitment, c.agreement_id, c.rule, c.rep, c.started_at, c.due_at, c.transitions";

    private const string Join = " FROM sla_clocks c LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment";

    /// <summary>Rows a page holds.</summary>
    public const int PageSize = 50;

    /// <summary>The clocks warning at <paramref name="now"/>, soonest deadline first.</summary>
    public static async Task<IReadOnlyList<QueueRow>> WarningsAsync(DbConnection connection, Instant now, QueueFilter filter, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Filter(filter, now);
        var rows = new List<QueueRow>();
        foreach (var candidates in new[]
        {
            "c.state = 'warning' AND (c.next_at IS NULL OR c.next_at > @now)",
            "c.next_at <= @now", // due since the projector's last pass: read off the timeline
        })
        {
            await using var command = Sql.Command(connection, null, $"SELECT {Columns}, 'warning'{Join} WHERE {candidates} AND c.started_at <= @now{where}", parameters);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var clock = StoredClock.Read(reader);
                var state = clock.At(now);
                if (state.State == ClockState.Warning) rows.Add(new QueueRow(clock, ClockState.Warning, state.At, "warning", []));
            }
        }
        return [.. rows.OrderBy(r => r.Deadline(now)).ThenBy(r => r.Clock.Source, StringComparer.Ordinal).ThenBy(r => r.Clock.LeadId, StringComparer.Ordinal)
            .ThenBy(r => r.Clock.Episode).ThenBy(r => r.Clock.Commitment, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The clocks breached in [<paramref name="from"/>, <paramref name="to"/>) by <paramref name="now"/>
    /// whose standing is one of <paramref name="standings"/>, newest breach first, a page of
    /// <paramref name="size"/> after <paramref name="cursor"/> (from <see cref="BreachPage.Next"/>), each with its actions.
    /// </summary>
    /// <exception cref="FormatException">The cursor is not one this method made.</exception>
    public static async Task<BreachPage> BreachesAsync(DbConnection connection, Instant now, Instant from, Instant to, QueueFilter filter, IReadOnlyCollection<string> standings,
        string? cursor = null, int size = PageSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(standings);
        if (standings.Count == 0) return new BreachPage([], null);
        var (where, parameters) = Filter(filter, now, from, to);
        var list = parameters.ToList();
        var wanted = string.Join(", ", standings.Select((s, i) => { list.Add(($"@standing{i}", s)); return $"@standing{i}"; }));
        var after = "";
        if (cursor is not null)
        {
            var (at, source, lead, episode, commitment) = ReadCursor(cursor);
            after = " AND (c.breached_at, c.source, c.lead_id, c.episode, c.commitment) < (@cursorAt, @cursorSource, @cursorLead, @cursorEpisode, @cursorCommitment)";
            list.AddRange([("@cursorAt", at), ("@cursorSource", source), ("@cursorLead", lead), ("@cursorEpisode", episode), ("@cursorCommitment", commitment)]);
        }
        list.Add(("@limit", (long)size + 1));
        var rows = new List<(StoredClock Clock, Instant At, string Standing)>();
        await using (var command = Sql.Command(connection, null,
            $"SELECT {Columns}, {Standing}, c.breached_at{Join} WHERE c.breached_at >= @from AND c.breached_at < @to AND c.breached_at <= @now{where} AND {Standing} IN ({wanted}){after} " +
            "ORDER BY c.breached_at DESC, c.source DESC, c.lead_id DESC, c.episode DESC, c.commitment DESC LIMIT @limit", [.. list]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                rows.Add((StoredClock.Read(reader), Instant.FromUnixTimeMilliseconds(reader.GetInt64(11)), reader.GetString(10)));
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        var actions = await ActionsAsync(connection, rows.Select(r => r.Clock), cancel).ConfigureAwait(false);
        var page = rows.Select(r => new QueueRow(r.Clock, ClockState.Breached, r.At, r.Standing, actions.GetValueOrDefault(Key(r.Clock), []))).ToList();
        return new BreachPage(page, more ? WriteCursor(page[^1]) : null);
    }

    /// <summary>How many clocks breached in [<paramref name="from"/>, <paramref name="to"/>) by <paramref name="now"/> stand open, acknowledged, snoozed and excused.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> BreachCountsAsync(DbConnection connection, Instant now, Instant from, Instant to, QueueFilter filter, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Filter(filter, now, from, to);
        var counts = new Dictionary<string, long> { ["open"] = 0, ["acknowledged"] = 0, ["snoozed"] = 0, ["excused"] = 0 };
        await using var command = Sql.Command(connection, null,
            $"SELECT {Standing}, COUNT(*){Join} WHERE c.breached_at >= @from AND c.breached_at < @to AND c.breached_at <= @now{where} GROUP BY {Standing}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>The reps named by a clock breached in [<paramref name="from"/>, <paramref name="to"/>) or warning now, for the queue's rep filter.</summary>
    public static async Task<IReadOnlyList<string>> RepsAsync(DbConnection connection, Instant now, Instant from, Instant to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reps = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var command = Sql.Command(connection, null,
            "SELECT DISTINCT rep FROM sla_clocks WHERE breached_at >= @from AND breached_at < @to AND breached_at <= @now " +
            "UNION SELECT DISTINCT rep FROM sla_clocks WHERE state = 'warning' AND (next_at IS NULL OR next_at > @now)",
            ("@now", now.ToUnixTimeMilliseconds()), ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) reps.Add(reader.GetString(0));
        return [.. reps];
    }

    private static (string Where, (string, object?)[] Parameters) Filter(QueueFilter filter, Instant now, Instant? from = null, Instant? to = null)
    {
        var where = (filter.Segment is null ? "" : " AND c.segment_key = @segment")
            + (filter.Rep is null ? "" : " AND lower(c.rep) = lower(@rep)")
            + (filter.Commitment is null ? "" : " AND c.commitment = @commitment");
        return (where, [("@now", now.ToUnixTimeMilliseconds()), ("@from", from?.ToUnixTimeMilliseconds()), ("@to", to?.ToUnixTimeMilliseconds()),
            ("@segment", Analytics.ReportFactRows.Key(filter.Segment)), ("@rep", filter.Rep), ("@commitment", filter.Commitment)]);
    }
    private static ClockKey Key(StoredClock c) => new(c.Source, c.LeadId, c.Episode, c.Commitment);

    /// <summary>The actions on a page's clocks, oldest first, through the actions' index.</summary>
    private static async Task<Dictionary<ClockKey, IReadOnlyList<BreachAction>>> ActionsAsync(DbConnection connection, IEnumerable<StoredClock> clocks, CancellationToken cancel)
    {
        var all = new Dictionary<ClockKey, IReadOnlyList<BreachAction>>();
        await using var command = Sql.Command(connection, null,
            "SELECT source, lead_id, episode, commitment, action, reason, until, by_user, at FROM breach_actions WHERE source = @source AND lead_id = @lead AND episode = @episode AND commitment = @commitment ORDER BY id",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""));
        foreach (var clock in clocks)
        {
            command.Parameters["@source"].Value = clock.Source;
            command.Parameters["@lead"].Value = clock.LeadId;
            command.Parameters["@episode"].Value = (long)clock.Episode;
            command.Parameters["@commitment"].Value = clock.Commitment;
            var list = new List<BreachAction>();
            await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) list.Add(BreachActions.Read(reader));
            if (list.Count > 0) all[Key(clock)] = list;
        }
        return all;
    }

    /// <summary>The cursor after a row: its breach instant and key, as text a link can carry.</summary>
    private static string WriteCursor(QueueRow row) =>
        string.Join('~', [row.Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), Escape(row.Clock.Source), Escape(row.Clock.LeadId),
            row.Clock.Episode.ToString(CultureInfo.InvariantCulture), row.Clock.Commitment]);

    private static (long At, string Source, string Lead, long Episode, string Commitment) ReadCursor(string cursor)
    {
        var parts = cursor.Split('~');
        if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var episode) || parts[4] is not ("speed" or "depth"))
            throw new FormatException($"'{cursor}' is not a queue cursor; follow the queue's own Next link");
        return (at, Unescape(parts[1]), Unescape(parts[2]), episode, parts[4]);
    }

    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("~", "%7E", StringComparison.Ordinal);

    private static string Unescape(string text) => Uri.UnescapeDataString(text);
}
