using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.Analytics;

/// <summary>A content piece as the Deliverables page lists it.</summary>
public sealed record LoggedPiece(string Source, string Id, string Kind, string? Title, Instant Published, long Uses);

/// <summary>A rep's use of a piece, in a touch of a lead when known.</summary>
public sealed record LoggedUse(string PieceId, string? PieceTitle, Instant Used, string? Rep, string? TouchId, string? LeadId, string Source = "default");

/// <summary>A campaign as the Deliverables page lists it, with its leads (of leads not deleted) and how many got a touch since responding (under the lead or the lead it was merged into).</summary>
public sealed record LoggedCampaign(string Source, string Id, string Name, Instant Launched, long Leads, long Touched);

/// <summary>A performance report as the Deliverables page lists it.</summary>
public sealed record LoggedReport(string Source, string Id, string Title, Instant Delivered, long Feedback, Instant? FirstFeedback);

/// <summary>A training session as the Deliverables page lists it.</summary>
public sealed record LoggedTraining(string Source, string Id, string Title, string Product, string LaunchDate, Instant Held, long Named, long Attended);

/// <summary>A product launch as the Deliverables page lists it, with its first training session (of any source), if any.</summary>
public sealed record LoggedLaunch(string Source, string Id, string Product, string LaunchDate, Instant? FirstSession);

/// <summary>What the Deliverables page lists: the deliverables of a stretch of time, newest first.</summary>
public sealed record DeliverableLogResult(IReadOnlyList<LoggedPiece> Pieces, IReadOnlyList<LoggedCampaign> Campaigns, IReadOnlyList<LoggedReport> Reports, IReadOnlyList<LoggedTraining> Trainings)
{
    /// <summary>Which pieces reps used in [from, to), in which touches, newest first (the latest 200).</summary>
    public IReadOnlyList<LoggedUse> Uses { get; init; } = [];

    /// <summary>Product launches dated in [from, to) (as dates in the zone given), earliest first.</summary>
    public IReadOnlyList<LoggedLaunch> Launches { get; init; } = [];
}

/// <summary>Reads the deliverables logged in [from, to) with what sales did with each, for listing.</summary>
public static class DeliverableLog
{
    /// <summary>
    /// Pieces published, campaigns launched, reports delivered and sessions held in [<paramref name="from"/>,
    /// <paramref name="to"/>), and launches dated in it (read in <paramref name="zone"/>).
    /// </summary>
    public static async Task<DeliverableLogResult> ReadAsync(DbConnection connection, Instant from, Instant to, DateTimeZone zone, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string, object?)[] range = [("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds())];
        var pieces = await ListAsync(connection, """
            SELECT p.source, p.id, p.kind, p.title, p.published_at, (SELECT COUNT(*) FROM content_uses u WHERE u.source = p.source AND u.piece_id = p.id)
            FROM content_pieces p WHERE p.published_at >= @from AND p.published_at < @to ORDER BY p.published_at DESC, p.source, p.id
            """, range, r => new LoggedPiece(r.GetString(0), r.GetString(1), r.GetString(2), Sql.Text(r, 3), Ms(r, 4), r.GetInt64(5)), cancel).ConfigureAwait(false);
        var campaigns = await ListAsync(connection, await CampaignFactsKeptAsync(connection, cancel).ConfigureAwait(false) ? CampaignsFromFacts : CampaignsFromRecords,
            range, r => new LoggedCampaign(r.GetString(0), r.GetString(1), r.GetString(2), Ms(r, 3), r.GetInt64(4), r.GetInt64(5)), cancel).ConfigureAwait(false);
        var reports = await ListAsync(connection, """
            SELECT p.source, p.id, p.title, p.delivered_at,
                   (SELECT COUNT(*) FROM report_feedback f WHERE f.source = p.source AND f.report_id = p.id),
                   (SELECT MIN(f.given_at) FROM report_feedback f WHERE f.source = p.source AND f.report_id = p.id)
            FROM performance_reports p WHERE p.delivered_at >= @from AND p.delivered_at < @to ORDER BY p.delivered_at DESC, p.source, p.id
            """, range, r => new LoggedReport(r.GetString(0), r.GetString(1), r.GetString(2), Ms(r, 3), r.GetInt64(4), r.IsDBNull(5) ? null : Ms(r, 5)), cancel).ConfigureAwait(false);
        var trainings = await ListAsync(connection, """
            SELECT t.source, t.id, t.title, t.product, t.launch_date, t.held_at,
                   (SELECT COUNT(*) FROM training_attendance a WHERE a.source = t.source AND a.training_id = t.id),
                   (SELECT COUNT(*) FROM training_attendance a WHERE a.source = t.source AND a.training_id = t.id AND a.attended = 1)
            FROM trainings t WHERE t.held_at >= @from AND t.held_at < @to ORDER BY t.held_at DESC, t.source, t.id
            """, range, r => new LoggedTraining(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Ms(r, 5), r.GetInt64(6), r.GetInt64(7)), cancel).ConfigureAwait(false);
        var uses = await ListAsync(connection, """
            SELECT u.piece_id, p.title, u.used_at, u.rep, u.touch_id, u.lead_id, u.source
            FROM content_uses u LEFT JOIN content_pieces p ON p.source = u.source AND p.id = u.piece_id
            WHERE u.used_at >= @from AND u.used_at < @to ORDER BY u.used_at DESC, u.source, u.id LIMIT 200
            """, range, r => new LoggedUse(r.GetString(0), Sql.Text(r, 1), Ms(r, 2), Sql.Text(r, 3), Sql.Text(r, 4), Sql.Text(r, 5), r.GetString(6)), cancel).ConfigureAwait(false);
        ArgumentNullException.ThrowIfNull(zone);
        var launches = await ListAsync(connection, """
            SELECT l.source, l.id, l.product, l.launch_date,
                   (SELECT MIN(t.held_at) FROM trainings t WHERE UPPER(t.product) = UPPER(l.product) AND t.launch_date = l.launch_date)
            FROM product_launches l WHERE l.launch_date >= @fromDate AND l.launch_date < @toDate ORDER BY l.launch_date, l.source, l.id
            """, [("@fromDate", Date(from, zone)), ("@toDate", Date(to, zone))],
            r => new LoggedLaunch(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : Ms(r, 4)), cancel).ConfigureAwait(false);
        return new DeliverableLogResult(pieces, campaigns, reports, trainings) { Uses = uses, Launches = launches };
    }

    /// <summary>
    /// The pieces, campaigns, reports and sessions of [<paramref name="from"/>, <paramref name="to"/>)
    /// by name only, for a form to offer: what sales did with each is not read (the counts are 0, and
    /// uses and launches empty), since a campaign's touched leads cost a look into the touches per
    /// lead (tens of thousands for a quarter's campaigns at a million leads).
    /// </summary>
    public static async Task<DeliverableLogResult> NamesAsync(DbConnection connection, Instant from, Instant to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string, object?)[] range = [("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds())];
        var pieces = await ListAsync(connection, "SELECT source, id, kind, title, published_at FROM content_pieces WHERE published_at >= @from AND published_at < @to ORDER BY published_at DESC, source, id",
            range, r => new LoggedPiece(r.GetString(0), r.GetString(1), r.GetString(2), Sql.Text(r, 3), Ms(r, 4), 0), cancel).ConfigureAwait(false);
        var campaigns = await ListAsync(connection, "SELECT source, id, name, launched_at FROM campaigns WHERE launched_at >= @from AND launched_at < @to ORDER BY launched_at DESC, source, id",
            range, r => new LoggedCampaign(r.GetString(0), r.GetString(1), r.GetString(2), Ms(r, 3), 0, 0), cancel).ConfigureAwait(false);
        var reports = await ListAsync(connection, "SELECT source, id, title, delivered_at FROM performance_reports WHERE delivered_at >= @from AND delivered_at < @to ORDER BY delivered_at DESC, source, id",
            range, r => new LoggedReport(r.GetString(0), r.GetString(1), r.GetString(2), Ms(r, 3), 0, null), cancel).ConfigureAwait(false);
        var trainings = await ListAsync(connection, "SELECT source, id, title, product, launch_date, held_at FROM trainings WHERE held_at >= @from AND held_at < @to ORDER BY held_at DESC, source, id",
            range, r => new LoggedTraining(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Ms(r, 5), 0, 0), cancel).ConfigureAwait(false);
        return new DeliverableLogResult(pieces, campaigns, reports, trainings);
    }

    /// <summary>
    /// The campaigns launched in [@from, @to) with their leads and those touched since responding,
    /// from the campaign follow-up facts (<see cref="CampaignFollowUps"/>: one row per campaign lead
    /// whose lead is not deleted, with its first touch since it responded, under its lead or the lead
    /// that one was merged into) through their (source, campaign_id, touched_at) index: the cost is
    /// the campaigns in view and their leads' index entries, not a look into the touches per lead.
    /// </summary>
    private const string CampaignsFromFacts = """
        SELECT c.source, c.id, c.name, c.launched_at,
               (SELECT COUNT(*) FROM campaign_follow_ups f WHERE f.source = c.source AND f.campaign_id = c.id),
               (SELECT COUNT(f.touched_at) FROM campaign_follow_ups f WHERE f.source = c.source AND f.campaign_id = c.id)
        FROM campaigns c WHERE c.launched_at >= @from AND c.launched_at < @to ORDER BY c.launched_at DESC, c.source, c.id
        """;

    /// <summary>The same figures from the campaign leads and touches, lead by lead, by the same rules (when no facts are kept).</summary>
    private const string CampaignsFromRecords = """
        SELECT c.source, c.id, c.name, c.launched_at,
               (SELECT COUNT(*) FROM campaign_leads l LEFT JOIN leads d ON d.source = l.source AND d.id = l.lead_id
                WHERE l.source = c.source AND l.campaign_id = c.id AND d.deleted_at IS NULL),
               (SELECT COUNT(*) FROM campaign_leads l LEFT JOIN leads d ON d.source = l.source AND d.id = l.lead_id
                WHERE l.source = c.source AND l.campaign_id = c.id AND d.deleted_at IS NULL
                  AND (EXISTS (SELECT 1 FROM touches t WHERE t.source = l.source AND t.lead_id = l.lead_id AND t.at >= l.responded_at)
                       OR EXISTS (SELECT 1 FROM touches t WHERE t.source = l.source AND t.lead_id = d.merged_into AND t.at >= l.responded_at)))
        FROM campaigns c WHERE c.launched_at >= @from AND c.launched_at < @to ORDER BY c.launched_at DESC, c.source, c.id
        """;

    /// <summary>
    /// Whether the follow-up facts are kept: under an agreement with a campaign follow-up commitment
    /// the projector keeps one for every campaign lead of a lead not deleted; under one without, a
    /// rebuild empties them and nothing writes them. A first touch does not depend on the terms, so
    /// facts judged under other terms count the same leads touched.
    /// </summary>
    internal static async Task<bool> CampaignFactsKeptAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null, "SELECT 1 FROM campaign_follow_ups LIMIT 1");
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is not (null or DBNull);
    }

    private static string Date(Instant at, DateTimeZone zone) => at.InZone(zone).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Instant Ms(DbDataReader reader, int i) => Instant.FromUnixTimeMilliseconds(reader.GetInt64(i));

    private static async Task<List<T>> ListAsync<T>(DbConnection connection, string sql, (string, object?)[] parameters, Func<DbDataReader, T> read, CancellationToken cancel)
    {
        var list = new List<T>();
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) list.Add(read(reader));
        return list;
    }
}
