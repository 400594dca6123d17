using System.Data.Common;
using NodaTime;

namespace Tandem.Data.Clocks;

/// <summary>
/// Which leads a projection must refresh: those whose records changed since the last pass (or in
/// the writer's own transaction), and those with a clock whose next change of state has come. (An
/// agreement or a rep that changed can move any clock: the projector sees that itself.)
/// </summary>
public static class ChangedLeads
{
    /// <summary>A record of a merged lead belongs to the lead it was merged into.</summary>
    private const string Canonical = "COALESCE((SELECT l.merged_into FROM leads l WHERE l.source = x.source AND l.id = x.lead_id), x.lead_id)";

    /// <summary>
    /// The leads whose records were written since <paramref name="since"/> by a writer that did not
    /// project them itself (records stamped with a projected stamp are left out);
    /// <paramref name="dueClocks"/> false leaves out the clocks that are due (for readers that do not
    /// store clock states).
    /// </summary>
    public static async Task<IReadOnlyCollection<(string Source, string Id)>> SinceAsync(DbConnection connection, Instant since, Instant now, CancellationToken cancel, bool dueClocks = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var leads = await ReadAsync(connection, null, "> @since AND NOT EXISTS (SELECT 1 FROM projected_stamps p WHERE p.stamp = {0})", sinceMs, cancel).ConfigureAwait(false);
        if (dueClocks)
        {
            await using var command = Sql.Command(connection, null, "SELECT source, lead_id FROM sla_clocks WHERE next_at <= @now", ("@now", now.ToUnixTimeMilliseconds()));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) leads.Add((reader.GetString(0), reader.GetString(1)));
        }
        return leads;
    }

    /// <summary>
    /// The leads whose records carry <paramref name="stamp"/> or a later one, read in the writer's
    /// transaction: what a write just changed, found the way a catch-up finds it (merges and moved
    /// touches included), through the updated_at indexes.
    /// </summary>
    public static async Task<HashSet<(string Source, string Id)>> StampedAsync(DbConnection connection, DbTransaction tx, long stamp, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await ReadAsync(connection, tx, ">= @since", stamp, cancel).ConfigureAwait(false);
    }

    /// <summary>Each lead table's changed rows: <paramref name="condition"/> follows the stamp column, with {0} standing for it.</summary>
    private static async Task<HashSet<(string Source, string Id)>> ReadAsync(DbConnection connection, DbTransaction? tx, string condition, long since, CancellationToken cancel)
    {
        string When(string column) => $"{column} {string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, column)}";
        var leads = new HashSet<(string, string)>();
        foreach (var sql in new[]
        {
            $"SELECT x.source, COALESCE(x.merged_into, x.id) FROM leads x WHERE {When("x.updated_at")}",
            $"SELECT x.source, x.id FROM leads x WHERE {When("x.updated_at")}", // a lead deleted or merged away: its own clocks go
            $"SELECT x.source, {Canonical} FROM stage_changes x WHERE {When("x.updated_at")}",
            $"SELECT x.source, {Canonical} FROM touches x WHERE {When("x.updated_at")}",
            $"SELECT x.source, {Canonical} FROM deals x WHERE {When("x.updated_at")} AND x.lead_id IS NOT NULL",
            $"SELECT x.source, {Canonical} FROM touch_moves x WHERE {When("x.moved_at")}", // the lead a corrected touch left
            // A deal's lead as recorded ('' without one): the sheet facts follow merges and moved deals from there.
            $"SELECT x.source, COALESCE(x.lead_id, '') FROM deals x WHERE {When("x.updated_at")}",
            // A campaign lead's lead as recorded: its follow-up is judged with that lead's (CampaignFollowUps).
            $"SELECT x.source, x.lead_id FROM campaign_leads x WHERE {When("x.updated_at")}",
        })
        {
            await using var command = Sql.Command(connection, tx, sql, ("@since", since));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) leads.Add((reader.GetString(0), reader.GetString(1)));
        }
        return leads;
    }
}
