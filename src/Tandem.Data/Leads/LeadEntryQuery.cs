using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Leads;

/// <summary>One lead as a list of leads shows it: its fields (null once forgotten), the day it entered the stage (in the agreement's zone), and whether it was ever handed off.</summary>
public sealed record LeadEntryRow(string Source, string LeadId, LocalDate Entered, bool HandedOff,
    string? Name, string? Company, string? Segment, string? LeadType, string? Owner, bool Forgotten);

/// <summary>A page of a list of leads, how many match over every page, and the cursors either side (null at either end).</summary>
public sealed record LeadEntryPage(IReadOnlyList<LeadEntryRow> Rows, long Count, string? Next, string? Previous);

/// <summary>
/// The leads that entered a funnel stage in a period (issue 21), newest entry first, 50 a page by
/// keyset. The funnel's first stage is read from arrival_facts by its day index (migration 0029):
/// the rows the pacing rollup (arrivals_daily) sums, so a list of marketing's lead types there is
/// pacing's "delivered" exactly. A later stage is read from stage_changes by its (stage, at) index:
/// a lead's first entry into the stage, under the stage's names as imports store them (the funnel's
/// name, or its standard spelling), dated in the period and none before it; deleted and merged-away
/// leads are left out. Either way the read is the period's entries, never the history. A campaign's
/// leads are read by the campaign's key in campaign_leads, dated by their response.
/// </summary>
public static class LeadEntryQuery
{
    /// <summary>Rows a page holds.</summary>
    public const int PageSize = 50;

    /// <summary>A page of the leads <paramref name="filter"/> keeps in <paramref name="zone"/>, after or before <paramref name="cursor"/>, and how many match.</summary>
    /// <exception cref="FormatException">The cursor is not one this list made.</exception>
    public static Task<LeadEntryPage> PageAsync(DbConnection connection, LeadEntryFilter filter, DateTimeZone zone, string? cursor = null, int size = PageSize, CancellationToken cancel = default) =>
        ReadPageAsync(connection, filter, zone, cursor, size, counted: true, cancel);

    /// <summary>A page, and its count when <paramref name="counted"/> (-1 when not: an export's pages need none).</summary>
    private static async Task<LeadEntryPage> ReadPageAsync(DbConnection connection, LeadEntryFilter filter, DateTimeZone zone, string? cursor, int size, bool counted, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var at = cursor is null ? null : ListCursor.Read(cursor, "entries", 3);
        var (entries, parameters) = Build(filter, zone);
        var list = parameters.ToList();
        var after = "";
        if (at is not null)
        {
            if (!long.TryParse(at.Key[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k))
                throw new FormatException($"'{cursor}' is not a cursor of this list; follow the list's own Next and Previous links");
            after = $" WHERE (e.k, e.source, e.lead_id) {(at.Before ? "<" : ">")} (@k, @cursorSource, @cursorLead)";
            list.AddRange([("@k", k), ("@cursorSource", at.Key[1]), ("@cursorLead", at.Key[2])]);
        }
        var direction = at?.Before == true ? " DESC" : "";
        list.Add(("@limit", (long)size + 1));
        var keys = new List<(long Key, string Source, string Lead, bool HandedOff)>();
        await using (var command = Sql.Command(connection, null,
            $"SELECT e.k, e.source, e.lead_id, CASE WHEN EXISTS (SELECT 1 FROM handoff_facts h WHERE h.source = e.source AND h.lead_id = e.lead_id) THEN 1 ELSE 0 END " +
            $"FROM ({entries}) e{after} ORDER BY e.k{direction}, e.source{direction}, e.lead_id{direction} LIMIT @limit", [.. list]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                keys.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) == 1));
        var more = keys.Count > size;
        if (more) keys.RemoveAt(keys.Count - 1);
        if (at?.Before == true) keys.Reverse();
        var count = counted ? await CountAsync(connection, filter, zone, cancel).ConfigureAwait(false) : -1;
        var rows = new List<LeadEntryRow>(keys.Count);
        await using (var one = Sql.Command(connection, null, "SELECT name, company, segment, lead_type, owner, forgotten_at FROM leads WHERE source = @source AND id = @lead", ("@source", ""), ("@lead", "")))
        {
            foreach (var r in keys)
            {
                one.Parameters["@source"].Value = r.Source;
                one.Parameters["@lead"].Value = r.Lead;
                await using var reader = await one.ExecuteReaderAsync(cancel).ConfigureAwait(false);
                var found = await reader.ReadAsync(cancel).ConfigureAwait(false);
                rows.Add(new LeadEntryRow(r.Source, r.Lead, EnteredOn(filter, r.Key, zone), r.HandedOff,
                    found ? Sql.Text(reader, 0) : null, found ? Sql.Text(reader, 1) : null, found ? Sql.Text(reader, 2) : null, found ? Sql.Text(reader, 3) : null,
                    found ? Sql.Text(reader, 4) : null, found && !reader.IsDBNull(5)));
            }
        }
        string Cursor(bool before, int i) => new ListCursor(before, "entries", [keys[i].Key.ToString(CultureInfo.InvariantCulture), keys[i].Source, keys[i].Lead]).Write();
        // As the handoff list: going forward, a page after a cursor has rows before it; going back, the row at the cursor comes after.
        var next = keys.Count == 0 ? null : (at?.Before == true || more) ? Cursor(false, keys.Count - 1) : null;
        var previous = keys.Count == 0 ? null : (at is { Before: false } || (at?.Before == true && more)) ? Cursor(true, 0) : null;
        return new LeadEntryPage(rows, count, next, previous);
    }

    /// <summary>Every lead <paramref name="filter"/> keeps, newest first, read a keyset page at a time (an export streams them: memory holds one page).</summary>
    public static async IAsyncEnumerable<LeadEntryRow> RowsAsync(DbConnection connection, LeadEntryFilter filter, DateTimeZone zone, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        string? cursor = null;
        do
        {
            var page = await ReadPageAsync(connection, filter, zone, cursor, LeadListQuery.ExportPageSize, counted: false, cancel).ConfigureAwait(false);
            foreach (var row in page.Rows) yield return row;
            cursor = page.Next;
        }
        while (cursor is not null);
    }

    /// <summary>How many leads <paramref name="filter"/> keeps in <paramref name="zone"/>.</summary>
    public static async Task<long> CountAsync(DbConnection connection, LeadEntryFilter filter, DateTimeZone zone, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        var (entries, parameters) = Build(filter, zone);
        await using var command = Sql.Command(connection, null, $"SELECT COUNT(*) FROM ({entries}) e", parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The entry's date from its sort key: minus the arrival day, or minus the entry instant.</summary>
    private static LocalDate EnteredOn(LeadEntryFilter filter, long key, DateTimeZone zone) =>
        filter.FirstStage && filter.Campaign is null ? ReportFactRows.DateOf(-key) : Instant.FromUnixTimeMilliseconds(-key).InZone(zone).Date;

    /// <summary>The names a stage is stored under: the funnel's, and its standard spelling when that differs.</summary>
    private static string[] StoredNames(string stage) => LeadStages.Normalize(stage) is { } standard && standard != stage ? [stage, standard] : [stage];

    /// <summary>The entries as (k: the sort key, newest first; source; lead_id), with the filters applied, and their parameters.</summary>
    private static (string Entries, (string, object?)[] Parameters) Build(LeadEntryFilter filter, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var parameters = new List<(string, object?)>
        {
            ("@segment", ReportFactRows.Key(filter.Segment)), ("@leadType", ReportFactRows.Key(filter.LeadType)), ("@owner", filter.Owner), ("@viewer", filter.Viewer),
        };
        var types = filter.LeadTypes?.Select(ReportFactRows.Key).Distinct().ToList();
        string TypesIn(string column)
        {
            if (types is null) return "";
            if (types.Count == 0) return " AND 1 = 0";
            for (var i = 0; i < types.Count; i++) parameters.Add(($"@type{i}", types[i]));
            return $" AND {column} IN ({string.Join(", ", types.Select((_, i) => $"@type{i}"))})";
        }
        string sql;
        var lead = "";
        if (filter.Campaign is not null)
        {
            // The campaign's leads by its key (source, campaign_id, ...), those of deleted leads left out, as DeliverableLog counts them.
            parameters.AddRange([("@campaign", filter.Campaign), ("@campaignSource", filter.CampaignSource)]);
            sql = "SELECT -c.responded_at AS k, c.source, c.lead_id FROM campaign_leads c LEFT JOIN leads l ON l.source = c.source AND l.id = c.lead_id " +
                "WHERE c.source = @campaignSource AND c.campaign_id = @campaign AND l.deleted_at IS NULL";
            if (filter.Touched is { } touched)
                sql += $" AND {(touched ? "" : "NOT ")}(EXISTS (SELECT 1 FROM touches t WHERE t.source = c.source AND t.lead_id = c.lead_id AND t.at >= c.responded_at) " +
                    "OR EXISTS (SELECT 1 FROM touches t WHERE t.source = c.source AND t.lead_id = l.merged_into AND t.at >= c.responded_at))";
            if (filter.Segment is not null) sql += " AND lower(trim(COALESCE(l.segment, ''))) = @segment";
            if (filter.LeadType is not null) sql += " AND lower(trim(COALESCE(l.lead_type, ''))) = @leadType";
            sql += TypesIn("lower(trim(COALESCE(l.lead_type, '')))");
            lead = "c";
        }
        else if (filter.FirstStage)
        {
            parameters.AddRange([("@first", ReportFactRows.DayOf(filter.From)), ("@end", ReportFactRows.DayOf(filter.To))]);
            sql = "SELECT -a.arrival_day AS k, a.source, a.lead_id FROM arrival_facts a";
            var where = " WHERE a.arrival_day >= @first AND a.arrival_day < @end";
            if (filter.Segment is not null) where += " AND a.segment_key = @segment";
            if (filter.LeadType is not null) where += " AND a.lead_type_key = @leadType";
            where += TypesIn("a.lead_type_key");
            if (filter.Owner is not null || filter.Viewer is not null)
            {
                sql += " JOIN leads l ON l.source = a.source AND l.id = a.lead_id";
                lead = "a";
            }
            sql += where;
        }
        else
        {
            var names = StoredNames(filter.Stage);
            for (var i = 0; i < names.Length; i++) parameters.Add(($"@stage{i}", names[i]));
            var inStage = $"IN ({string.Join(", ", names.Select((_, i) => $"@stage{i}"))})";
            parameters.AddRange([("@start", filter.From.AtStartOfDayInZone(zone).ToInstant().ToUnixTimeMilliseconds()),
                ("@stop", filter.To.AtStartOfDayInZone(zone).ToInstant().ToUnixTimeMilliseconds())]);
            // A lead's first entry: its earliest in the period, and none before the period.
            sql = "SELECT -MIN(s.at) AS k, s.source, s.lead_id FROM stage_changes s JOIN leads l ON l.source = s.source AND l.id = s.lead_id " +
                $"WHERE s.stage {inStage} AND s.at >= @start AND s.at < @stop AND l.deleted_at IS NULL AND l.merged_into IS NULL " +
                $"AND NOT EXISTS (SELECT 1 FROM stage_changes p WHERE p.source = s.source AND p.lead_id = s.lead_id AND p.stage {inStage} AND p.at < @start)";
            if (filter.Segment is not null) sql += " AND lower(trim(COALESCE(l.segment, ''))) = @segment";
            if (filter.LeadType is not null) sql += " AND lower(trim(COALESCE(l.lead_type, ''))) = @leadType";
            sql += TypesIn("lower(trim(COALESCE(l.lead_type, '')))");
            lead = "s";
        }
        if (lead.Length > 0)
        {
            if (filter.Owner is not null) sql += " AND lower(l.owner) = lower(@owner)";
            if (filter.Viewer is not null)
                sql += $" AND (lower(l.owner) = lower(@viewer) OR EXISTS (SELECT 1 FROM sla_clocks k WHERE k.source = {lead}.source AND k.lead_id = {lead}.lead_id AND lower(k.rep) = lower(@viewer)))";
        }
        if (!filter.FirstStage && filter.Campaign is null) sql += " GROUP BY s.source, s.lead_id";
        if (filter.HandedOff is { } handedOff)
            sql = $"SELECT x.k, x.source, x.lead_id FROM ({sql}) x WHERE {(handedOff ? "" : "NOT ")}EXISTS (SELECT 1 FROM handoff_facts h WHERE h.source = x.source AND h.lead_id = x.lead_id)";
        return (sql, [.. parameters]);
    }
}
