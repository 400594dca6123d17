using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;
using Tandem.Domain.Deliverables;

namespace Tandem.Data.Analytics;

/// <summary>
/// Reads the logged deliverables for <see cref="DeliverableScorecard"/>: content pieces with the
/// times of their uses, campaigns, the leads tied to them with the first touch of each lead since
/// it responded (from the touches table, same source and lead id, or the lead it was merged into;
/// a deleted lead is left out, as from every figure), reports with their feedback, and training
/// sessions with their named reps, and product launches. Deliverables are few (a handful a week), so they are
/// read whole; campaign leads, which can be many, only for the range asked.
/// </summary>
public static class DeliverableReader
{
    /// <summary>Everything logged, with the campaign leads that responded in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<DeliverableRecords> ReadAsync(DbConnection connection, Instant from, Instant to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var uses = new Dictionary<(string, string), List<Instant>>();
        await using (var command = Sql.Command(connection, null, "SELECT source, piece_id, used_at FROM content_uses"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                Add(uses, (reader.GetString(0), reader.GetString(1)), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        var content = new List<ContentPiece>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, kind, published_at FROM content_pieces ORDER BY published_at, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                content.Add(new ContentPiece(reader.GetString(1), reader.GetString(2), Instant.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    uses.TryGetValue((reader.GetString(0), reader.GetString(1)), out var times) ? times : []));

        var campaigns = new List<Campaign>();
        await using (var command = Sql.Command(connection, null, "SELECT id, launched_at FROM campaigns ORDER BY launched_at, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                campaigns.Add(new Campaign(reader.GetString(0), Instant.FromUnixTimeMilliseconds(reader.GetInt64(1))));

        var leads = new List<CampaignLead>();
        await using (var command = Sql.Command(connection, null,
            """
            SELECT c.campaign_id, c.lead_id, c.responded_at, MIN(t.at)
            FROM campaign_leads c
            LEFT JOIN leads l ON l.source = c.source AND l.id = c.lead_id
            LEFT JOIN touches t ON t.source = c.source AND (t.lead_id = c.lead_id OR t.lead_id = l.merged_into) AND t.at >= c.responded_at
            WHERE c.responded_at >= @from AND c.responded_at < @to AND l.deleted_at IS NULL
            GROUP BY c.source, c.campaign_id, c.lead_id, c.responded_at
            ORDER BY c.responded_at, c.campaign_id, c.lead_id
            """, ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds())))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                leads.Add(new CampaignLead(reader.GetString(0), reader.GetString(1), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? [] : [Instant.FromUnixTimeMilliseconds(reader.GetInt64(3))]));

        var feedback = new Dictionary<(string, string), List<Instant>>();
        await using (var command = Sql.Command(connection, null, "SELECT source, report_id, given_at FROM report_feedback"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                Add(feedback, (reader.GetString(0), reader.GetString(1)), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        var reports = new List<PerformanceReport>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, delivered_at FROM performance_reports ORDER BY delivered_at, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                reports.Add(new PerformanceReport(reader.GetString(1), Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    feedback.TryGetValue((reader.GetString(0), reader.GetString(1)), out var times) ? times : []));

        var attendees = new Dictionary<(string, string), List<(string, bool)>>();
        await using (var command = Sql.Command(connection, null, "SELECT source, training_id, rep, attended FROM training_attendance ORDER BY rep"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!attendees.TryGetValue(key, out var list)) attendees[key] = list = [];
                list.Add((reader.GetString(2), reader.GetInt64(3) != 0));
            }
        var trainings = new List<TrainingSession>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, product, launch_date, held_at FROM trainings ORDER BY held_at, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                trainings.Add(new TrainingSession(reader.GetString(1), reader.GetString(2), LocalDatePattern.Iso.Parse(reader.GetString(3)).Value,
                    Instant.FromUnixTimeMilliseconds(reader.GetInt64(4)), attendees.TryGetValue((reader.GetString(0), reader.GetString(1)), out var named) ? named : []));

        var launches = new List<ProductLaunch>();
        await using (var command = Sql.Command(connection, null, "SELECT product, launch_date FROM product_launches ORDER BY launch_date, source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                launches.Add(new ProductLaunch(reader.GetString(0), LocalDatePattern.Iso.Parse(reader.GetString(1)).Value));

        return new DeliverableRecords(content, campaigns, leads, reports, trainings) { Launches = launches };
    }

    private static void Add(Dictionary<(string, string), List<Instant>> map, (string, string) key, Instant at)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(at);
    }
}
