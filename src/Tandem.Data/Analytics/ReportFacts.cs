using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>What the report-facts part of a projection stored: handoffs and arrivals.</summary>
internal sealed record FactsWrite(int Handoffs, int Arrivals);

/// <summary>
/// The report-facts part of the projector (<see cref="Projection.Projector"/>): handoff_facts with
/// their rollups (<see cref="HandoffRollup"/>), arrival_facts and the arrivals_daily rollup. The
/// leads of a scope lose their facts, their old rows subtracted from the rollups, and get them
/// again from their current records, added back; so a late, out of order or corrected record changes exactly the rows it should, and a rebuild is
/// the same code over every page of leads.
/// </summary>
public static class ReportFacts
{
    /// <summary>Replaces the facts of <paramref name="scope"/> with those of <paramref name="handoffs"/> (each lead's, computed once by the projector).</summary>
    internal static async Task<FactsWrite> WriteAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements,
        IReadOnlyList<(ClockLead Lead, IReadOnlyList<Handoff> Handoffs)> handoffs, LeadScope scope, CancellationToken cancel)
    {
        var funnel = SheetReader.FunnelOf(agreements.Active);
        var zone = agreements.Active.Calendar.Zone;
        var arrivals = handoffs.Select(l => ReportFactRows.Arrival(l.Lead, funnel, zone)).OfType<ArrivalFact>().ToList();
        var facts = handoffs.SelectMany(l => ReportFactRows.Handoffs(l.Lead, l.Handoffs)).ToList();

        var delta = new Dictionary<(long Day, string Segment, string LeadType), long>();
        await scope.ReadAsync(connection, tx, "SELECT arrival_day, segment_key, lead_type_key FROM arrival_facts",
            r => Add(delta, (r.GetInt64(0), r.GetString(1), r.GetString(2)), -1), cancel).ConfigureAwait(false);
        await scope.ExecuteAsync(connection, tx, "DELETE FROM arrival_facts", cancel).ConfigureAwait(false);
        // The handoff rollups lose the old rows' contributions and gain the new ones', as arrivals_daily does.
        var rollup = new HandoffRollup();
        await scope.ReadAsync(connection, tx,
            "SELECT handoff_day, segment_key, rep, within_commitment, wall_minutes, working_minutes, depth_counted, depth_breached_at, first_step_at, d_first, " + string.Join(", ", DepthReport.Ages.Select(a => $"d{a}")) + " FROM handoff_facts",
            r => rollup.Add(new RollupFact(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3) == 1, Sql.Long(r, 4), Sql.Long(r, 5), r.GetInt64(6) == 1, Sql.Long(r, 7),
                [.. DepthReport.Ages.Select((_, i) => Sql.Long(r, 10 + i))], Sql.Long(r, 8), Sql.Long(r, 9)), -1), cancel).ConfigureAwait(false);
        await scope.ExecuteAsync(connection, tx, "DELETE FROM handoff_facts", cancel).ConfigureAwait(false);

        await using var pipe = new WritePipeline(connection, tx);
        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO arrival_facts (source, lead_id, arrival_day, segment_key, lead_type_key) VALUES (@source, @lead, @day, @segment, @type)",
            ("@source", ""), ("@lead", ""), ("@day", 0L), ("@segment", ""), ("@type", "")))
            foreach (var a in arrivals)
            {
                Set(insert, ("@source", a.Source), ("@lead", a.LeadId), ("@day", a.Day), ("@segment", a.SegmentKey), ("@type", a.LeadTypeKey));
                await pipe.ExecuteAsync(insert, cancel).ConfigureAwait(false);
                Add(delta, (a.Day, a.SegmentKey, a.LeadTypeKey), 1);
            }

        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO handoff_facts (segment_key, handoff_day, source, lead_id, episode, handed_off_at, rep, wall_minutes, working_minutes, within_commitment, d7, d14, d30, depth_counted, depth_breached_at, first_step_at, d_first) " +
            "VALUES (@segment, @day, @source, @lead, @episode, @at, @rep, @wall, @working, @within, @d0, @d1, @d2, @counted, @breached, @firstAt, @first)",
            ("@segment", ""), ("@day", 0L), ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@at", 0L), ("@rep", ""), ("@wall", null), ("@working", null), ("@within", 0L),
            ("@d0", null), ("@d1", null), ("@d2", null), ("@counted", 1L), ("@breached", null), ("@firstAt", null), ("@first", null)))
            foreach (var h in facts)
            {
                Set(insert, ("@segment", h.SegmentKey), ("@day", h.Day), ("@source", h.Source), ("@lead", h.LeadId), ("@episode", h.Episode), ("@at", h.HandedOffAt.ToUnixTimeMilliseconds()),
                    ("@rep", h.Rep), ("@wall", h.WallMinutes), ("@working", h.WorkingMinutes), ("@within", h.Within ? 1L : 0L),
                    ("@counted", h.DepthCounted ? 1L : 0L), ("@breached", h.DepthBreachedAt?.ToUnixTimeMilliseconds()),
                    ("@firstAt", h.FirstStepAt?.ToUnixTimeMilliseconds()), ("@first", h.FirstStep is { } first ? ReportFactRows.Pack(first) : null));
                for (var i = 0; i < h.Depth.Count; i++)
                    Set(insert, ($"@d{i}", h.Depth[i] is { } p ? ReportFactRows.Pack(p) : null));
                await pipe.ExecuteAsync(insert, cancel).ConfigureAwait(false);
                rollup.Add(RollupFact.Of(h), 1);
            }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
        await rollup.ApplyAsync(connection, tx, cancel).ConfigureAwait(false);
        // The campaign leads of these leads are judged again (a rebuild judges them all before its walk).
        if (scope.Keys is { } keys) await CampaignFollowUps.WriteAsync(connection, tx, agreements.Active, keys, cancel).ConfigureAwait(false);

        await using (var apply = Sql.Command(connection, tx,
            "INSERT INTO arrivals_daily (arrival_day, segment_key, lead_type_key, leads) VALUES (@day, @segment, @type, @delta) " +
            "ON CONFLICT (arrival_day, segment_key, lead_type_key) DO UPDATE SET leads = arrivals_daily.leads + excluded.leads",
            ("@day", 0L), ("@segment", ""), ("@type", ""), ("@delta", 0L)))
            foreach (var ((day, segment, type), change) in delta.Where(d => d.Value != 0))
            {
                Set(apply, ("@day", day), ("@segment", segment), ("@type", type), ("@delta", change));
                await pipe.ExecuteAsync(apply, cancel).ConfigureAwait(false);
            }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
        if (delta.Values.Any(d => d < 0))
            await Execute(connection, tx, "DELETE FROM arrivals_daily WHERE leads = 0", cancel).ConfigureAwait(false);
        return new FactsWrite(facts.Count, arrivals.Count);
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
