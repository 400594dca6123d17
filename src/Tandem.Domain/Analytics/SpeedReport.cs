using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>One handoff as the speed report sees it: who got it, when, and how long the first touch took (null: never touched).</summary>
public sealed record SpeedSample(string Rep, LocalDate HandedOff, Duration? Wall, Duration? Working, bool WithinCommitment);

/// <summary>Time-to-first-touch statistics of a set of handoffs, in whole minutes; null where no handoff was touched.</summary>
/// <param name="Handoffs">Handoffs counted.</param>
/// <param name="Touched">Of them, touched at least once.</param>
/// <param name="NeverTouched">Handoffs - touched.</param>
/// <param name="Within">Handoffs whose first touch met the speed commitment.</param>
/// <param name="WallAverage">Average wall-clock minutes to the first touch.</param>
/// <param name="WallMedian">Median wall-clock minutes.</param>
/// <param name="WallP90">90th percentile wall-clock minutes.</param>
/// <param name="WorkingAverage">Average working minutes to the first touch.</param>
/// <param name="WorkingMedian">Median working minutes.</param>
/// <param name="WorkingP90">90th percentile working minutes.</param>
public sealed record SpeedStats(long Handoffs, long Touched, long NeverTouched, long Within,
    Fraction? WallAverage, long? WallMedian, long? WallP90, Fraction? WorkingAverage, long? WorkingMedian, long? WorkingP90)
{
    /// <summary>Within / handoffs; null without handoffs.</summary>
    public Fraction? WithinShare => Handoffs == 0 ? null : new Fraction(Within, Handoffs);
}

/// <summary>
/// Speed to lead: the average, median and 90th percentile minutes from handoff to first touch, in
/// wall-clock and in working time, the share of handoffs within the commitment and those never
/// touched. Percentiles are nearest-rank (the p-th percentile of n sorted values is the value at
/// rank ceil(p x n)), so every figure is a time some lead actually waited; untouched handoffs are
/// counted apart, not as infinitely slow.
/// </summary>
public static class SpeedReport
{
    /// <summary>The statistics of <paramref name="samples"/>.</summary>
    public static SpeedStats Stats(IReadOnlyCollection<SpeedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return Stats(samples.Count, samples.Count(s => s.WithinCommitment),
            [.. samples.Where(s => s.Wall is not null).Select(s => Minutes(s.Wall!.Value)).Order()],
            [.. samples.Where(s => s.Working is not null).Select(s => Minutes(s.Working!.Value)).Order()]);
    }

    /// <summary>
    /// The statistics of <paramref name="handoffs"/> handoffs, <paramref name="within"/> of them within
    /// the commitment, whose touched ones waited <paramref name="wallSorted"/> and
    /// <paramref name="workingSorted"/> minutes (both ascending). What the report facts feed without
    /// building a sample per handoff.
    /// </summary>
    public static SpeedStats Stats(long handoffs, long within, IReadOnlyList<long> wallSorted, IReadOnlyList<long> workingSorted)
    {
        ArgumentNullException.ThrowIfNull(wallSorted);
        ArgumentNullException.ThrowIfNull(workingSorted);
        return new SpeedStats(handoffs, wallSorted.Count, handoffs - wallSorted.Count, within,
            Average(wallSorted), Percentile(wallSorted, 1, 2), Percentile(wallSorted, 9, 10),
            Average(workingSorted), Percentile(workingSorted, 1, 2), Percentile(workingSorted, 9, 10));
    }

    /// <summary>The nearest-rank percentile <paramref name="numerator"/>/<paramref name="denominator"/> of sorted values; null when there are none.</summary>
    public static long? Percentile(IReadOnlyList<long> sorted, int numerator, int denominator)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return null;
        var rank = (sorted.Count * numerator + denominator - 1) / denominator; // ceil(p x n), at least 1
        return sorted[Math.Max(rank, 1) - 1];
    }

    private static Fraction? Average(IReadOnlyList<long> values) => values.Count == 0 ? null : new Fraction(values.Sum(), values.Count);

    /// <summary>Whole minutes, rounded down (a first touch 59 seconds after handoff took 0 minutes).</summary>
    public static long Minutes(Duration d) => (long)Math.Floor(d.TotalMinutes);
}
