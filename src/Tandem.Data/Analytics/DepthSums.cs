using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>
/// Per rep, a period's handoffs and, at each of <see cref="DepthReport.Ages"/>, the sums over the
/// handoffs that count there and are that old by the as-of instant: leads, attempts, required,
/// target, on cadence. What the depth report needs, summed from the rollup and the facts.
/// </summary>
public sealed class DepthSums
{
    /// <summary>Sums per age: leads, attempts, required, target, on cadence.</summary>
    internal const int PerAge = 5;

    private readonly Dictionary<string, long[]> _reps = new(StringComparer.Ordinal);

    /// <summary>The reps with handoffs.</summary>
    public IEnumerable<string> Reps => _reps.Where(r => r.Value[0] > 0).Select(r => r.Key);

    /// <summary>Adds to a rep's handoffs (<paramref name="age"/> null) or to its sums at an age (index into <see cref="DepthReport.Ages"/>, values in <see cref="PerAge"/> order).</summary>
    internal void Add(string rep, int? age, ReadOnlySpan<long> values)
    {
        if (!_reps.TryGetValue(rep, out var sums)) _reps[rep] = sums = new long[1 + PerAge * DepthReport.Ages.Count];
        var at = age is { } a ? 1 + PerAge * a : 0;
        for (var i = 0; i < values.Length; i++) sums[at + i] += values[i];
    }

    /// <summary>The handoffs of <paramref name="rep"/>, or of all when null.</summary>
    public long Handoffs(string? rep = null) => Sums(rep)[0];

    /// <summary>The standing at each age of <paramref name="rep"/>'s handoffs, or of all when null.</summary>
    public IReadOnlyList<DepthAtAge> At(string? rep = null)
    {
        var sums = Sums(rep);
        return [.. DepthReport.Ages.Select((age, a) => DepthReport.Of(age, sums[1 + PerAge * a], sums[2 + PerAge * a], sums[3 + PerAge * a], sums[4 + PerAge * a], sums[5 + PerAge * a]))];
    }

    private long[] Sums(string? rep)
    {
        if (rep is not null) return _reps.TryGetValue(rep, out var one) ? one : new long[1 + PerAge * DepthReport.Ages.Count];
        var all = new long[1 + PerAge * DepthReport.Ages.Count];
        foreach (var sums in _reps.Values)
            for (var i = 0; i < all.Length; i++) all[i] += sums[i];
        return all;
    }
}
