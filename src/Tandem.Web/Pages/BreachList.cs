using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Clocks;

namespace Tandem.Web.Pages;

/// <summary>A clock as the queue shows it: its state now, since when, and what a manager did about it.</summary>
public sealed record QueueRow(StoredClock Clock, ClockState State, Instant Since, string Standing, IReadOnlyList<BreachAction> Actions)
{
    /// <summary>The key its actions are filed under.</summary>
    public ClockKey Key => new(Clock.Source, Clock.LeadId, Clock.Episode, Clock.Commitment);

    /// <summary>When the clock next changes state (the warning's breach), or its due time.</summary>
    public Instant Deadline(Instant now) => Clock.NextAfter(now)?.At ?? Clock.Due;
}

/// <summary>The breached and warning clocks at an instant, with their breach actions.</summary>
public static class BreachList
{
    /// <summary>Clocks breached or warning at <paramref name="now"/>, for one rep or all.</summary>
    public static async Task<IReadOnlyList<QueueRow>> ReadAsync(PageScope scope, string? rep, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var clocks = await StoredClock.ReadAsync(scope.Connection, cancel: cancel).ConfigureAwait(false);
        var actions = await BreachActions.AllAsync(scope.Connection, cancel).ConfigureAwait(false);
        var rows = new List<QueueRow>();
        foreach (var clock in clocks)
        {
            if (clock.StartedAt > scope.Now || (rep is not null && !string.Equals(clock.Rep, rep, StringComparison.OrdinalIgnoreCase))) continue;
            var state = clock.At(scope.Now);
            if (state.State is not (ClockState.Breached or ClockState.Warning)) continue;
            var done = actions.TryGetValue(new ClockKey(clock.Source, clock.LeadId, clock.Episode, clock.Commitment), out var list) ? list : [];
            rows.Add(new QueueRow(clock, state.State, state.At, state.State == ClockState.Breached ? BreachActions.Standing(done, scope.Now) : "warning", done));
        }
        return rows;
    }
}
