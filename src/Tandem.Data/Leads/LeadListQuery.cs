using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Npgsql;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Leads;

/// <summary>One handoff as a lead list shows it: the lead's fields (null once forgotten), the handoff, its minutes to first touch and its clock now.</summary>
public sealed record LeadListRow(string Source, string LeadId, int Episode, Instant HandedOffAt, string Rep, long? WallMinutes, long? WorkingMinutes, bool Within,
    string? Name, string? Company, string? Segment, string? LeadType, string? Owner, bool Forgotten, StoredClock? Clock, ClockState? State, bool Excused);

/// <summary>A page of a lead list, how many rows match over every page, and the cursors of the pages either side (null at either end).</summary>
public sealed record LeadListPage(IReadOnlyList<LeadListRow> Rows, long Count, string? Next, string? Previous);

/// <summary>
/// The lead list (issue 21): the handoffs of a period behind a figure, read from the facts the
/// figures are summed from, so a list's count is the figure. handoff_facts gives the period's
/// handoffs by their day (its (segment, day) key or its day index: the period, never the history),
/// rep, minutes to first touch (null: never touched, as the speed report counts them) and whether
/// the speed commitment was kept; the clock of the commitment shown (sla_clocks, by key) gives the
/// lead type and the state now; breach_standings whether its breach is excused. A clock's state
/// now is read from what the projector stored and the instants it stored with it, as the breach
/// queue reads them: breached once its breach instant has come, warning when stored as warning or
/// stored running with its next change (the warning) come, met, stopped or cancelled as stored.
/// Pages are keyset (the sort key and the handoff's key after or before a cursor), 50 rows.
/// </summary>
public static class LeadListQuery
{
    /// <summary>Rows a page holds.</summary>
    public const int PageSize = 50;

    /// <summary>The sort key of the never touched in a minutes order: after every touched one.</summary>
    private const long Never = 1L << 53;

    /// <summary>The words <see cref="LeadListFilter.State"/> takes on a page or link.</summary>
    public static IReadOnlyList<string> StateWords { get; } = [.. Enum.GetValues<ClockState>().Select(s => s.Word())];

    /// <summary>A page of the handoffs <paramref name="filter"/> keeps, at <paramref name="now"/>, after or before <paramref name="cursor"/> (from a page's Next or Previous; null for the first page), and how many match.</summary>
    /// <exception cref="FormatException">The cursor is not one this list made in this order.</exception>
    public static Task<LeadListPage> PageAsync(DbConnection connection, LeadListFilter filter, Instant now, string? cursor = null, int size = PageSize, CancellationToken cancel = default) =>
        ReadPageAsync(connection, filter, now, cursor, size, counted: true, cancel);

    /// <summary>A page, and its count when <paramref name="counted"/> (-1 when not: an export's pages need none).</summary>
    private static async Task<LeadListPage> ReadPageAsync(DbConnection connection, LeadListFilter filter, Instant now, string? cursor, int size, bool counted, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var kind = "list-" + filter.Sort.ToString().ToLowerInvariant();
        var at = cursor is null ? null : ListCursor.Read(cursor, kind, 4);
        var (from, where, parameters) = Build(filter, now, connection is not NpgsqlConnection);
        var key = SortKey(filter.Sort);
        var list = parameters.ToList();
        var after = "";
        if (at is not null)
        {
            if (!long.TryParse(at.Key[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) || !long.TryParse(at.Key[3], NumberStyles.None, CultureInfo.InvariantCulture, out var episode))
                throw new FormatException($"'{cursor}' is not a cursor of this list; follow the list's own Next and Previous links");
            after = $" AND ({key}, f.source, f.lead_id, f.episode) {(at.Before ? "<" : ">")} (@k, @cursorSource, @cursorLead, @cursorEpisode)";
            list.AddRange([("@k", k), ("@cursorSource", at.Key[1]), ("@cursorLead", at.Key[2]), ("@cursorEpisode", episode)]);
        }
        var direction = at?.Before == true ? " DESC" : "";
        list.Add(("@limit", (long)size + 1));
        var keys = new List<(long Key, string Source, string Lead, int Episode, Instant At, string Rep, long? Wall, long? Working, bool Within)>();
        await using (var command = Sql.Command(connection, null,
            $"SELECT {key}, f.source, f.lead_id, f.episode, f.handed_off_at, f.rep, f.wall_minutes, f.working_minutes, f.within_commitment{from} WHERE {where}{after} " +
            $"ORDER BY {key}{direction}, f.source{direction}, f.lead_id{direction}, f.episode{direction} LIMIT @limit", [.. list]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                keys.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), checked((int)reader.GetInt64(3)), Instant.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.GetString(5), Sql.Long(reader, 6), Sql.Long(reader, 7), reader.GetInt64(8) == 1));
        var more = keys.Count > size;
        if (more) keys.RemoveAt(keys.Count - 1);
        if (at?.Before == true) keys.Reverse();
        var count = counted ? await CountAsync(connection, filter, now, cancel).ConfigureAwait(false) : -1;
        var rows = new List<LeadListRow>(keys.Count);
        await using (var one = Sql.Command(connection, null,
            $"SELECT l.name, l.company, l.segment, l.lead_type, l.owner, l.forgotten_at, s.action, {ClockColumns} FROM (SELECT 1 AS one) x " +
            "LEFT JOIN leads l ON l.source = @source AND l.id = @lead " +
            "LEFT JOIN sla_clocks c ON c.source = @source AND c.lead_id = @lead AND c.episode = @episode AND c.commitment = @commitment " +
            "LEFT JOIN breach_standings s ON s.source = @source AND s.lead_id = @lead AND s.episode = @episode AND s.commitment = @commitment",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", filter.Commitment)))
        {
            foreach (var r in keys)
            {
                one.Parameters["@source"].Value = r.Source;
                one.Parameters["@lead"].Value = r.Lead;
                one.Parameters["@episode"].Value = (long)r.Episode;
                await using var reader = await one.ExecuteReaderAsync(cancel).ConfigureAwait(false);
                await reader.ReadAsync(cancel).ConfigureAwait(false);
                var clock = reader.IsDBNull(7) ? null : ReadClock(reader, 7);
                rows.Add(new LeadListRow(r.Source, r.Lead, r.Episode, r.At, r.Rep, r.Wall, r.Working, r.Within,
                    Sql.Text(reader, 0), Sql.Text(reader, 1), Sql.Text(reader, 2), Sql.Text(reader, 3), Sql.Text(reader, 4), !reader.IsDBNull(5),
                    clock, clock?.At(now).State, Sql.Text(reader, 6) == "excuse"));
            }
        }
        string? Cursor(bool before, int i) => new ListCursor(before, kind, [keys[i].Key.ToString(CultureInfo.InvariantCulture), keys[i].Source, keys[i].Lead,
            keys[i].Episode.ToString(CultureInfo.InvariantCulture)]).Write();
        // Going forward, a page after a cursor has rows before it; going back, the row at the cursor comes after.
        var next = keys.Count == 0 ? null : (at?.Before == true || more) ? Cursor(false, keys.Count - 1) : null;
        var previous = keys.Count == 0 ? null : (at is { Before: false } || (at?.Before == true && more)) ? Cursor(true, 0) : null;
        return new LeadListPage(rows, count, next, previous);
    }

    /// <summary>Rows an export reads at a time.</summary>
    public const int ExportPageSize = 1000;

    /// <summary>Every row <paramref name="filter"/> keeps, in its order, read a keyset page at a time (an export streams them: memory holds one page).</summary>
    public static async IAsyncEnumerable<LeadListRow> RowsAsync(DbConnection connection, LeadListFilter filter, Instant now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        string? cursor = null;
        do
        {
            var page = await ReadPageAsync(connection, filter, now, cursor, ExportPageSize, counted: false, cancel).ConfigureAwait(false);
            foreach (var row in page.Rows) yield return row;
            cursor = page.Next;
        }
        while (cursor is not null);
    }

    /// <summary>How many handoffs <paramref name="filter"/> keeps at <paramref name="now"/>.</summary>
    public static async Task<long> CountAsync(DbConnection connection, LeadListFilter filter, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        var (from, where, parameters) = Build(filter, now, connection is not NpgsqlConnection);
        await using var command = Sql.Command(connection, null, $"SELECT COUNT(*){from} WHERE {where}", parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private const string ClockColumns = "c.source, c.lead_id, c.episode, c.commitment, c.agreement_id, c.rule, c.rep, c.started_at, c.due_at, c.transitions";

    private static StoredClock ReadClock(DbDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), checked((int)reader.GetInt64(first + 2)), reader.GetString(first + 3), Sql.Long(reader, first + 4),
            reader.GetString(first + 5), reader.GetString(first + 6), Instant.FromUnixTimeMilliseconds(reader.GetInt64(first + 7)),
            Instant.FromUnixTimeMilliseconds(reader.GetInt64(first + 8)), TransitionsJson.Read(reader.GetString(first + 9)));

    /// <summary>The order's first key: an integer, so one keyset comparison serves every order.</summary>
    private static string SortKey(LeadListSort sort) => sort switch
    {
        LeadListSort.WallMinutes => $"COALESCE(f.wall_minutes, {Never})",
        LeadListSort.WorkingMinutes => $"COALESCE(f.working_minutes, {Never})",
        _ => "-f.handed_off_at",
    };

    /// <summary>The state of clock <c>c</c> at @now from its stored state and instants (a breach is final and its instant stored; a running clock's next change is its warning, or its breach when it has no warning).</summary>
    internal static string StateCondition(ClockState state) => state switch
    {
        ClockState.Breached => "c.breached_at <= @now",
        ClockState.Warning => "(c.breached_at IS NULL OR c.breached_at > @now) AND (c.state = 'warning' OR (c.state = 'running' AND c.next_at <= @now))",
        ClockState.Running => "(c.breached_at IS NULL OR c.breached_at > @now) AND c.state = 'running' AND (c.next_at IS NULL OR c.next_at > @now)",
        _ => $"c.state = '{state.Word()}'",
    };

    /// <summary>The FROM clause (the facts, and the clock, standing and lead only when a filter needs them) and the WHERE conditions of <paramref name="filter"/>.</summary>
    private static (string From, string Where, (string, object?)[] Parameters) Build(LeadListFilter filter, Instant now, bool sqlite)
    {
        // SQLite takes the clocks' and leads' primary keys for these joins, fetching every row (a
        // clock's with its transitions); migration 0029's covering indexes keep them in the index.
        var (clocks, leads) = sqlite ? (" INDEXED BY sla_clocks_list", " INDEXED BY leads_owner") : ("", "");
        if (filter.Commitment is not ("speed" or "depth")) throw new ArgumentException($"commitment '{filter.Commitment}' is not speed or depth", nameof(filter));
        if (filter.ReachedWithin is { } days && !DepthReport.Ages.Contains(days))
            throw new ArgumentException($"reached within {days} days is not one of the depth report's ages ({string.Join(", ", DepthReport.Ages)})", nameof(filter));
        var from = " FROM handoff_facts f";
        var where = "f.handoff_day >= @first AND f.handoff_day < @end";
        if (filter.Segment is not null) where += " AND f.segment_key = @segment";
        if (filter.Rep is not null) where += " AND lower(f.rep) = lower(@rep)";
        if (filter.Touched is { } touched) where += touched ? " AND f.wall_minutes IS NOT NULL" : " AND f.wall_minutes IS NULL";
        if (filter.Within is { } within) where += within ? " AND f.within_commitment = 1" : " AND f.within_commitment = 0";
        if (filter.ReachedWithin is { } age)
        {
            // The depth report's count at an age: that old by now and a point stored there (d7, d14, d30
            // null when reached before the age or no longer worked then; depth_counted 0 when the latter).
            var point = $"f.d{age}";
            where += $" AND f.handed_off_at <= @reachedCutoff AND {(filter.Reached ? $"{point} IS NULL AND f.depth_counted = 1" : $"{point} IS NOT NULL")}";
        }
        if (filter.LeadType is not null || filter.State is not null || filter.Excused is not null)
            from += $" LEFT JOIN sla_clocks c{clocks} ON c.source = f.source AND c.lead_id = f.lead_id AND c.episode = f.episode AND c.commitment = @commitment";
        if (filter.LeadType is not null) where += " AND c.lead_type_key = @leadType";
        if (filter.State is { } state) where += " AND " + StateCondition(state);
        if (filter.Excused is { } excused)
        {
            from += " LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment";
            where += excused ? " AND s.action = 'excuse'" : " AND (s.action IS NULL OR s.action <> 'excuse')";
        }
        if (filter.Viewer is not null)
        {
            from += $" LEFT JOIN leads l{leads} ON l.source = f.source AND l.id = f.lead_id";
            where += " AND (lower(f.rep) = lower(@viewer) OR lower(l.owner) = lower(@viewer))";
        }
        return (from, where, [("@first", ReportFactRows.DayOf(filter.From)), ("@end", ReportFactRows.DayOf(filter.To)), ("@segment", ReportFactRows.Key(filter.Segment)),
            ("@rep", filter.Rep), ("@commitment", filter.Commitment), ("@leadType", ReportFactRows.Key(filter.LeadType)), ("@now", now.ToUnixTimeMilliseconds()), ("@viewer", filter.Viewer),
            ("@reachedCutoff", (now - Duration.FromDays(filter.ReachedWithin ?? 0)).ToUnixTimeMilliseconds())]);
    }
}
