using NodaTime;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>
/// The speed facts of a date range, one list per field rather than an object per handoff: a
/// month of one segment is tens of thousands of rows, and the report groups them three ways.
/// A minute count of -1 means never touched.
/// </summary>
public sealed class SpeedFacts
{
    /// <summary>The handoff's local date, as <see cref="ReportFactRows.DayOf"/> numbers it.</summary>
    public List<long> Days { get; } = [];

    /// <summary>The rep the handoff went to (one string per distinct rep).</summary>
    public List<string> Reps { get; } = [];

    /// <summary>Whole wall-clock minutes to the first touch; -1 when never touched.</summary>
    public List<long> Wall { get; } = [];

    /// <summary>Whole working minutes to the first touch; -1 when never touched.</summary>
    public List<long> Working { get; } = [];

    /// <summary>Whether the first touch met the speed commitment.</summary>
    public List<bool> Within { get; } = [];

    /// <summary>Handoffs read.</summary>
    public int Count => Days.Count;

    /// <summary>The statistics of every row.</summary>
    public SpeedStats Stats() => Count == 0 ? SpeedReport.Stats(0, 0, [], []) : StatsBy(_ => 0)[0].Stats;

    /// <summary>
    /// The statistics of each group of rows with the same <paramref name="key"/> (of a row number),
    /// in order of first appearance. The minutes are sorted once for all rows; walking them in that
    /// order hands every group its own minutes already sorted, so no group sorts again.
    /// </summary>
    public IReadOnlyList<(TKey Key, SpeedStats Stats)> StatsBy<TKey>(Func<int, TKey> key) where TKey : notnull
    {
        // Each row's group as a dense number, found once; then plain arrays, not a lookup per value.
        var numbers = new Dictionary<TKey, int>();
        var keys = new List<TKey>();
        var group = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            var k = key(i);
            if (!numbers.TryGetValue(k, out group[i]))
            {
                group[i] = numbers[k] = keys.Count;
                keys.Add(k);
            }
        }
        var handoffs = new long[keys.Count];
        var within = new long[keys.Count];
        var wall = keys.Select(_ => new List<long>()).ToArray();
        var working = keys.Select(_ => new List<long>()).ToArray();
        for (var i = 0; i < Count; i++)
        {
            handoffs[group[i]]++;
            if (Within[i]) within[group[i]]++;
        }
        foreach (var i in _wallOrder ??= Ascending(Wall)) wall[group[i]].Add(Wall[i]);
        foreach (var i in _workingOrder ??= Ascending(Working)) working[group[i]].Add(Working[i]);
        return [.. keys.Select((k, g) => (k, SpeedReport.Stats(handoffs[g], within[g], wall[g], working[g])))];
    }

    // Sorted once per read, shared by every grouping (the rows do not change after the read).
    private int[]? _wallOrder;
    private int[]? _workingOrder;

    /// <summary>The row numbers of the touched rows (minutes at least 0), in ascending order of <paramref name="minutes"/>.</summary>
    private int[] Ascending(List<long> minutes)
    {
        var rows = new List<int>(Count);
        for (var i = 0; i < Count; i++)
            if (minutes[i] >= 0) rows.Add(i);
        var order = rows.ToArray();
        var values = Array.ConvertAll(order, i => minutes[i]);
        Array.Sort(values, order);
        return order;
    }

    /// <summary>The rows as the domain's samples (what the raw-record report computes on; tests compare the two).</summary>
    public IReadOnlyList<SpeedSample> Samples() =>
        [.. Enumerable.Range(0, Count).Select(i => new SpeedSample(Reps[i], ReportFactRows.DateOf(Days[i]),
            Wall[i] < 0 ? null : Duration.FromMinutes(Wall[i]), Working[i] < 0 ? null : Duration.FromMinutes(Working[i]), Within[i]))];
}

/// <summary>
/// The depth facts of a date range, one list per field: when each handoff happened, whose it is,
/// and its packed depth point (<see cref="ReportFactRows.Pack"/>) at each of
/// <see cref="DepthReport.Ages"/>, -1 where it does not count at that age.
/// </summary>
public sealed class DepthFacts
{
    /// <summary>The handoff instant, in Unix milliseconds.</summary>
    public List<long> HandedOffAt { get; } = [];

    /// <summary>The rep the handoff went to.</summary>
    public List<string> Reps { get; } = [];

    /// <summary>Per age (index into <see cref="DepthReport.Ages"/>), the packed point of each row, or -1.</summary>
    public IReadOnlyList<List<long>> Points { get; } = [.. DepthReport.Ages.Select(_ => new List<long>())];

    /// <summary>Handoffs read.</summary>
    public int Count => HandedOffAt.Count;

    /// <summary>The standing at each age as of <paramref name="asOf"/> of the rows at <paramref name="rows"/> (all rows when null): only handoffs that age by then count.</summary>
    public IReadOnlyList<DepthAtAge> At(Instant asOf, IReadOnlyList<int>? rows = null)
    {
        var count = rows?.Count ?? Count;
        var result = new DepthAtAge[DepthReport.Ages.Count];
        for (var a = 0; a < result.Length; a++)
        {
            var age = DepthReport.Ages[a];
            // A handoff is that old by asOf when handed off at or before asOf - age.
            var latest = (asOf - Duration.FromDays(age)).ToUnixTimeMilliseconds();
            var points = Points[a];
            long leads = 0, attempts = 0, required = 0, target = 0, onCadence = 0;
            for (var k = 0; k < count; k++)
            {
                var i = rows?[k] ?? k;
                if (points[i] < 0 || HandedOffAt[i] > latest) continue;
                var p = ReportFactRows.Fields(points[i]);
                leads++;
                attempts += p.Attempts;
                required += p.Required;
                target += p.Target;
                if (p.OnCadence) onCadence++;
            }
            result[a] = DepthReport.Of(age, leads, attempts, required, target, onCadence);
        }
        return result;
    }
}
