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

/// <summary>Which clocks a queue read keeps: one segment and one lead type (as named or keyed; compared as the facts key them), one rep (ignoring case), one commitment (speed or depth); null for all.</summary>
public sealed record QueueFilter(string? Segment = null, string? Rep = null, string? Commitment = null, string? LeadType = null)
{
    /// <summary>No filter.</summary>
    public static QueueFilter None { get; } = new();
}

/// <summary>A page of the clocks warning now, soonest deadline first, and how many warn in all.</summary>
public sealed record WarningPage(IReadOnlyList<QueueRow> Rows, int Count);

/// <summary>One page of breaches, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record BreachPage(IReadOnlyList<QueueRow> Rows, string? Next);

/// <summary>
/// The breach queue read from the stored clocks, costing a page and a few groups rather than the
/// history: a clock's breach instant is stored (a breach is final, so it stays true as time passes),
/// so the breaches of a period, or of any period, are an index range (by segment, or all), filtered
/// and paged in SQL with their standing (the latest breach action, kept in breach_standings). The
/// counts come from the breach rollup (<see cref="BreachRollup"/>): whole UTC days from its rows,
/// the edge days from the clocks by instant. Warnings are live: the clocks stored as warning whose
/// next change has not come, and those whose next change has come since the projector's last pass
/// (read off their timelines, so a warning shows without a write).
/// </summary>
public static class QueueQuery
{
    /// <summary>A breached clock's standing from its latest action, as <see cref="BreachActions.Standing"/> reads it.</summary>
    private const string Standing =
        "CASE WHEN s.action = 'acknowledge' THEN 'acknowledged' WHEN s.action = 'snooze' AND s.until > @now THEN 'snoozed' WHEN s.action = 'excuse' THEN 'excused' ELSE 'open' END";

    private const string Columns = "c.source, c.lead_id, c.episode, c.commitment, c.agreement_id, c.rule, c.rep, c.started_at, c.due_at, c.transitions";

    private const string Join = " FROM sla_clocks c LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment";

    /// <summary>
    /// The clocks managers acted on, driven from their standings (few) with <see cref="ActedOn"/> in
    /// the WHERE clause: SQLite keeps a CROSS JOIN's order, where it would otherwise walk a segment's
    /// or a range's clocks and look each one's standing up.
    /// </summary>
    private const string Acted = " FROM breach_standings s CROSS JOIN sla_clocks c";

    private const string ActedOn = "c.source = s.source AND c.lead_id = s.lead_id AND c.episode = s.episode AND c.commitment = s.commitment";

    /// <summary>Rows a page holds.</summary>
    public const int PageSize = 50;

    /// <summary>The clocks warning at <paramref name="now"/>, soonest deadline first.</summary>
    public static async Task<IReadOnlyList<QueueRow>> WarningsAsync(DbConnection connection, Instant now, QueueFilter filter, CancellationToken cancel = default) =>
        (await WarningPageAsync(connection, now, filter, 0, int.MaxValue, cancel).ConfigureAwait(false)).Rows;

    /// <summary>
    /// How many clocks warn at <paramref name="now"/>, and <paramref name="take"/> of them after the
    /// first <paramref name="skip"/>, soonest deadline first (then by key). A clock stored as warning
    /// by a pass at or before now whose next change has not come still warns, its deadline that next
    /// change (or its due time): those are keys and instants from the state index, and only the page's
    /// rows are read whole. The rest (due since the projector's last pass, or stored after now) are
    /// read off their timelines.
    /// </summary>
    public static async Task<WarningPage> WarningPageAsync(DbConnection connection, Instant now, QueueFilter filter, int skip, int take, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        // The state and due indexes find these few clocks; the segment's index would walk every clock of the segment.
        var (where, parameters) = Filter(filter, now, segmentIndexed: false);
        const string Stored = "c.state = 'warning' AND (c.next_at IS NULL OR c.next_at > @now)";
        var candidates = new List<(ClockKey Key, Instant Deadline, QueueRow? Row)>();
        await using (var command = Sql.Command(connection, null,
            $"SELECT c.source, c.lead_id, c.episode, c.commitment, COALESCE(c.next_at, c.due_at) FROM sla_clocks c WHERE {Stored} AND c.computed_at <= @now AND c.started_at <= @now{where}", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                candidates.Add((new ClockKey(reader.GetString(0), reader.GetString(1), checked((int)reader.GetInt64(2)), reader.GetString(3)), Instant.FromUnixTimeMilliseconds(reader.GetInt64(4)), null));
        foreach (var timeline in new[] { $"{Stored} AND c.computed_at > @now", "c.next_at <= @now" })
        {
            await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM sla_clocks c WHERE {timeline} AND c.started_at <= @now{where}", parameters);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var clock = StoredClock.Read(reader);
                var state = clock.At(now);
                if (state.State != ClockState.Warning) continue;
                var row = new QueueRow(clock, ClockState.Warning, state.At, "warning", []);
                candidates.Add((row.Key, row.Deadline(now), row));
            }
        }
        var page = candidates.OrderBy(c => c.Deadline).ThenBy(c => c.Key.Source, StringComparer.Ordinal).ThenBy(c => c.Key.LeadId, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Episode).ThenBy(c => c.Key.Commitment, StringComparer.Ordinal).Skip(skip).Take(take).ToList();
        var rows = new List<QueueRow>(page.Count);
        await using var one = Sql.Command(connection, null, $"SELECT {Columns} FROM sla_clocks c WHERE c.source = @source AND c.lead_id = @lead AND c.episode = @episode AND c.commitment = @commitment",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""));
        foreach (var (key, _, row) in page)
        {
            if (row is not null)
            {
                rows.Add(row);
                continue;
            }
            one.Parameters["@source"].Value = key.Source;
            one.Parameters["@lead"].Value = key.LeadId;
            one.Parameters["@episode"].Value = (long)key.Episode;
            one.Parameters["@commitment"].Value = key.Commitment;
            await using var reader = await one.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) continue;
            var clock = StoredClock.Read(reader);
            rows.Add(new QueueRow(clock, ClockState.Warning, clock.At(now).At, "warning", []));
        }
        return new WarningPage(rows, candidates.Count);
    }

    /// <summary>
    /// The clocks breached in [<paramref name="from"/>, <paramref name="to"/>) (either end open when
    /// null: any period) by <paramref name="now"/> whose standing is one of <paramref name="standings"/>,
    /// newest breach first, a page of <paramref name="size"/> after <paramref name="cursor"/> (from
    /// <see cref="BreachPage.Next"/>), each with its actions.
    /// </summary>
    /// <exception cref="FormatException">The cursor is not one this method made.</exception>
    public static async Task<BreachPage> BreachesAsync(DbConnection connection, Instant now, Instant? from, Instant? to, QueueFilter filter, IReadOnlyCollection<string> standings,
        string? cursor = null, int size = PageSize, CancellationToken cancel = default)
    {
        var (rows, more) = await BreachRowsAsync(connection, now, from, to, filter, standings, cursor, size, cancel).ConfigureAwait(false);
        var actions = await ActionsAsync(connection, rows.Select(r => r.Clock), cancel).ConfigureAwait(false);
        var page = rows.Select(r => new QueueRow(r.Clock, ClockState.Breached, r.At, r.Standing, actions.GetValueOrDefault(Key(r.Clock), []))).ToList();
        return new BreachPage(page, more ? WriteCursor(page[^1]) : null);
    }

    /// <summary>
    /// The keys of a page of <see cref="BreachesAsync"/>'s rows and the next page's cursor, without
    /// their actions: what a bulk action walks (<see cref="UseCases.ActOnBreaches"/>).
    /// </summary>
    /// <exception cref="FormatException">The cursor is not one this class made.</exception>
    public static async Task<(IReadOnlyList<ClockKey> Keys, string? Next)> BreachKeysAsync(DbConnection connection, Instant now, Instant? from, Instant? to, QueueFilter filter,
        IReadOnlyCollection<string> standings, string? cursor, int size, CancellationToken cancel = default)
    {
        var (rows, more) = await BreachRowsAsync(connection, now, from, to, filter, standings, cursor, size, cancel).ConfigureAwait(false);
        var keys = rows.Select(r => Key(r.Clock)).ToList();
        return (keys, more ? WriteCursor(new QueueRow(rows[^1].Clock, ClockState.Breached, rows[^1].At, rows[^1].Standing, [])) : null);
    }

    private static async Task<(List<(StoredClock Clock, Instant At, string Standing)> Rows, bool More)> BreachRowsAsync(DbConnection connection, Instant now, Instant? from, Instant? to,
        QueueFilter filter, IReadOnlyCollection<string> standings, string? cursor, int size, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(standings);
        if (standings.Count == 0) return ([], false);
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
        // Open breaches are nearly all of them: walk the clocks newest first. Without open, the few clocks a
        // manager acted on are the candidates, not every breach of the range skipped one by one.
        var from_ = standings.Contains("open") ? Join : Acted;
        var acted = standings.Contains("open") ? "" : $" AND s.action IN ('acknowledge', 'snooze', 'excuse') AND {ActedOn}";
        var rows = new List<(StoredClock Clock, Instant At, string Standing)>();
        await using (var command = Sql.Command(connection, null,
            $"SELECT {Columns}, {Standing}, c.breached_at{from_} WHERE {Range(from, to)}{where}{acted} AND {Standing} IN ({wanted}){after} " +
            "ORDER BY c.breached_at DESC, c.source DESC, c.lead_id DESC, c.episode DESC, c.commitment DESC LIMIT @limit", [.. list]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                rows.Add((StoredClock.Read(reader), Instant.FromUnixTimeMilliseconds(reader.GetInt64(11)), reader.GetString(10)));
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>
    /// How many clocks breached in [<paramref name="from"/>, <paramref name="to"/>) (either end open
    /// when null: any period) by <paramref name="now"/> stand open, acknowledged, snoozed and excused.
    /// The breach rollup counts the whole UTC days before now's (any period: its totals less the rows
    /// of now's day and later, the breaches still to come); the clocks of the edge days are counted by
    /// instant; the snoozes of the rollup's days that have expired by now move from snoozed to open.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> BreachCountsAsync(DbConnection connection, Instant now, Instant? from, Instant? to, QueueFilter filter, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        var counts = new Dictionary<string, long> { ["open"] = 0, ["acknowledged"] = 0, ["snoozed"] = 0, ["excused"] = 0 };
        // Breached by now: before the millisecond after it.
        var end = Math.Min(to?.ToUnixTimeMilliseconds() ?? long.MaxValue, now.ToUnixTimeMilliseconds() + 1);
        var start = from?.ToUnixTimeMilliseconds();
        if (start >= end) return counts;
        // The rollup's days [first, last): those wholly inside the range (first open without a start).
        var last = end / BreachRollup.DayMs;
        var first = start is { } f ? (f + BreachRollup.DayMs - 1) / BreachRollup.DayMs : (long?)null;
        if (first > last)
        {
            await CountClocksAsync(connection, now, start, end, filter, counts, cancel).ConfigureAwait(false);
            return counts;
        }
        var (where, parameters) = Filter(filter, now, alias: "");
        async Task Sum(string sql, int sign)
        {
            await using var command = Sql.Command(connection, null, sql + where + " GROUP BY standing", [.. parameters, ("@first", first), ("@last", last)]);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) counts[Word(reader.GetString(0))] += sign * reader.GetInt64(1);
        }
        if (first is null)
        {
            await Sum("SELECT standing, SUM(breaches) FROM breaches_total WHERE 1 = 1", 1).ConfigureAwait(false);
            await Sum("SELECT standing, SUM(breaches) FROM breaches_daily WHERE breach_day >= @last", -1).ConfigureAwait(false);
        }
        else
        {
            await Sum("SELECT standing, SUM(breaches) FROM breaches_daily WHERE breach_day >= @first AND breach_day < @last", 1).ConfigureAwait(false);
        }
        // A snooze is kept as snoozed whatever its end: the expired ones of the rollup's days stand open now.
        var (r0, r1) = (first * BreachRollup.DayMs, last * BreachRollup.DayMs);
        var (clockWhere, clockParameters) = Filter(filter, now, At(r0), At(r1));
        await using (var expired = Sql.Command(connection, null,
            $"SELECT COUNT(*){Acted} WHERE s.action = 'snooze' AND s.until <= @now AND {ActedOn} AND {Range(r0, r1)}{clockWhere}", clockParameters))
        {
            var moved = Convert.ToInt64(await expired.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
            counts["snoozed"] -= moved;
            counts["open"] += moved;
        }
        if (first is { } d0) await CountClocksAsync(connection, now, start, d0 * BreachRollup.DayMs, filter, counts, cancel).ConfigureAwait(false);
        await CountClocksAsync(connection, now, last * BreachRollup.DayMs, end, filter, counts, cancel).ConfigureAwait(false);
        return counts;
    }

    /// <summary>Adds the clocks breached in [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="counts"/> by standing, from the clocks themselves.</summary>
    private static async Task CountClocksAsync(DbConnection connection, Instant now, long? from, long to, QueueFilter filter, Dictionary<string, long> counts, CancellationToken cancel)
    {
        if (from >= to) return;
        var (where, parameters) = Filter(filter, now, At(from), At(to));
        await using var command = Sql.Command(connection, null, $"SELECT {Standing}, COUNT(*){Join} WHERE {Range(from, to)}{where} GROUP BY {Standing}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) counts[reader.GetString(0)] += reader.GetInt64(1);
    }

    private static Instant? At(long? ms) => ms is { } v ? Instant.FromUnixTimeMilliseconds(v) : null;

    /// <summary>The queue's word for a standing as the rollup keeps it.</summary>
    private static string Word(string kept) => kept switch
    {
        "acknowledge" => "acknowledged",
        "snooze" => "snoozed",
        "excuse" => "excused",
        _ => "open",
    };

    /// <summary>The condition on c.breached_at for [@from, @to) by @now; a null end is open (every breach up to now).</summary>
    private static string Range(object? from, object? to) =>
        (from is null ? "" : "c.breached_at >= @from AND ") + (to is null ? "" : "c.breached_at < @to AND ") + "c.breached_at <= @now";

    /// <summary>
    /// The reps named by a breach on a UTC day that [<paramref name="from"/>, <paramref name="to"/>)
    /// by <paramref name="now"/> touches (any stored breach when <paramref name="from"/> is null),
    /// from the breach rollup, or by a clock warning now: the queue's rep filter.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RepsAsync(DbConnection connection, Instant now, Instant? from, Instant? to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reps = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var end = Math.Min(to?.ToUnixTimeMilliseconds() ?? long.MaxValue, now.ToUnixTimeMilliseconds() + 1);
        await using var command = Sql.Command(connection, null,
            (from is null ? "SELECT DISTINCT rep FROM breaches_total " : "SELECT DISTINCT rep FROM breaches_daily WHERE breach_day >= @first AND breach_day <= @last ") +
            "UNION SELECT DISTINCT rep FROM sla_clocks WHERE state = 'warning' AND (next_at IS NULL OR next_at > @now)",
            ("@now", now.ToUnixTimeMilliseconds()), ("@first", from?.ToUnixTimeMilliseconds() / BreachRollup.DayMs), ("@last", (end - 1) / BreachRollup.DayMs));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) reps.Add(reader.GetString(0));
        return [.. reps];
    }

    /// <summary>The filter's conditions on the clocks (alias <c>c.</c>) or the rollup (<paramref name="alias"/> empty), with the parameters of a range's ends.</summary>
    private static (string Where, (string, object?)[] Parameters) Filter(QueueFilter filter, Instant now, Instant? from = null, Instant? to = null, string alias = "c.", bool segmentIndexed = true)
    {
        // An expression on the column keeps SQLite off the segment's index where another index finds fewer rows.
        var where = (filter.Segment is null ? "" : segmentIndexed ? $" AND {alias}segment_key = @segment" : $" AND ({alias}segment_key || '') = @segment")
            + (filter.LeadType is null ? "" : $" AND {alias}lead_type_key = @leadType")
            + (filter.Rep is null ? "" : $" AND lower({alias}rep) = lower(@rep)")
            + (filter.Commitment is null ? "" : $" AND {alias}commitment = @commitment");
        return (where, [("@now", now.ToUnixTimeMilliseconds()), ("@from", from?.ToUnixTimeMilliseconds()), ("@to", to?.ToUnixTimeMilliseconds()),
            ("@segment", Analytics.ReportFactRows.Key(filter.Segment)), ("@leadType", Analytics.ReportFactRows.Key(filter.LeadType)), ("@rep", filter.Rep), ("@commitment", filter.Commitment)]);
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
