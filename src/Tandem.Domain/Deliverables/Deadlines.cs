using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Deliverables;

/// <summary>
/// One thing that must be done by a deadline: feedback on a report, a campaign lead's first
/// follow-up, a piece's use in touches, a training before its launch. The deadline is inclusive:
/// done at <see cref="Due"/> exactly is on time.
/// </summary>
/// <param name="Due">The last instant that is on time.</param>
/// <param name="DoneAt">When it was done, or null when it has not been.</param>
public sealed record DeadlineItem(Instant Due, Instant? DoneAt);

/// <summary>
/// How a set of deadline items stands: kept (done on time), missed (done late, or not done and
/// past due) and pending (not done, not yet due). Only kept and missed are judged.
/// </summary>
public sealed record DeadlineTally(long Kept, long Missed, long Pending)
{
    /// <summary>Items judged: kept plus missed.</summary>
    public long Judged => Kept + Missed;

    /// <summary>Kept over judged, or null when nothing is judged yet.</summary>
    public Fraction? Share => Judged == 0 ? null : new Fraction(Kept, Judged);

    /// <summary>Two tallies together.</summary>
    public static DeadlineTally operator +(DeadlineTally a, DeadlineTally b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Kept + b.Kept, a.Missed + b.Missed, a.Pending + b.Pending);
    }
}

/// <summary>Counts deadline items as of an instant.</summary>
public static class Deadlines
{
    /// <summary>
    /// Tallies <paramref name="items"/> as of <paramref name="asOf"/>: an item done after
    /// <paramref name="asOf"/> counts as not done yet, so a past scorecard never sees the future.
    /// Missed once <paramref name="asOf"/> is past <see cref="DeadlineItem.Due"/> without it done on time.
    /// </summary>
    public static DeadlineTally Tally(IEnumerable<DeadlineItem> items, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        long kept = 0, missed = 0, pending = 0;
        foreach (var item in items)
        {
            var done = item.DoneAt is { } d && d <= asOf ? d : (Instant?)null;
            if (done is { } at && at <= item.Due) kept++;
            else if (done is not null || asOf > item.Due) missed++;
            else pending++;
        }
        return new DeadlineTally(kept, missed, pending);
    }

    /// <summary>The <paramref name="n"/>-th earliest of <paramref name="times"/> (1-based), none earlier than <paramref name="notBefore"/>; null when there are fewer.</summary>
    public static Instant? Nth(IEnumerable<Instant> times, int n, Instant notBefore)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var sorted = times.Select(t => t < notBefore ? notBefore : t).Order().ToList();
        return sorted.Count >= n ? sorted[n - 1] : null;
    }
}
