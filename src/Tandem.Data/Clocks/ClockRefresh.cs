using System.Data.Common;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>What a refresh did: leads and clocks computed, clocks cancelled because another rule now matches, and events recorded.</summary>
public sealed record ClockRefreshSummary(int Leads, int Clocks, int Cancelled, int EventsRecorded);

/// <summary>
/// Recomputes SLA clocks from the raw records and stores them with their next change of state,
/// recording every change of state up to now as an event, once. The same code rebuilds all clocks
/// and refreshes a few leads after new data arrives, so the incremental path cannot drift from the
/// rebuild. A clock whose rule no longer matches its lead is cancelled (an event now), and the
/// clock that replaces it records only what happens from now on: nothing is fired twice.
/// </summary>
public static class ClockRefresh
{
    /// <summary>Refreshes every lead, or those of <paramref name="only"/>; null when no agreement is stored (there are no commitments to clock).</summary>
    public static async Task<ClockRefreshSummary?> RunAsync(DbConnection connection, Instant now, IReadOnlyCollection<(string Source, string Id)>? only = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var leads = await ClockFactsReader.ReadAsync(connection, agreements.Active, only, cancel).ConfigureAwait(false);
        var active = agreements.Active.Sales;
        var computed = leads.Select(l => (Lead: l, Clocks: LeadClocks.Build(l.Facts, active, at => agreements.SettingsAt(at, l.Source)))).ToList();

        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var previous = await ReadRulesAsync(connection, tx, only, cancel).ConfigureAwait(false);
        await DeleteAsync(connection, tx, only, cancel).ConfigureAwait(false);

        var nowMs = now.ToUnixTimeMilliseconds();
        var (clocks, cancelled, events) = (0, 0, 0);
        await using var insert = Sql.Command(connection, tx,
            "INSERT INTO sla_clocks (source, lead_id, episode, commitment, agreement_id, rule, rep, started_at, due_at, state, state_since, next_at, transitions, computed_at) " +
            "VALUES (@source, @lead, @episode, @commitment, @agreement, @rule, @rep, @started, @due, @state, @since, @next, @transitions, @now)",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""), ("@agreement", 0L), ("@rule", ""), ("@rep", ""),
            ("@started", 0L), ("@due", 0L), ("@state", ""), ("@since", 0L), ("@next", 0L), ("@transitions", ""), ("@now", nowMs));
        await using var record = Sql.Command(connection, tx,
            "INSERT INTO sla_events (source, lead_id, episode, commitment, state, at, step, rule, rep, recorded_at) " +
            "VALUES (@source, @lead, @episode, @commitment, @state, @at, @step, @rule, @rep, @now) ON CONFLICT DO NOTHING",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""), ("@state", ""), ("@at", 0L), ("@step", 0L), ("@rule", ""), ("@rep", ""), ("@now", nowMs));

        foreach (var (lead, leadClocks) in computed)
        {
            foreach (var clock in leadClocks)
            {
                foreach (var timeline in new[] { clock.Speed, clock.Depth })
                {
                    var commitment = Word(timeline.Commitment);
                    var key = (lead.Source, lead.Id, (long)clock.Episode, commitment);
                    var ruleChanged = previous.TryGetValue(key, out var old) && old.Rule != clock.Rule;
                    if (ruleChanged)
                    {
                        cancelled++;
                        events += await RecordAsync(record, key, ClockState.Cancelled, now, 0, old.Rule, old.Rep, cancel).ConfigureAwait(false);
                    }
                    var current = timeline.At(now);
                    Set(insert, ("@source", lead.Source), ("@lead", lead.Id), ("@episode", (long)clock.Episode), ("@commitment", commitment),
                        ("@agreement", clock.Version), ("@rule", clock.Rule), ("@rep", clock.Rep), ("@started", timeline.Start.ToUnixTimeMilliseconds()),
                        ("@due", timeline.Due.ToUnixTimeMilliseconds()), ("@state", current.State.Word()), ("@since", current.At.ToUnixTimeMilliseconds()),
                        ("@next", timeline.NextAfter(now)?.At.ToUnixTimeMilliseconds()), ("@transitions", TransitionsJson.Write(timeline.Transitions)));
                    await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
                    clocks++;
                    foreach (var t in timeline.Transitions)
                    {
                        if (t.At > now || t.State == ClockState.Running) continue;
                        // A clock that replaces a cancelled one reports only what happens from now on.
                        if (ruleChanged && t.At < now) continue;
                        events += await RecordAsync(record, key, t.State, t.At, t.Step, clock.Rule, clock.Rep, cancel).ConfigureAwait(false);
                    }
                }
            }
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return new ClockRefreshSummary(leads.Count, clocks, cancelled, events);
    }

    /// <summary>speed or depth, as stored.</summary>
    public static string Word(ClockCommitment commitment) => commitment == ClockCommitment.Speed ? "speed" : "depth";

    private static async Task<int> RecordAsync(DbCommand record, (string Source, string Lead, long Episode, string Commitment) key, ClockState state, Instant at, int step, string rule, string rep, CancellationToken cancel)
    {
        Set(record, ("@source", key.Source), ("@lead", key.Lead), ("@episode", key.Episode), ("@commitment", key.Commitment), ("@state", state.Word()),
            ("@at", at.ToUnixTimeMilliseconds()), ("@step", (long)step), ("@rule", rule), ("@rep", rep));
        return await record.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static void Set(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
    }

    private static async Task<Dictionary<(string, string, long, string), (string Rule, string Rep)>> ReadRulesAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        var rules = new Dictionary<(string, string, long, string), (string, string)>();
        await using var command = Sql.Command(connection, tx, "SELECT source, lead_id, episode, commitment, rule, rep FROM sla_clocks");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            if (only is not null && !only.Contains((reader.GetString(0), reader.GetString(1)))) continue;
            rules[(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3))] = (reader.GetString(4), reader.GetString(5));
        }
        return rules;
    }

    private static async Task DeleteAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        if (only is null)
        {
            await using var all = Sql.Command(connection, tx, "DELETE FROM sla_clocks");
            await all.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            return;
        }
        await using var one = Sql.Command(connection, tx, "DELETE FROM sla_clocks WHERE source = @source AND lead_id = @lead", ("@source", ""), ("@lead", ""));
        foreach (var (source, id) in only)
        {
            Set(one, ("@source", source), ("@lead", id));
            await one.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }
}
