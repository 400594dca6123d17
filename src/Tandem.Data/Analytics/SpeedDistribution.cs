using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>
/// The speed rollup of a date range (handoff_speed_daily), one row per day, segment and rep read:
/// its handoffs, those within the commitment, and every minute to first touch of the touched ones.
/// Any grouping of rows (a day, an ISO week, a rep, all) gets exact statistics, since every value
/// is here; the values are sorted once for all groupings.
/// </summary>
public sealed class SpeedDistribution
{
    private readonly List<long> _wall = [];
    private readonly List<int> _wallRow = [];
    private readonly List<long> _working = [];
    private readonly List<int> _workingRow = [];
    private readonly List<long> _scratch = [];

    /// <summary>Each row's day, as <see cref="ReportFactRows.DayOf"/> numbers it.</summary>
    public List<long> Days { get; } = [];

    /// <summary>Each row's rep.</summary>
    public List<string> Reps { get; } = [];

    /// <summary>Each row's handoffs.</summary>
    public List<long> Handoffs { get; } = [];

    /// <summary>Each row's handoffs whose first touch met the speed commitment.</summary>
    public List<long> Within { get; } = [];

    /// <summary>Rows read.</summary>
    public int Count => Days.Count;

    /// <summary>Adds a row: its minute lists as stored (<see cref="MinuteList"/>).</summary>
    internal void Add(long day, string rep, long handoffs, long within, ReadOnlySpan<char> wall, ReadOnlySpan<char> working)
    {
        var row = Count;
        Days.Add(day);
        Reps.Add(rep);
        Handoffs.Add(handoffs);
        Within.Add(within);
        Append(_wall, _wallRow, wall, row);
        Append(_working, _workingRow, working, row);
        (_wallOrder, _workingOrder) = (null, null);
    }

    private void Append(List<long> values, List<int> rows, ReadOnlySpan<char> list, int row)
    {
        _scratch.Clear();
        MinuteList.AddTo(_scratch, list);
        values.AddRange(_scratch);
        for (var i = 0; i < _scratch.Count; i++) rows.Add(row);
    }

    /// <summary>The statistics of every row.</summary>
    public SpeedStats Stats() => Count == 0 ? SpeedReport.Stats(0, 0, [], []) : StatsBy(_ => 0)[0].Stats;

    /// <summary>
    /// The statistics of each group of rows with the same <paramref name="key"/> (of a row number),
    /// in order of first appearance. Walking the values in ascending order hands every group its own
    /// values already sorted, so no group sorts again.
    /// </summary>
    public IReadOnlyList<(TKey Key, SpeedStats Stats)> StatsBy<TKey>(Func<int, TKey> key) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
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
        for (var i = 0; i < Count; i++)
        {
            handoffs[group[i]] += Handoffs[i];
            within[group[i]] += Within[i];
        }
        var wall = Grouped(_wallOrder ??= Ascending(_wall, _wallRow), group, keys.Count);
        var working = Grouped(_workingOrder ??= Ascending(_working, _workingRow), group, keys.Count);
        return [.. keys.Select((k, g) => (k, SpeedReport.Stats(handoffs[g], within[g], wall[g], working[g])))];
    }

    // Sorted once per read, shared by every grouping (the rows do not change after the read).
    private (long[] Values, int[] Rows)? _wallOrder;
    private (long[] Values, int[] Rows)? _workingOrder;

    private static (long[] Values, int[] Rows) Ascending(List<long> values, List<int> rows)
    {
        var (sorted, order) = (values.ToArray(), rows.ToArray());
        Array.Sort(sorted, order);
        return (sorted, order);
    }

    private static List<long>[] Grouped((long[] Values, int[] Rows) ascending, int[] group, int groups)
    {
        var lists = new List<long>[groups];
        for (var g = 0; g < groups; g++) lists[g] = [];
        for (var i = 0; i < ascending.Values.Length; i++) lists[group[ascending.Rows[i]]].Add(ascending.Values[i]);
        return lists;
    }
}
