using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;

namespace Tandem.Data.UseCases;

/// <summary>
/// Acting on a breach (acknowledge, snooze, excuse, reopen), for every front end: checks the
/// action, then stores it with the clock's standing in one transaction
/// (<see cref="BreachActions.AddAsync"/>), so the queue's counts never disagree with its history.
/// </summary>
public static class ActOnBreach
{
    /// <summary>How a snooze's time is given: a local date and time, as an HTML form's datetime-local sends it.</summary>
    public static LocalDateTimePattern UntilPattern { get; } = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <summary>Longest reason kept.</summary>
    public const int MaxReason = 500;

    /// <summary>Records the action at <paramref name="clock"/>'s now; its problems instead when it is refused (nothing stored).</summary>
    public static async Task<IReadOnlyList<FieldProblem>> RunAsync(DbConnection connection, BreachActionInput input, IClock clock, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var (until, problems) = Check(input, now);
        if (problems.Count > 0) return problems;
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        await BreachActions.AddAsync(connection, new BreachAction(input.Clock, input.Action, reason, until, input.By, now), cancel).ConfigureAwait(false);
        return [];
    }

    /// <summary>The action's problems at <paramref name="now"/>, and a snooze's end.</summary>
    public static (Instant? Until, IReadOnlyList<FieldProblem> Problems) Check(BreachActionInput input, Instant now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        if (!BreachActions.Words.Contains(input.Action))
            problems.Add(new("action", input.Action, $"'{input.Action}' is not one of {string.Join(", ", BreachActions.Words)}"));
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (input.Action == "excuse" && reason is null) problems.Add(new("reason", input.Reason, "say why the breach is excused (it is shown on the scorecard)"));
        if (reason is { Length: > MaxReason }) problems.Add(new("reason", input.Reason, $"at most {MaxReason} characters"));
        Instant? until = null;
        if (input.Action == "snooze")
        {
            var parsed = UntilPattern.Parse(input.Until ?? "");
            if (!parsed.Success) problems.Add(new("until", input.Until, $"'{input.Until}' is not a date and time"));
            else if ((until = parsed.Value.InZoneLeniently(input.Zone).ToInstant()) <= now) problems.Add(new("until", input.Until, "a snooze needs a time in the future"));
        }
        return (until, problems);
    }
}
