using System.Data.Common;
using NodaTime;
using Npgsql;
using Tandem.Data.Clocks;

namespace Tandem.Data.Analytics;

/// <summary>What a report-facts refresh did: leads read, handoffs and arrivals stored.</summary>
public sealed record ReportFactsSummary(int Leads, int Handoffs, int Arrivals, bool Rebuilt);

/// <summary>
/// Keeps the report facts (handoff_facts, arrival_facts and the arrivals_daily rollup) in step with
/// the raw records. A refresh of some leads deletes their facts, subtracting their arrivals from the
/// rollup, and stores them again from their current records, adding them back; so a late, out of
/// order or corrected record changes exactly the rows it should. The same derivation rebuilds
/// everything (no leads given, or an agreement or rep changed, which can move any figure).
/// </summary>
public static class ReportFacts
{
    /// <summary>The watermark's name in service_state.</summary>
    public const string Watermark = "report_facts_watermark";

    /// <summary>Records written up to this long before the last catch-up are read again (transactions still open then).</summary>
    public static readonly Duration Overlap = Duration.FromMinutes(5);

    private const long AdvisoryLockKey = 0x7A4D_0004;

    /// <summary>
    /// Refreshes the leads changed since the last catch-up (all of them the first time); null when no
    /// agreement is stored. When nothing was written since (the same rows in the overlap, the same
    /// latest stamps, the same agreements and reps), it returns at once without re-reading the overlap.
    /// </summary>
    public static async Task<ReportFactsSummary?> CatchUpAsync(DbConnection connection, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var since = await ReadStateAsync(connection, Watermark, cancel).ConfigureAwait(false) is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : (Instant?)null;
        // Nothing written since the last catch-up: slide the window now and then anyway, so that a bulk
        // import leaves the overlap once it is old instead of being derived again at the next write.
        // The slid fingerprint is taken before the check, so a write in between fails the check.
        var slid = since is { } old && now - old > Overlap ? await FingerprintAsync(connection, now - Overlap, cancel).ConfigureAwait(false) : (long?)null;
        if (since is { } last && await FingerprintAsync(connection, last - Overlap, cancel).ConfigureAwait(false) == await ReadStateAsync(connection, Fingerprint, cancel).ConfigureAwait(false))
        {
            if (slid is { } fingerprint)
            {
                await WriteStateAsync(connection, Fingerprint, fingerprint, cancel).ConfigureAwait(false);
                await WriteStateAsync(connection, Watermark, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            }
            return new ReportFactsSummary(0, 0, 0, false);
        }
        // Taken before anything is read: a write after this point changes the next pass's fingerprint.
        var next = await FingerprintAsync(connection, now - Overlap, cancel).ConfigureAwait(false);
        var only = since is { } s ? await ChangedLeads.SinceAsync(connection, s - Overlap, now, cancel, dueClocks: false).ConfigureAwait(false) : null;
        var summary = only is { Count: 0 } ? new ReportFactsSummary(0, 0, 0, false) : await RefreshAsync(connection, only, cancel).ConfigureAwait(false);
        if (summary is null) return null;
        await WriteStateAsync(connection, Watermark, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
        await WriteStateAsync(connection, Fingerprint, next, cancel).ConfigureAwait(false);
        return summary;
    }

    /// <summary>The fingerprint's name in service_state.</summary>
    private const string Fingerprint = "report_facts_fingerprint";

    /// <summary>
    /// A hash of what a catch-up from <paramref name="from"/> would see: per lead table, the rows
    /// stamped after it and the latest stamp (both read through the updated_at indexes), and the
    /// agreements and reps. Any write moves one of them: a new or updated row raises a count or the
    /// latest stamp, a forgotten lead lowers a count.
    /// </summary>
    private static async Task<long> FingerprintAsync(DbConnection connection, Instant from, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null,
            "SELECT (SELECT COUNT(*) FROM leads WHERE updated_at > @from), (SELECT MAX(updated_at) FROM leads), " +
            "(SELECT COUNT(*) FROM stage_changes WHERE updated_at > @from), (SELECT MAX(updated_at) FROM stage_changes), " +
            "(SELECT COUNT(*) FROM touches WHERE updated_at > @from), (SELECT MAX(updated_at) FROM touches), " +
            "(SELECT COUNT(*) FROM agreements WHERE activated_at IS NOT NULL), (SELECT MAX(activated_at) FROM agreements), (SELECT COUNT(*) FROM reps), (SELECT MAX(updated_at) FROM reps), " +
            "(SELECT COUNT(*) FROM leads)", ("@from", from.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        await reader.ReadAsync(cancel).ConfigureAwait(false);
        // FNV-1a over the figures: stable across processes and engines.
        var hash = unchecked((long)14695981039346656037UL);
        for (var i = 0; i < reader.FieldCount; i++)
            hash = unchecked((hash ^ (reader.IsDBNull(i) ? -1 : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))) * 1099511628211L);
        return hash;
    }

    private static async Task<long?> ReadStateAsync(DbConnection connection, string name, CancellationToken cancel)
    {
        await using var read = Sql.Command(connection, null, "SELECT value FROM service_state WHERE name = @name", ("@name", name));
        return await read.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task WriteStateAsync(DbConnection connection, string name, long value, CancellationToken cancel)
    {
        await using var write = Sql.Command(connection, null,
            "INSERT INTO service_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", ("@name", name), ("@value", value));
        await write.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Refreshes the facts of <paramref name="only"/>, or rebuilds all of them; null when no agreement is stored.</summary>
    public static async Task<ReportFactsSummary?> RefreshAsync(DbConnection connection, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var funnel = SheetReader.FunnelOf(agreements.Active);
        var zone = agreements.Active.Calendar.Zone;
        var leads = await ClockFactsReader.ReadAsync(connection, agreements.Active, only, cancel).ConfigureAwait(false);
        var arrivals = leads.Select(l => ReportFactRows.Arrival(l, funnel, zone)).OfType<ArrivalFact>().ToList();
        var handoffs = leads.SelectMany(l => ReportFactRows.Handoffs(l, agreements)).ToList();

        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        // Two refreshes at once (the monitor and a report) take turns, so the rollup's deltas never interleave.
        if (connection is NpgsqlConnection)
            await Execute(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancel).ConfigureAwait(false);
        var delta = new Dictionary<(long Day, string Segment, string LeadType), long>();
        if (only is null)
        {
            foreach (var table in new[] { "handoff_facts", "arrival_facts", "arrivals_daily" })
                await Execute(connection, tx, $"DELETE FROM {table}", cancel).ConfigureAwait(false);
        }
        else
        {
            await using var old = Sql.Command(connection, tx, "SELECT arrival_day, segment_key, lead_type_key FROM arrival_facts WHERE source = @source AND lead_id = @lead", ("@source", ""), ("@lead", ""));
            await using var dropArrival = Sql.Command(connection, tx, "DELETE FROM arrival_facts WHERE source = @source AND lead_id = @lead", ("@source", ""), ("@lead", ""));
            await using var dropHandoffs = Sql.Command(connection, tx, "DELETE FROM handoff_facts WHERE source = @source AND lead_id = @lead", ("@source", ""), ("@lead", ""));
            foreach (var (source, id) in only)
            {
                foreach (var command in new[] { old, dropArrival, dropHandoffs }) { command.Parameters["@source"].Value = source; command.Parameters["@lead"].Value = id; }
                await using (var reader = await old.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false)) Add(delta, (reader.GetInt64(0), reader.GetString(1), reader.GetString(2)), -1);
                await dropArrival.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                await dropHandoffs.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        }

        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO arrival_facts (source, lead_id, arrival_day, segment_key, lead_type_key) VALUES (@source, @lead, @day, @segment, @type)",
            ("@source", ""), ("@lead", ""), ("@day", 0L), ("@segment", ""), ("@type", "")))
            foreach (var a in arrivals)
            {
                Set(insert, ("@source", a.Source), ("@lead", a.LeadId), ("@day", a.Day), ("@segment", a.SegmentKey), ("@type", a.LeadTypeKey));
                await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                Add(delta, (a.Day, a.SegmentKey, a.LeadTypeKey), 1);
            }

        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO handoff_facts (segment_key, handoff_day, source, lead_id, episode, handed_off_at, rep, wall_minutes, working_minutes, within_commitment, d7, d14, d30) " +
            "VALUES (@segment, @day, @source, @lead, @episode, @at, @rep, @wall, @working, @within, @d0, @d1, @d2)",
            ("@segment", ""), ("@day", 0L), ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@at", 0L), ("@rep", ""), ("@wall", null), ("@working", null), ("@within", 0L),
            ("@d0", null), ("@d1", null), ("@d2", null)))
            foreach (var h in handoffs)
            {
                Set(insert, ("@segment", h.SegmentKey), ("@day", h.Day), ("@source", h.Source), ("@lead", h.LeadId), ("@episode", h.Episode), ("@at", h.HandedOffAt.ToUnixTimeMilliseconds()),
                    ("@rep", h.Rep), ("@wall", h.WallMinutes), ("@working", h.WorkingMinutes), ("@within", h.Within ? 1L : 0L));
                for (var i = 0; i < h.Depth.Count; i++)
                    Set(insert, ($"@d{i}", h.Depth[i] is { } p ? ReportFactRows.Pack(p) : null));
                await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }

        await using (var apply = Sql.Command(connection, tx,
            "INSERT INTO arrivals_daily (arrival_day, segment_key, lead_type_key, leads) VALUES (@day, @segment, @type, @delta) " +
            "ON CONFLICT (arrival_day, segment_key, lead_type_key) DO UPDATE SET leads = arrivals_daily.leads + excluded.leads",
            ("@day", 0L), ("@segment", ""), ("@type", ""), ("@delta", 0L)))
            foreach (var ((day, segment, type), change) in delta.Where(d => d.Value != 0))
            {
                Set(apply, ("@day", day), ("@segment", segment), ("@type", type), ("@delta", change));
                await apply.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        await Execute(connection, tx, "DELETE FROM arrivals_daily WHERE leads = 0", cancel).ConfigureAwait(false);
        await SheetFacts.WriteAsync(connection, tx, agreements, only, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return new ReportFactsSummary(leads.Count, handoffs.Count, arrivals.Count, only is null);
    }

    private static void Add(Dictionary<(long, string, string), long> delta, (long, string, string) key, long change) =>
        delta[key] = delta.GetValueOrDefault(key) + change;

    private static void Set(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
    }

    private static async Task Execute(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}
