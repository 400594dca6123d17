using System.Data.Common;
using NodaTime;

namespace Tandem.Data.Clocks;

/// <summary>
/// Which leads a monitor pass must refresh: those whose records changed since the last pass, and
/// those with a clock whose next change of state has come. Null means everything: an agreement or
/// a rep changed, which can move any clock.
/// </summary>
public static class ChangedLeads
{
    /// <summary>The leads to refresh, or null for all of them; <paramref name="dueClocks"/> false leaves out the clocks that are due (for readers that do not store clock states).</summary>
    public static async Task<IReadOnlyCollection<(string Source, string Id)>?> SinceAsync(DbConnection connection, Instant since, Instant now, CancellationToken cancel, bool dueClocks = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sinceMs = since.ToUnixTimeMilliseconds();
        await using (var wide = Sql.Command(connection, null,
            "SELECT (SELECT COUNT(*) FROM agreements WHERE activated_at > @since) + (SELECT COUNT(*) FROM reps WHERE updated_at > @since)", ("@since", sinceMs)))
        {
            if (Convert.ToInt64(await wide.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0) return null;
        }

        var leads = new HashSet<(string, string)>();
        // A record of a merged lead belongs to the lead it was merged into.
        const string Canonical = "COALESCE((SELECT l.merged_into FROM leads l WHERE l.source = x.source AND l.id = x.lead_id), x.lead_id)";
        foreach (var sql in new[]
        {
            "SELECT source, COALESCE(merged_into, id) FROM leads WHERE updated_at > @since",
            "SELECT source, id FROM leads WHERE updated_at > @since", // a lead deleted or merged away: its own clocks go
            $"SELECT x.source, {Canonical} FROM stage_changes x WHERE x.updated_at > @since",
            $"SELECT x.source, {Canonical} FROM touches x WHERE x.updated_at > @since",
            $"SELECT x.source, {Canonical} FROM deals x WHERE x.updated_at > @since AND x.lead_id IS NOT NULL",
            $"SELECT x.source, {Canonical} FROM touch_moves x WHERE x.moved_at > @since", // the lead a corrected touch left
            // A deal's lead as recorded ('' without one): the sheet facts follow merges and moved deals from there.
            "SELECT source, COALESCE(lead_id, '') FROM deals WHERE updated_at > @since",
            "SELECT source, lead_id FROM sla_clocks WHERE next_at <= @now",
        })
        {
            if (!dueClocks && sql.Contains("sla_clocks", StringComparison.Ordinal)) continue;
            await using var command = Sql.Command(connection, null, sql, ("@since", sinceMs), ("@now", now.ToUnixTimeMilliseconds()));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) leads.Add((reader.GetString(0), reader.GetString(1)));
        }
        return leads;
    }
}
