using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A clock as <c>tandem sla status</c> lists it: the stored clock and its state at the instant asked.</summary>
public sealed record ClockAt(StoredClock Clock, ClockTransition Now);

/// <summary>What <c>tandem sla status</c> shows: per commitment the clocks in each state, and the clocks listed (warning first, then by next change).</summary>
public sealed record ClockStatus(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Counts, IReadOnlyList<ClockAt> Listed, long Matching)
{
    /// <summary>The handoffs not clocked at all, per source: their source has no touch data (<see cref="Analytics.UntimedHandoffs"/>).</summary>
    public IReadOnlyList<Analytics.UntimedSource> Untimed { get; init; } = [];
}

/// <summary>
/// The clocks' states at an instant, from the stored clocks without rereading the records. The
/// counts start from the rollup of the clocks per commitment and stored state
/// (<see cref="ClockCounts"/>); a clock whose stored state may not hold at the instant (its next
/// change has come, through the next_at index, or it was stored after the instant) is moved from
/// its stored state to the one its timeline gives, so the figures are exact and live without a write.
/// The clocks listed come from SQL through the (state, next_at) index, those moved from their
/// timelines. At "now" the clocks moved are the clocks due, so the read costs them and the clocks
/// listed, not the million stored.
/// </summary>
public static class StatusQuery
{
    /// <summary>Every state, in the order shown.</summary>
    public static IReadOnlyList<string> States { get; } = ["running", "warning", "breached", "met", "stopped", "cancelled"];

    /// <summary>Both commitments.</summary>
    public static IReadOnlyList<string> Commitments { get; } = ["speed", "depth"];

    private const string Columns = StoredClock.Columns;

    /// <summary>The counts and, of the clocks in <paramref name="wanted"/> states, the first <paramref name="limit"/> (all when null) at <paramref name="at"/>.</summary>
    public static async Task<ClockStatus> RunAsync(DbConnection connection, Instant at, IReadOnlySet<string> wanted, int? limit, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(wanted);
        // One snapshot for the rollup, the clocks moved and the list (a projection may commit between the statements).
        await using var tx = await ReadTransactionAsync(connection, cancel).ConfigureAwait(false);
        var atMs = at.ToUnixTimeMilliseconds();
        const string Stored = "started_at <= @at AND computed_at <= @at AND (next_at IS NULL OR next_at > @at)";
        var counts = Commitments.ToDictionary(c => c, _ => States.ToDictionary(s => s, _ => 0L));
        foreach (var ((commitment, state), clocks) in await ClockCounts.ReadAsync(connection, tx, cancel).ConfigureAwait(false))
            if (counts.TryGetValue(commitment, out var byState) && byState.ContainsKey(state)) byState[state] += clocks;

        // The clocks whose stored state may not hold at the instant: out of the rollup's count (if counted there), in at their timeline's state (once started).
        var moved = new Dictionary<(string, string, int, string), ClockAt>();
        foreach (var sql in new[] { "next_at <= @at", "computed_at > @at" })
        {
            await using var command = Sql.Command(connection, tx, $"SELECT {Columns}, state, computed_at FROM sla_clocks WHERE {sql}", ("@at", atMs));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var clock = StoredClock.Read(reader);
                var key = (clock.Source, clock.LeadId, clock.Episode, clock.Commitment);
                if (moved.ContainsKey(key)) continue;
                var computed = Instant.FromUnixTimeMilliseconds(reader.GetInt64(11));
                if (clock.StartedAt <= computed && counts.TryGetValue(clock.Commitment, out var byState) && byState.ContainsKey(reader.GetString(10)))
                    byState[reader.GetString(10)]--;
                var current = new ClockAt(clock, clock.At(at));
                moved[key] = current;
                if (clock.StartedAt <= at) counts[clock.Commitment][current.Now.State.Word()]++;
            }
        }

        // Listed: warnings first, then by the next change (or the due time); the stored ones in that order from SQL.
        var states = wanted.Where(States.Contains).ToList();
        var listed = new List<ClockAt>(moved.Values.Where(c => c.Clock.StartedAt <= at && wanted.Contains(c.Now.State.Word())));
        if (states.Count > 0)
        {
            var names = string.Join(", ", states.Select((_, i) => $"@s{i}"));
            await using var command = Sql.Command(connection, tx,
                $"SELECT {Columns} FROM sla_clocks WHERE {Stored} AND state IN ({names}) " +
                "ORDER BY CASE WHEN state = 'warning' THEN 0 ELSE 1 END, COALESCE(next_at, due_at), source, lead_id, episode, commitment" + (limit is null ? "" : " LIMIT @limit"),
                [("@at", atMs), ("@limit", (long)(limit ?? 0)), .. states.Select((s, i) => ($"@s{i}", (object?)s))]);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var clock = StoredClock.Read(reader);
                if (!moved.ContainsKey((clock.Source, clock.LeadId, clock.Episode, clock.Commitment))) listed.Add(new ClockAt(clock, clock.At(at)));
            }
        }
        var ordered = listed.OrderBy(r => r.Now.State == ClockState.Warning ? 0 : 1).ThenBy(r => r.Clock.NextAfter(at)?.At ?? r.Clock.Due)
            .ThenBy(r => r.Clock.Source, StringComparer.Ordinal).ThenBy(r => r.Clock.LeadId, StringComparer.Ordinal).ThenBy(r => r.Clock.Episode).ThenBy(r => r.Clock.Commitment, StringComparer.Ordinal);
        var matching = counts.Values.Sum(byState => byState.Where(s => wanted.Contains(s.Key)).Sum(s => s.Value));
        var untimed = await Analytics.UntimedHandoffs.ReadAsync(connection, tx, null, null, null, cancel).ConfigureAwait(false);
        return new ClockStatus(counts.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, long>)c.Value), [.. limit is { } n ? ordered.Take(n) : ordered], matching) { Untimed = untimed };
    }

    /// <summary>A transaction that only reads: on SQLite a deferred one, which takes no write lock (an import may be writing).</summary>
    private static async Task<DbTransaction> ReadTransactionAsync(DbConnection connection, CancellationToken cancel) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel).ConfigureAwait(false);
}
