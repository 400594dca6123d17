using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.UseCases;

/// <summary>
/// One action for many breaches as a front end received it: acknowledge, snooze or excuse, one
/// reason and one snooze end for all (read as <see cref="BreachActionInput"/> reads them), by whom.
/// </summary>
public sealed record BulkBreachInput(string? Action, string? Reason, string? Until, DateTimeZone Zone, string By);

/// <summary>How many breaches a bulk action recorded; its problems instead when it was refused (nothing stored).</summary>
public sealed record BulkBreachResult(long Recorded, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// Acting on many breaches at once (the queue's bulk acknowledge, snooze and excuse), for every
/// front end: the rows selected, or every breach a queue filter matches. Each breach gets its own
/// action, written as a single one is (<see cref="BreachActions.AddAllAsync"/>: the action, the
/// clock's standing and the breach rollup's move), one transaction per page of rows. Only breached
/// clocks are acted on (a warning has nothing to acknowledge yet); a sales rep only their own.
/// </summary>
public static class ActOnBreaches
{
    /// <summary>The actions a bulk action may be.</summary>
    public static IReadOnlyList<string> Words { get; } = ["acknowledge", "snooze", "excuse"];

    /// <summary>Most rows one request may select (a page shows 50); more are acted on by filter.</summary>
    public const int MaxSelected = 500;

    /// <summary>Rows read, and written in one transaction, at a time.</summary>
    public const int PageRows = 200;

    /// <summary>
    /// Records the action on each of <paramref name="keys"/>, every one a clock breached by now (and
    /// <paramref name="ownRep"/>'s, when given), in one transaction.
    /// </summary>
    public static async Task<BulkBreachResult> SelectedAsync(DbConnection connection, IReadOnlyList<ClockKey> keys, BulkBreachInput input, string? ownRep, IClock clock,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var (until, problems) = Check(input, now);
        var distinct = keys.Distinct().ToList();
        if (distinct.Count == 0) problems.Add(new("breach", null, "select at least one breach, or act on all that match the filters"));
        else if (distinct.Count > MaxSelected) problems.Add(new("breach", null, $"at most {MaxSelected} selected at once; act on all that match the filters instead"));
        else
        {
            foreach (var key in distinct)
            {
                if (!await IsBreachAsync(connection, key, ownRep, now, cancel).ConfigureAwait(false))
                    problems.Add(new("breach", Text(key), $"'{Text(key)}' is not a breach{(ownRep is null ? "" : " of yours")}"));
            }
        }
        if (problems.Count > 0) return new BulkBreachResult(0, problems);
        await BreachActions.AddAllAsync(connection, [.. distinct.Select(k => Action(k, input, until, now))], cancel).ConfigureAwait(false);
        return new BulkBreachResult(distinct.Count, []);
    }

    /// <summary>
    /// Records the action on every breach the queue lists for <paramref name="filter"/> and
    /// <paramref name="standings"/> in [<paramref name="from"/>, <paramref name="to"/>) (either end
    /// open), read in keyset pages of <paramref name="pageRows"/> (the queue's order, newest first), one
    /// transaction a page: a page acted on stays behind the cursor even when its standing changes.
    /// </summary>
    public static async Task<BulkBreachResult> MatchingAsync(DbConnection connection, Instant? from, Instant? to, QueueFilter filter, IReadOnlyCollection<string> standings,
        BulkBreachInput input, IClock clock, int pageRows = PageRows, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var (until, problems) = Check(input, now);
        if (problems.Count > 0) return new BulkBreachResult(0, problems);
        string[] breached = [.. standings.Where(s => s != "warning")];
        long recorded = 0;
        string? cursor = null;
        do
        {
            var (keys, next) = await QueueQuery.BreachKeysAsync(connection, now, from, to, filter, breached, cursor, pageRows, cancel).ConfigureAwait(false);
            await BreachActions.AddAllAsync(connection, [.. keys.Select(k => Action(k, input, until, now))], cancel).ConfigureAwait(false);
            recorded += keys.Count;
            cursor = next;
        }
        while (cursor is not null);
        return new BulkBreachResult(recorded, []);
    }

    /// <summary>A selected row's key as the queue's form sends it: source, lead, episode and commitment, each escaped, joined by '~'.</summary>
    public static string Text(ClockKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join('~', Escape(key.Source), Escape(key.LeadId), key.Episode.ToString(System.Globalization.CultureInfo.InvariantCulture), key.Commitment);
    }

    /// <summary>The key <see cref="Text"/> wrote; null when <paramref name="text"/> is not one.</summary>
    public static ClockKey? Parse(string? text)
    {
        var parts = (text ?? "").Split('~');
        if (parts.Length != 4 || parts[0].Length == 0 || parts[1].Length == 0 || parts[3] is not ("speed" or "depth")
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var episode))
            return null;
        return new ClockKey(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), episode, parts[3]);
    }

    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("~", "%7E", StringComparison.Ordinal);

    /// <summary>The action's problems (as a single action's, limited to <see cref="Words"/>), and a snooze's end.</summary>
    private static (Instant? Until, List<FieldProblem> Problems) Check(BulkBreachInput input, Instant now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Action)) return (null, [new("action", input.Action, $"choose one of {string.Join(", ", Words)}")]);
        if (!Words.Contains(input.Action)) return (null, [new("action", input.Action, $"'{input.Action}' is not one of {string.Join(", ", Words)}")]);
        var (until, problems) = ActOnBreach.Check(new BreachActionInput(new ClockKey("", "", 0, ""), input.Action, input.Reason, input.Until, input.Zone, input.By), now);
        return (until, [.. problems]);
    }

    private static BreachAction Action(ClockKey key, BulkBreachInput input, Instant? until, Instant now) =>
        new(key, input.Action!, string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(), until, input.By, now);

    /// <summary>Whether <paramref name="key"/> is a clock breached by <paramref name="now"/> (of <paramref name="ownRep"/>, when given): one row by its key.</summary>
    private static async Task<bool> IsBreachAsync(DbConnection connection, ClockKey key, string? ownRep, Instant now, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null,
            "SELECT rep FROM sla_clocks WHERE source = @source AND lead_id = @lead AND episode = @episode AND commitment = @commitment AND breached_at <= @now",
            ("@source", key.Source), ("@lead", key.LeadId), ("@episode", (long)key.Episode), ("@commitment", key.Commitment), ("@now", now.ToUnixTimeMilliseconds()));
        var rep = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) as string;
        return rep is not null && (ownRep is null || string.Equals(rep, ownRep, StringComparison.OrdinalIgnoreCase));
    }
}
