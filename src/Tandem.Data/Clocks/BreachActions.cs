using System.Data.Common;
using NodaTime;

namespace Tandem.Data.Clocks;

/// <summary>Which clock a breach action is about.</summary>
public sealed record ClockKey(string Source, string LeadId, int Episode, string Commitment);

/// <summary>One thing a manager did about a breach.</summary>
/// <param name="Action">acknowledge, snooze, excuse or reopen.</param>
/// <param name="Reason">Why (required to excuse).</param>
/// <param name="Until">Snooze: hidden from the queue until then.</param>
/// <param name="By">The user who did it.</param>
/// <param name="At">When.</param>
public sealed record BreachAction(ClockKey Clock, string Action, string? Reason, Instant? Until, string By, Instant At);

/// <summary>
/// The breach queue's actions: a manager acknowledges a breach (someone is on it), snoozes it
/// until a time, excuses it with a reason (it stays visible and is counted apart on the
/// scorecard), or reopens it. Every action is kept; a clock's latest one is its standing.
/// </summary>
public static class BreachActions
{
    /// <summary>The actions, as stored.</summary>
    public static IReadOnlyList<string> Words { get; } = ["acknowledge", "snooze", "excuse", "reopen"];

    /// <summary>Records an action.</summary>
    /// <exception cref="ArgumentException">An unknown action, an excuse without a reason, a snooze without a time after <paramref name="action"/>'s.</exception>
    public static Task AddAsync(DbConnection connection, BreachAction action, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return AddAllAsync(connection, [action], cancel);
    }

    /// <summary>
    /// Records <paramref name="actions"/> in one transaction, each as <see cref="AddAsync"/> records
    /// one (a bulk action on a page of breaches is the same write as a single one, repeated): all
    /// or none. Every action is checked before anything is written.
    /// </summary>
    /// <exception cref="ArgumentException">An action is refused (as <see cref="AddAsync"/>).</exception>
    public static async Task AddAllAsync(DbConnection connection, IReadOnlyList<BreachAction> actions, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions) Check(action);
        if (actions.Count == 0) return;
        // The action and the clock's standing (its latest action) are written together, so the queue's counts never disagree with its history.
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        // The projector's turn: a projection replacing these clocks meanwhile would count them under the standing it read.
        await Projection.Projector.LockAsync(connection, tx, cancel).ConfigureAwait(false);
        foreach (var action in actions) await WriteAsync(connection, tx, action, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
    }

    private static void Check(BreachAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!Words.Contains(action.Action)) throw new ArgumentException($"action: '{action.Action}' is not one of {string.Join(", ", Words)}");
        var reason = string.IsNullOrWhiteSpace(action.Reason) ? null : action.Reason.Trim();
        if (action.Action == "excuse" && reason is null) throw new ArgumentException("reason: say why the breach is excused (it is shown on the scorecard)");
        if (reason is { Length: > 500 }) throw new ArgumentException("reason: at most 500 characters");
        if (action.Action == "snooze" && (action.Until is not { } until || until <= action.At)) throw new ArgumentException("until: a snooze needs a time in the future");
    }

    /// <summary>Writes one checked action, its clock's standing and the rollup's move in <paramref name="tx"/>.</summary>
    private static async Task WriteAsync(DbConnection connection, DbTransaction tx, BreachAction action, CancellationToken cancel)
    {
        var reason = string.IsNullOrWhiteSpace(action.Reason) ? null : action.Reason.Trim();
        var moved = await BreachBeforeAsync(connection, tx, action.Clock, cancel).ConfigureAwait(false);
        await using var insert = Sql.Command(connection, tx,
            "INSERT INTO breach_actions (source, lead_id, episode, commitment, action, reason, until, by_user, at) VALUES (@source, @lead, @episode, @commitment, @action, @reason, @until, @by, @at) RETURNING id",
            ("@source", action.Clock.Source), ("@lead", action.Clock.LeadId), ("@episode", (long)action.Clock.Episode), ("@commitment", action.Clock.Commitment),
            ("@action", action.Action), ("@reason", reason), ("@until", action.Action == "snooze" ? action.Until!.Value.ToUnixTimeMilliseconds() : null),
            ("@by", action.By), ("@at", action.At.ToUnixTimeMilliseconds()));
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await using var standing = Sql.Command(connection, tx,
            "INSERT INTO breach_standings (source, lead_id, episode, commitment, action, until, action_id) VALUES (@source, @lead, @episode, @commitment, @action, @until, @id) " +
            "ON CONFLICT (source, lead_id, episode, commitment) DO UPDATE SET action = excluded.action, until = excluded.until, action_id = excluded.action_id",
            ("@source", action.Clock.Source), ("@lead", action.Clock.LeadId), ("@episode", (long)action.Clock.Episode), ("@commitment", action.Clock.Commitment),
            ("@action", action.Action), ("@until", action.Action == "snooze" ? action.Until!.Value.ToUnixTimeMilliseconds() : null), ("@id", id));
        await standing.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        // A breached clock moves from its old standing's row of the breach rollup to its new one's.
        if (moved is { } before)
        {
            var rollup = new BreachRollup();
            rollup.Add(before, -1);
            rollup.Add(before with { Standing = BreachRollup.StandingOf(action.Action) }, 1);
            await rollup.ApplyAsync(connection, tx, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The breach rollup's row that counts <paramref name="key"/>'s clock before an action; null when no such clock breaches.</summary>
    private static async Task<BreachBucket?> BreachBeforeAsync(DbConnection connection, DbTransaction tx, ClockKey key, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx,
            "SELECT c.breached_at, c.segment_key, c.lead_type_key, c.rep, s.action FROM sla_clocks c " +
            "LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment " +
            "WHERE c.source = @source AND c.lead_id = @lead AND c.episode = @episode AND c.commitment = @commitment AND c.breached_at IS NOT NULL",
            ("@source", key.Source), ("@lead", key.LeadId), ("@episode", (long)key.Episode), ("@commitment", key.Commitment));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) return null;
        return new BreachBucket(reader.GetString(1), reader.GetInt64(0) / BreachRollup.DayMs, reader.GetString(2), reader.GetString(3), key.Commitment,
            BreachRollup.StandingOf(Sql.Text(reader, 4)));
    }

    /// <summary>The clocks whose standing is excused (their latest action excuses them), read from the standings kept with each action.</summary>
    public static async Task<IReadOnlySet<ClockKey>> ExcusedAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var excused = new HashSet<ClockKey>();
        await using var command = Sql.Command(connection, null, "SELECT source, lead_id, episode, commitment FROM breach_standings WHERE action = 'excuse'");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            excused.Add(new ClockKey(reader.GetString(0), reader.GetString(1), checked((int)reader.GetInt64(2)), reader.GetString(3)));
        return excused;
    }

    /// <summary>An action from a row of (source, lead_id, episode, commitment, action, reason, until, by_user, at).</summary>
    internal static BreachAction Read(DbDataReader reader)
    {
        var key = new ClockKey(reader.GetString(0), reader.GetString(1), checked((int)reader.GetInt64(2)), reader.GetString(3));
        return new BreachAction(key, reader.GetString(4), Sql.Text(reader, 5),
            Sql.Long(reader, 6) is { } until ? Instant.FromUnixTimeMilliseconds(until) : null, reader.GetString(7), Instant.FromUnixTimeMilliseconds(reader.GetInt64(8)));
    }

    /// <summary>Every action, oldest first, grouped by clock.</summary>
    public static async Task<IReadOnlyDictionary<ClockKey, IReadOnlyList<BreachAction>>> AllAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "SELECT source, lead_id, episode, commitment, action, reason, until, by_user, at FROM breach_actions ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var all = new Dictionary<ClockKey, List<BreachAction>>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var action = Read(reader);
            if (!all.TryGetValue(action.Clock, out var list)) all[action.Clock] = list = [];
            list.Add(action);
        }
        return all.ToDictionary(p => p.Key, p => (IReadOnlyList<BreachAction>)p.Value);
    }

    /// <summary>A clock's standing from its actions at <paramref name="now"/>: open, acknowledged, snoozed (until not yet passed), or excused.</summary>
    public static string Standing(IReadOnlyList<BreachAction>? actions, Instant now) => (actions is { Count: > 0 } ? actions[^1] : null) switch
    {
        null => "open",
        { Action: "acknowledge" } => "acknowledged",
        { Action: "snooze", Until: { } until } when until > now => "snoozed",
        { Action: "excuse" } => "excused",
        _ => "open",
    };
}
