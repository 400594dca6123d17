using System.Data.Common;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A clock as <c>tandem sla status</c> lists it: the stored clock and its state at the instant asked.</summary>
public sealed record ClockAt(StoredClock Clock, ClockTransition Now);

/// <summary>What <c>tandem sla status</c> shows: per commitment the clocks in each state, and the clocks listed (warning first, then by next change).</summary>
public sealed record ClockStatus(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Counts, IReadOnlyList<ClockAt> Listed, long Matching);

/// <summary>
/// The clocks' states at an instant, from the stored clocks without rereading the records. A clock
/// stored at or before the instant whose next change comes after it is in its stored state, so those
/// are counted and listed in SQL through the (state, next_at) index; the rest (due since the
/// projector's last pass, or stored after the instant asked) are read off their timelines. At "now"
/// the rest is the clocks due, so the read costs the clocks in the states asked, not the history.
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
        var atMs = at.ToUnixTimeMilliseconds();
        const string Stored = "started_at <= @at AND computed_at <= @at AND (next_at IS NULL OR next_at > @at)";
        var counts = Commitments.ToDictionary(c => c, _ => States.ToDictionary(s => s, _ => 0L));
        await using (var command = Sql.Command(connection, null, $"SELECT commitment, state, COUNT(*) FROM sla_clocks WHERE {Stored} GROUP BY commitment, state", ("@at", atMs)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (counts.TryGetValue(reader.GetString(0), out var byState)) byState[reader.GetString(1)] = reader.GetInt64(2);

        // The clocks whose stored state may not hold at the instant: read off their timelines.
        var moved = new Dictionary<(string, string, int, string), ClockAt>();
        foreach (var sql in new[] { "next_at <= @at", "computed_at > @at" })
        {
            await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM sla_clocks WHERE {sql} AND started_at <= @at", ("@at", atMs));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var clock = StoredClock.Read(reader);
                moved[(clock.Source, clock.LeadId, clock.Episode, clock.Commitment)] = new ClockAt(clock, clock.At(at));
            }
        }
        foreach (var c in moved.Values) counts[c.Clock.Commitment][c.Now.State.Word()]++;

        // Listed: warnings first, then by the next change (or the due time); the stored ones in that order from SQL.
        var states = wanted.Where(States.Contains).ToList();
        var listed = new List<ClockAt>(moved.Values.Where(c => wanted.Contains(c.Now.State.Word())));
        if (states.Count > 0)
        {
            var names = string.Join(", ", states.Select((_, i) => $"@s{i}"));
            await using var command = Sql.Command(connection, null,
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
        return new ClockStatus(counts.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, long>)c.Value), [.. limit is { } n ? ordered.Take(n) : ordered], matching);
    }
}
