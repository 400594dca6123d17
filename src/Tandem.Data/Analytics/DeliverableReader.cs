using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;

namespace Tandem.Data.Analytics;

/// <summary>
/// Reads the logged deliverables for <see cref="DeliverableScorecard"/>: content pieces with the
/// times of their uses, campaigns, the leads tied to them with the first touch of each lead since
/// it responded (from the touches table, same source and lead id, or the lead it was merged into;
/// a deleted lead is left out, as from every figure), reports with their feedback, and training
/// sessions with their named reps, and product launches. A read costs the window in view: items of
/// the range asked and of the lookback before it (<see cref="DeliverableCommitments.Lookback"/>: a
/// yearly quota judged in a month needs its year; a deadline falls days after its item), each item's uses, feedback and attendance through
/// their indexes, and the campaign leads that responded in the range asked.
/// </summary>
public static class DeliverableReader
{
    /// <summary>
    /// What <paramref name="agreement"/>'s deliverable lines for [<paramref name="from"/>,
    /// <paramref name="to"/>) need, judged as of <paramref name="asOf"/>: the campaign leads'
    /// follow-up counted from its stored facts (<see cref="CampaignFollowUps"/>) when they were judged
    /// under the agreement's terms, else the campaign leads read (none without a follow-up commitment).
    /// </summary>
    public static async Task<DeliverableRecords> ReadAsync(DbConnection connection, Agreement agreement, Instant from, Instant to, Instant asOf, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var commitments = agreement.Deliverables;
        var judged = commitments.Campaigns?.FollowUp is null ? null
            : await CampaignFollowUps.TalliesAsync(connection, agreement, from, to, asOf, cancel).ConfigureAwait(false);
        var records = await ReadAsync(connection, from, to, commitments.Lookback, commitments.UsesJudged, judged is null && commitments.Campaigns?.FollowUp is not null, cancel).ConfigureAwait(false);
        return records with { CampaignFollowUps = judged };
    }

    /// <summary>The items logged in [<paramref name="from"/> - <paramref name="lookback"/>, <paramref name="to"/>), each piece with its earliest <paramref name="usesPerPiece"/> uses (<see cref="DeliverableCommitments.UsesJudged"/>), with the campaign leads that responded in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static Task<DeliverableRecords> ReadAsync(DbConnection connection, Instant from, Instant to, Duration lookback, int usesPerPiece, CancellationToken cancel = default) =>
        ReadAsync(connection, from, to, lookback, usesPerPiece, campaignLeads: true, cancel);

    private static async Task<DeliverableRecords> ReadAsync(DbConnection connection, Instant from, Instant to, Duration lookback, int usesPerPiece, bool campaignLeads, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var window = new (string, object?)[] { ("@since", (from - lookback).ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds()) };
        var pieces = new List<(string Source, string Id, string Kind, Instant Published)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, kind, published_at FROM content_pieces WHERE published_at >= @since AND published_at < @to ORDER BY published_at, source, id", window))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                pieces.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), Instant.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        // A piece is judged by its n-th use (an earlier use counts as at publication): its earliest n uses are all that can matter.
        var uses = usesPerPiece < 1 ? pieces.ToDictionary(p => (p.Source, p.Id), _ => (IReadOnlyList<Instant>)[])
            : await TimesAsync(connection, $"SELECT used_at FROM content_uses WHERE source = @source AND piece_id = @id ORDER BY used_at LIMIT {usesPerPiece}", pieces.Select(p => (p.Source, p.Id)), cancel).ConfigureAwait(false);
        var content = pieces.Select(p => new ContentPiece(p.Id, p.Kind, p.Published, uses[(p.Source, p.Id)])).ToList();

        var campaigns = new List<Campaign>();
        await using (var command = Sql.Command(connection, null, "SELECT id, launched_at FROM campaigns WHERE launched_at >= @since AND launched_at < @to ORDER BY launched_at, source, id", window))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                campaigns.Add(new Campaign(reader.GetString(0), Instant.FromUnixTimeMilliseconds(reader.GetInt64(1))));

        var leads = new List<CampaignLead>();
        // Without a follow-up commitment, or with its judged facts, the campaign leads are not needed.
        if (campaignLeads)
        {
            await using (var command = Sql.Command(connection, null,
                """
                SELECT c.campaign_id, c.lead_id, c.responded_at,
                       (SELECT MIN(t.at) FROM touches t WHERE t.source = c.source AND t.lead_id = c.lead_id AND t.at >= c.responded_at),
                       (SELECT MIN(t.at) FROM touches t WHERE t.source = c.source AND t.lead_id = l.merged_into AND t.at >= c.responded_at)
                FROM campaign_leads c
                LEFT JOIN leads l ON l.source = c.source AND l.id = c.lead_id
                WHERE c.responded_at >= @from AND c.responded_at < @to AND l.deleted_at IS NULL
                ORDER BY c.responded_at, c.campaign_id, c.lead_id
                """, ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds())))
            await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                {
                    // The first touch since it responded, under its own id or the lead it was merged into (each through the touches' (source, lead, at) index).
                    var first = new[] { Sql.Long(reader, 3), Sql.Long(reader, 4) }.OfType<long>().DefaultIfEmpty(-1).Min();
                    leads.Add(new CampaignLead(reader.GetString(0), reader.GetString(1), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                        first < 0 ? [] : [Instant.FromUnixTimeMilliseconds(first)]));
                }
        }

        var delivered = new List<(string Source, string Id, Instant At)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, delivered_at FROM performance_reports WHERE delivered_at >= @since AND delivered_at < @to ORDER BY delivered_at, source, id", window))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                delivered.Add((reader.GetString(0), reader.GetString(1), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        var feedback = await TimesAsync(connection, "SELECT given_at FROM report_feedback WHERE source = @source AND report_id = @id", delivered.Select(r => (r.Source, r.Id)), cancel).ConfigureAwait(false);
        var reports = delivered.Select(r => new PerformanceReport(r.Id, r.At, feedback[(r.Source, r.Id)])).ToList();

        var held = new List<(string Source, string Id, string Product, LocalDate Launch, Instant At)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, product, launch_date, held_at FROM trainings WHERE (held_at >= @since AND held_at < @to) OR (launch_date >= @firstLaunch AND launch_date < @lastLaunch) ORDER BY held_at, source, id",
            // A session counts for its launch however early it was held: read by the launch's date too (ISO text; a day of margin for the zone).
            [.. window, ("@firstLaunch", from.InUtc().Date.PlusDays(-1).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("@lastLaunch", to.InUtc().Date.PlusDays(1).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                held.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), LocalDatePattern.Iso.Parse(reader.GetString(3)).Value, Instant.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        var trainings = new List<TrainingSession>();
        await using (var command = Sql.Command(connection, null, "SELECT rep, attended FROM training_attendance WHERE source = @source AND training_id = @id ORDER BY rep", ("@source", ""), ("@id", "")))
            foreach (var t in held)
            {
                command.Parameters["@source"].Value = t.Source;
                command.Parameters["@id"].Value = t.Id;
                var named = new List<(string, bool)>();
                await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false)) named.Add((reader.GetString(0), reader.GetInt64(1) != 0));
                trainings.Add(new TrainingSession(t.Id, t.Product, t.Launch, t.At, named));
            }

        var launches = new List<ProductLaunch>();
        await using (var command = Sql.Command(connection, null, "SELECT product, launch_date FROM product_launches ORDER BY launch_date, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                launches.Add(new ProductLaunch(reader.GetString(0), LocalDatePattern.Iso.Parse(reader.GetString(1)).Value));

        return new DeliverableRecords(content, campaigns, leads, reports, trainings) { Launches = launches };
    }

    /// <summary>The instants <paramref name="select"/> (with @source and @id) gives for each key, in the order stored, through an index.</summary>
    private static async Task<Dictionary<(string, string), IReadOnlyList<Instant>>> TimesAsync(DbConnection connection, string select, IEnumerable<(string Source, string Id)> keys, CancellationToken cancel)
    {
        var times = new Dictionary<(string, string), IReadOnlyList<Instant>>();
        await using var command = Sql.Command(connection, null, select, ("@source", ""), ("@id", ""));
        foreach (var key in keys)
        {
            command.Parameters["@source"].Value = key.Source;
            command.Parameters["@id"].Value = key.Id;
            var list = new List<Instant>();
            await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) list.Add(Instant.FromUnixTimeMilliseconds(reader.GetInt64(0)));
            times[key] = list;
        }
        return times;
    }
}
