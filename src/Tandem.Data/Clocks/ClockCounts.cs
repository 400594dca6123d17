using System.Data.Common;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>
/// The clocks per commitment and stored state (sla_clock_counts, migration 0023), of the clocks that
/// had started when they were stored, so that <see cref="StatusQuery"/> counts a million clocks from
/// a dozen rows. Kept in the projector's transaction that replaces the clocks: the scope's stored
/// clocks are taken out and the clocks about to be stored put in, from the same timelines
/// <see cref="ClockRefresh"/> stores (a clock's stored state is its timeline's state at the
/// projection's now). A rebuild counts the table anew at its first page, so it also mends a rollup
/// that went wrong.
/// </summary>
internal static class ClockCounts
{
    /// <summary>
    /// Moves the counts from the clocks <paramref name="scope"/> holds now to those of
    /// <paramref name="handoffs"/> stored at <paramref name="now"/>. Called before the scope's clocks are deleted.
    /// </summary>
    public static async Task ReplaceAsync(DbConnection connection, DbTransaction tx, LeadScope scope,
        IReadOnlyList<(ClockLead Lead, IReadOnlyList<Analytics.Handoff> Handoffs)> handoffs, Instant now, CancellationToken cancel)
    {
        // A rebuild's first page (its range open at the start): the counts of every clock stored, before the walk keeps them.
        if (scope.Range is { After: null }) await RecountAsync(connection, tx, cancel).ConfigureAwait(false);
        var delta = new SortedDictionary<(string Commitment, string State), long>();
        void Add(string commitment, string state, long by) => delta[(commitment, state)] = delta.GetValueOrDefault((commitment, state)) + by;
        // (The scope adds the WHERE clause: a clock stored before its start, never counted, is skipped here.)
        await scope.ReadAsync(connection, tx, "SELECT commitment, state, started_at, computed_at FROM sla_clocks",
            r => { if (r.GetInt64(2) <= r.GetInt64(3)) Add(r.GetString(0), r.GetString(1), -1); }, cancel).ConfigureAwait(false);
        foreach (var (_, leadHandoffs) in handoffs)
            foreach (var clock in leadHandoffs.Select(h => h.Clock))
                foreach (var timeline in new[] { clock.Speed, clock.Depth })
                    if (timeline.Start <= now) Add(ClockRefresh.Word(timeline.Commitment), timeline.At(now).State.Word(), 1);

        // In key order, so two writers (PostgreSQL) lock the rows in the same order.
        await using var upsert = Sql.Command(connection, tx,
            "INSERT INTO sla_clock_counts (commitment, state, clocks) VALUES (@commitment, @state, @by) " +
            "ON CONFLICT (commitment, state) DO UPDATE SET clocks = sla_clock_counts.clocks + excluded.clocks",
            ("@commitment", ""), ("@state", ""), ("@by", 0L));
        foreach (var ((commitment, state), by) in delta)
        {
            if (by == 0) continue;
            upsert.Parameters["@commitment"].Value = commitment;
            upsert.Parameters["@state"].Value = state;
            upsert.Parameters["@by"].Value = by;
            await upsert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Counts every stored clock anew (the statement migration 0023 filled the rollup with).</summary>
    public static async Task RecountAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        await using (var clear = Sql.Command(connection, tx, "DELETE FROM sla_clock_counts"))
            await clear.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        await using var fill = Sql.Command(connection, tx,
            "INSERT INTO sla_clock_counts (commitment, state, clocks) " +
            "SELECT commitment, state, COUNT(*) FROM sla_clocks WHERE started_at <= computed_at GROUP BY commitment, state");
        await fill.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The rollup as stored: clocks per (commitment, state).</summary>
    public static async Task<Dictionary<(string Commitment, string State), long>> ReadAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancel)
    {
        var counts = new Dictionary<(string, string), long>();
        await using var command = Sql.Command(connection, tx, "SELECT commitment, state, clocks FROM sla_clock_counts");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return counts;
    }
}
