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
    public static async Task AddAsync(DbConnection connection, BreachAction action, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(action);
        if (!Words.Contains(action.Action)) throw new ArgumentException($"action: '{action.Action}' is not one of {string.Join(", ", Words)}");
        var reason = string.IsNullOrWhiteSpace(action.Reason) ? null : action.Reason.Trim();
        if (action.Action == "excuse" && reason is null) throw new ArgumentException("reason: say why the breach is excused (it is shown on the scorecard)");
        if (reason is { Length: > 500 }) throw new ArgumentException("reason: at most 500 characters");
        if (action.Action == "snooze" && (action.Until is not { } until || until <= action.At)) throw new ArgumentException("until: a snooze needs a time in the future");
        await using var insert = Sql.Command(connection, null,
            "INSERT INTO breach_actions (source, lead_id, episode, commitment, action, reason, until, by_user, at) VALUES (@source, @lead, @episode, @commitment, @action, @reason, @until, @by, @at)",
            ("@source", action.Clock.Source), ("@lead", action.Clock.LeadId), ("@episode", (long)action.Clock.Episode), ("@commitment", action.Clock.Commitment),
            ("@action", action.Action), ("@reason", reason), ("@until", action.Action == "snooze" ? action.Until!.Value.ToUnixTimeMilliseconds() : null),
            ("@by", action.By), ("@at", action.At.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
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
            var key = new ClockKey(reader.GetString(0), reader.GetString(1), checked((int)reader.GetInt64(2)), reader.GetString(3));
            if (!all.TryGetValue(key, out var list)) all[key] = list = [];
            list.Add(new BreachAction(key, reader.GetString(4), Sql.Text(reader, 5),
                Sql.Long(reader, 6) is { } until ? Instant.FromUnixTimeMilliseconds(until) : null, reader.GetString(7), Instant.FromUnixTimeMilliseconds(reader.GetInt64(8))));
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
