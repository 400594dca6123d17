using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;

namespace Tandem.Data.Analytics;

/// <summary>
/// The campaign follow-up facts (campaign_follow_ups, migration 0019): each campaign lead judged
/// against the follow-up commitment when its records are written, as <see cref="DeliverableReader"/>
/// reads it (the first touch since it responded, under its lead or the lead that one was merged
/// into; a deleted lead's left out) and <see cref="DeliverableScorecard"/> judges it. Kept by the
/// projector: the campaign leads of the leads it refreshes, and of the leads merged into them,
/// are judged again; a rebuild, or a refresh under other terms, judges them all. Each keeps its first
/// touch since it responded (touched_at, migration 0023), whatever the deadline, for the Deliverables
/// page's count of a campaign's leads touched (<see cref="DeliverableLog"/>).
/// </summary>
public static class CampaignFollowUps
{
    /// <summary>The hash of the terms the facts were judged under, in service_state.</summary>
    public const string TermsState = "campaign_follow_up_terms";

    /// <summary>Bumped when the judgement changes, so facts of an older build are judged again, never misread.</summary>
    private const string Version = "campaign-follow-ups 1";

    /// <summary>Lead ids per statement.</summary>
    private const int Chunk = 500;

    /// <summary>A hash of what the judgement depends on: the follow-up commitment (none is terms too) and the agreement's calendar.</summary>
    public static long TermsHash(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var text = new StringBuilder(Version).Append('\n');
        if (agreement.Deliverables.Campaigns?.FollowUp is { } followUp)
        {
            var calendar = agreement.Calendar;
            text.Append(CultureInfo.InvariantCulture, $"{followUp.Minutes} {followUp.Clock}\n{calendar.Zone.Id}\n");
            foreach (var (day, intervals) in calendar.Week.OrderBy(d => d.Key))
                text.Append(CultureInfo.InvariantCulture, $"{day}:").AppendJoin(',', intervals.Select(i => $"{Time(i.Start)}-{Time(i.End)}")).Append('\n');
            text.AppendJoin(',', calendar.Holidays.Select(h => h.ToString()));
        }
        else text.Append("none");
        // FNV-1a over the UTF-8 text, as the sheet terms: stable across processes, builds and engines.
        var hash = unchecked((long)14695981039346656037UL);
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString())) hash = unchecked((hash ^ b) * 1099511628211L);
        return hash;
    }

    private static string Time(LocalTime t) => t.ToString("HH:mm:ss.fffffffff", CultureInfo.InvariantCulture);

    /// <summary>
    /// Judges again the campaign leads of <paramref name="leads"/> (and of the leads merged into
    /// them), or every campaign lead when null or when the facts were judged under other terms
    /// than <paramref name="agreement"/>'s.
    /// </summary>
    internal static async Task WriteAsync(DbConnection connection, DbTransaction tx, Agreement agreement, IReadOnlyCollection<(string Source, string Id)>? leads, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var terms = TermsHash(agreement);
        if (leads is null || await StoredTermsAsync(connection, tx, cancel).ConfigureAwait(false) != terms)
        {
            await RebuildAsync(connection, tx, agreement, terms, cancel).ConfigureAwait(false);
            return;
        }
        if (agreement.Deliverables.Campaigns?.FollowUp is null) return;
        foreach (var source in leads.GroupBy(k => k.Source))
            foreach (var ids in source.Select(k => k.Id).Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                var (list, parameters) = InList(ids);
                var affected = new HashSet<string>(ids, StringComparer.Ordinal);
                await using (var merged = Sql.Command(connection, tx, $"SELECT id FROM leads WHERE source = @source AND merged_into IN ({list})", [("@source", source.Key), .. parameters]))
                await using (var reader = await merged.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false)) affected.Add(reader.GetString(0));
                foreach (var part in affected.Chunk(Chunk))
                {
                    (list, parameters) = InList(part);
                    await using (var delete = Sql.Command(connection, tx, $"DELETE FROM campaign_follow_ups WHERE source = @source AND lead_id IN ({list})", [("@source", source.Key), .. parameters]))
                        await delete.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                    await JudgeAsync(connection, tx, agreement, $" AND c.source = @source AND c.lead_id IN ({list})", [("@source", source.Key), .. parameters], cancel).ConfigureAwait(false);
                }
            }
    }

    /// <summary>Judges every campaign lead again under <paramref name="agreement"/>'s terms, and stores them.</summary>
    private static async Task RebuildAsync(DbConnection connection, DbTransaction tx, Agreement agreement, long terms, CancellationToken cancel)
    {
        await using (var clear = Sql.Command(connection, tx, "DELETE FROM campaign_follow_ups"))
            await clear.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        if (agreement.Deliverables.Campaigns?.FollowUp is not null)
            await JudgeAsync(connection, tx, agreement, "", [], cancel).ConfigureAwait(false);
        await using var write = Sql.Command(connection, tx,
            "INSERT INTO service_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", ("@name", TermsState), ("@value", terms));
        await write.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Judges and stores the campaign leads <paramref name="where"/> selects (after "WHERE l.deleted_at IS NULL").</summary>
    private static async Task JudgeAsync(DbConnection connection, DbTransaction tx, Agreement agreement, string where, (string, object?)[] parameters, CancellationToken cancel)
    {
        var followUp = agreement.Deliverables.Campaigns!.FollowUp!;
        var calendar = agreement.Calendar;
        var rows = new List<(string Source, string Campaign, string Lead, long Responded, long Day, bool Kept, long JudgedAt, long? TouchedAt)>();
        // The first touch as DeliverableReader finds it, with its statement's very subqueries.
        await using (var select = Sql.Command(connection, tx,
            """
            SELECT c.source, c.campaign_id, c.lead_id, c.responded_at,
                   (SELECT MIN(t.at) FROM touches t WHERE t.source = c.source AND t.lead_id = c.lead_id AND t.at >= c.responded_at),
                   (SELECT MIN(t.at) FROM touches t WHERE t.source = c.source AND t.lead_id = l.merged_into AND t.at >= c.responded_at)
            FROM campaign_leads c
            LEFT JOIN leads l ON l.source = c.source AND l.id = c.lead_id
            WHERE l.deleted_at IS NULL
            """ + where, parameters))
        await using (var reader = await select.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var responded = Instant.FromUnixTimeMilliseconds(reader.GetInt64(3));
                var first = new[] { Sql.Long(reader, 4), Sql.Long(reader, 5) }.OfType<long>().DefaultIfEmpty(-1).Min();
                var due = DeliverableScorecard.FollowUpDue(followUp, calendar, responded).ToUnixTimeMilliseconds();
                // Kept once touched, if by the deadline; else missed once the deadline has passed.
                var kept = first >= 0 && first <= due;
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                    ReportFactRows.DayOf(responded.InZone(calendar.Zone).Date), kept, kept ? first : due, first >= 0 ? first : null));
            }
        await using var insert = Sql.Command(connection, tx,
            "INSERT INTO campaign_follow_ups (source, campaign_id, lead_id, responded_at, responded_day, kept, judged_at, touched_at) VALUES (@source, @campaign, @lead, @responded, @day, @kept, @judged, @touched)",
            ("@source", ""), ("@campaign", ""), ("@lead", ""), ("@responded", 0L), ("@day", 0L), ("@kept", 0L), ("@judged", 0L), ("@touched", 0L));
        foreach (var r in rows)
        {
            foreach (var (name, value) in new (string, object)[] { ("@source", r.Source), ("@campaign", r.Campaign), ("@lead", r.Lead), ("@responded", r.Responded), ("@day", r.Day), ("@kept", r.Kept ? 1L : 0L), ("@judged", r.JudgedAt), ("@touched", r.TouchedAt is { } t ? t : DBNull.Value) })
                insert.Parameters[name].Value = value;
            await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The follow-up of the campaign leads that responded in [<paramref name="from"/>,
    /// <paramref name="to"/>), per response date in the agreement's zone, as of
    /// <paramref name="asOf"/>; null when the stored facts were not judged under
    /// <paramref name="agreement"/>'s terms (then the campaign leads must be read).
    /// </summary>
    public static async Task<IReadOnlyList<(LocalDate Responded, DeadlineTally Tally)>?> TalliesAsync(DbConnection connection, Agreement agreement, Instant from, Instant to, Instant asOf, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(agreement);
        if (await StoredTermsAsync(connection, null, cancel).ConfigureAwait(false) != TermsHash(agreement)) return null;
        var zone = agreement.Calendar.Zone;
        var tallies = new List<(LocalDate, DeadlineTally)>();
        // Kept when touched by asOf; missed when asOf is past the deadline (every instant stored is a whole millisecond).
        await using var command = Sql.Command(connection, null,
            "SELECT responded_day, SUM(CASE WHEN kept = 1 AND judged_at <= @keptBy THEN 1 ELSE 0 END), SUM(CASE WHEN kept = 0 AND judged_at <= @missedBy THEN 1 ELSE 0 END), COUNT(*) " +
            "FROM campaign_follow_ups WHERE responded_day >= @fromDay AND responded_day <= @toDay AND responded_at >= @from AND responded_at < @to GROUP BY responded_day ORDER BY responded_day",
            ("@keptBy", asOf.ToUnixTimeMilliseconds()), ("@missedBy", (asOf - Duration.Epsilon).ToUnixTimeMilliseconds()),
            // The days bound the index range loosely (a zone's clocks may go back across midnight); the instants decide.
            ("@fromDay", ReportFactRows.DayOf(from.InZone(zone).Date) - 1), ("@toDay", ReportFactRows.DayOf(to.InZone(zone).Date) + 1),
            ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var (kept, missed) = (reader.GetInt64(1), reader.GetInt64(2));
            tallies.Add((ReportFactRows.DateOf(reader.GetInt64(0)), new DeadlineTally(kept, missed, reader.GetInt64(3) - kept - missed)));
        }
        return tallies;
    }

    private static async Task<long?> StoredTermsAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancel)
    {
        await using var read = Sql.Command(connection, tx, "SELECT value FROM service_state WHERE name = @name", ("@name", TermsState));
        return await read.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
    }

    private static (string List, (string, object?)[] Parameters) InList(IReadOnlyList<string> ids) =>
        (string.Join(", ", ids.Select((_, i) => $"@k{i}")), [.. ids.Select((id, i) => ($"@k{i}", (object?)id))]);
}
