using System.Data.Common;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>What the clock part of a projection did: clocks stored, clocks cancelled because another rule now matches, events recorded and deliveries queued.</summary>
internal sealed record ClockWrite(int Clocks, int Cancelled, int EventsRecorded, int Notifications);

/// <summary>
/// The clock part of the projector (<see cref="Projection.Projector"/>): stores each lead's clocks
/// with their next change of state, recording each change of state of the last
/// <see cref="NotifyWindow"/> as an event, once (what can still be notified; the stored timeline
/// keeps the older ones, and a history imported today does not write millions of them).
/// The same code rebuilds all clocks and refreshes a few leads after new data arrives, so the
/// incremental path cannot drift from the rebuild. A clock whose rule no longer matches its lead is
/// cancelled (an event now), and the clock that replaces it records only what happens from now on:
/// nothing is fired twice. New events queue their notifications in the same transaction.
/// </summary>
public static class ClockRefresh
{
    /// <summary>How old a change of state may be when first seen and still be recorded and notified.</summary>
    public static readonly Duration NotifyWindow = Duration.FromHours(24);

    /// <summary>Replaces the clocks of <paramref name="scope"/> with those of <paramref name="handoffs"/> (each lead's, computed once by the projector).</summary>
    internal static async Task<ClockWrite> WriteAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements,
        IReadOnlyList<(ClockLead Lead, IReadOnlyList<Analytics.Handoff> Handoffs)> handoffs, LeadScope scope, Instant now, CancellationToken cancel)
    {
        var channels = await Notifications.NotificationChannels.ListAsync(connection, tx, cancel).ConfigureAwait(false);
        var notifications = 0;
        var previous = new Dictionary<(string, string, long, string), (string Rule, string Rep)>();
        // The breach rollup loses the scope's old breaches and gains its new ones, each under its clock's standing.
        var standings = new Dictionary<(string, string, long, string), string>();
        await scope.ReadAsync(connection, tx, "SELECT source, lead_id, episode, commitment, action FROM breach_standings",
            r => standings[(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3))] = r.GetString(4), cancel).ConfigureAwait(false);
        var rollup = new BreachRollup();
        void Count((string Source, string Lead, long Episode, string Commitment) key, long? breachedAt, string segment, string leadType, string rep, int sign)
        {
            if (breachedAt is { } at)
                rollup.Add(new BreachBucket(segment, at / BreachRollup.DayMs, leadType, rep, key.Commitment, BreachRollup.StandingOf(standings.GetValueOrDefault(key))), sign);
        }
        await scope.ReadAsync(connection, tx, "SELECT source, lead_id, episode, commitment, rule, rep, breached_at, segment_key, lead_type_key FROM sla_clocks",
            r =>
            {
                var key = (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3));
                previous[key] = (r.GetString(4), r.GetString(5));
                Count(key, Sql.Long(r, 6), r.GetString(7), r.GetString(8), r.GetString(5), -1);
            }, cancel).ConfigureAwait(false);
        await ClockCounts.ReplaceAsync(connection, tx, scope, handoffs, now, cancel).ConfigureAwait(false);
        await scope.ExecuteAsync(connection, tx, "DELETE FROM sla_clocks", cancel).ConfigureAwait(false);

        var nowMs = now.ToUnixTimeMilliseconds();
        var (clocks, cancelled, events) = (0, 0, 0);
        await using var insert = Sql.Command(connection, tx,
            "INSERT INTO sla_clocks (source, lead_id, episode, commitment, agreement_id, rule, rep, started_at, due_at, state, state_since, next_at, transitions, computed_at, segment_key, lead_type_key, breached_at) " +
            "VALUES (@source, @lead, @episode, @commitment, @agreement, @rule, @rep, @started, @due, @state, @since, @next, @transitions, @now, @segment, @leadType, @breached)",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""), ("@agreement", 0L), ("@rule", ""), ("@rep", ""),
            ("@started", 0L), ("@due", 0L), ("@state", ""), ("@since", 0L), ("@next", 0L), ("@transitions", ""), ("@now", nowMs), ("@segment", ""), ("@leadType", ""), ("@breached", 0L));
        await using var pipe = new WritePipeline(connection, tx);
        await using var record = Sql.Command(connection, tx,
            "INSERT INTO sla_events (source, lead_id, episode, commitment, state, at, step, rule, rep, recorded_at) " +
            "VALUES (@source, @lead, @episode, @commitment, @state, @at, @step, @rule, @rep, @now) ON CONFLICT DO NOTHING RETURNING id",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@commitment", ""), ("@state", ""), ("@at", 0L), ("@step", 0L), ("@rule", ""), ("@rep", ""), ("@now", nowMs));

        // Records an event once; a new, recent one queues its notifications in this transaction.
        async Task<int> Record((string Source, string Lead, long Episode, string Commitment) key, ClockState state, Instant at, int step, string rule, string rep)
        {
            var id = await RecordAsync(record, key, state, at, step, rule, rep, cancel).ConfigureAwait(false);
            if (id is null) return 0;
            if (channels.Count > 0)
            {
                var zone = agreements.CalendarOfRep(agreements.Active, key.Source, rep).Zone;
                var e = new Notifications.SlaEvent(id.Value, key.Source, key.Lead, checked((int)key.Episode), key.Commitment, state.Word(), at, step, rule, rep, agreements.Names.NameOf(rep));
                notifications += await Notifications.Outbox.EnqueueAsync(connection, tx, e, channels, agreements.Rep(key.Source, rep)?.Email, zone, now, cancel).ConfigureAwait(false);
            }
            return 1;
        }

        foreach (var (lead, leadHandoffs) in handoffs)
        {
            var segment = Analytics.ReportFactRows.Key(lead.Facts.Segment);
            var leadType = Analytics.ReportFactRows.Key(lead.Facts.LeadType);
            foreach (var clock in leadHandoffs.Select(h => h.Clock))
            {
                foreach (var timeline in new[] { clock.Speed, clock.Depth })
                {
                    var commitment = Word(timeline.Commitment);
                    var key = (lead.Source, lead.Id, (long)clock.Episode, commitment);
                    var ruleChanged = previous.TryGetValue(key, out var old) && old.Rule != clock.Rule;
                    if (ruleChanged)
                    {
                        cancelled++;
                        events += await Record(key, ClockState.Cancelled, now, 0, old.Rule, old.Rep).ConfigureAwait(false);
                    }
                    var current = timeline.At(now);
                    var breachedAt = BreachedAt(timeline)?.ToUnixTimeMilliseconds();
                    Set(insert, ("@source", lead.Source), ("@lead", lead.Id), ("@episode", (long)clock.Episode), ("@commitment", commitment),
                        ("@agreement", clock.Version), ("@rule", clock.Rule), ("@rep", clock.Rep), ("@started", timeline.Start.ToUnixTimeMilliseconds()),
                        ("@due", timeline.Due.ToUnixTimeMilliseconds()), ("@state", current.State.Word()), ("@since", current.At.ToUnixTimeMilliseconds()),
                        ("@next", timeline.NextAfter(now)?.At.ToUnixTimeMilliseconds()), ("@transitions", TransitionsJson.Write(timeline.Transitions)),
                        ("@segment", segment), ("@leadType", leadType), ("@breached", breachedAt));
                    await pipe.ExecuteAsync(insert, cancel).ConfigureAwait(false);
                    Count(key, breachedAt, segment, leadType, clock.Rep, 1);
                    clocks++;
                    foreach (var t in timeline.Transitions)
                    {
                        if (t.At > now || t.At < now - NotifyWindow || t.State == ClockState.Running) continue;
                        // A clock that replaces a cancelled one reports only what happens from now on.
                        if (ruleChanged && t.At < now) continue;
                        events += await Record(key, t.State, t.At, t.Step, clock.Rule, clock.Rep).ConfigureAwait(false);
                    }
                }
            }
        }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
        await rollup.ApplyAsync(connection, tx, cancel).ConfigureAwait(false);
        return new ClockWrite(clocks, cancelled, events, notifications);
    }

    /// <summary>When the timeline breaches, if it does (a breach is final, so this stays true as time passes).</summary>
    public static Instant? BreachedAt(ClockTimeline timeline) =>
        timeline?.Transitions.FirstOrDefault(t => t.State == ClockState.Breached) is { } breach ? breach.At : null;

    /// <summary>speed or depth, as stored.</summary>
    public static string Word(ClockCommitment commitment) => commitment == ClockCommitment.Speed ? "speed" : "depth";

    /// <summary>Inserts the event; its id, or null when it was recorded before.</summary>
    private static async Task<long?> RecordAsync(DbCommand record, (string Source, string Lead, long Episode, string Commitment) key, ClockState state, Instant at, int step, string rule, string rep, CancellationToken cancel)
    {
        Set(record, ("@source", key.Source), ("@lead", key.Lead), ("@episode", key.Episode), ("@commitment", key.Commitment), ("@state", state.Word()),
            ("@at", at.ToUnixTimeMilliseconds()), ("@step", (long)step), ("@rule", rule), ("@rep", rep));
        var id = await record.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Set(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
    }
}
