using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>
/// Per rep, a period's handoffs and, at each of <see cref="DepthReport.Ages"/>, the sums over the
/// handoffs that count there and are that old by the as-of instant: leads, attempts, required,
/// target, on cadence; and the depth headline's sums at the end of the cadence's first step (old
/// enough, younger, and the leads, attempts, required, target, on cadence of the old enough ones that
/// count). What the depth report needs, summed from the rollups and the facts.
/// </summary>
public sealed class DepthSums
{
    /// <summary>Sums per age: leads, attempts, required, target, on cadence.</summary>
    internal const int PerAge = 5;

    /// <summary>First-step sums: old enough, younger (handed off after the as-of instant included), leads, attempts, required, target, on cadence, handed off after the as-of instant.</summary>
    internal const int PerFirstStep = 8;

    private readonly Dictionary<string, long[]> _reps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _first = new(StringComparer.Ordinal);

    /// <summary>The reps with handoffs.</summary>
    public IEnumerable<string> Reps => _reps.Where(r => r.Value[0] > 0).Select(r => r.Key);

    /// <summary>Adds to a rep's handoffs (<paramref name="age"/> null) or to its sums at an age (index into <see cref="DepthReport.Ages"/>, values in <see cref="PerAge"/> order).</summary>
    internal void Add(string rep, int? age, ReadOnlySpan<long> values)
    {
        if (!_reps.TryGetValue(rep, out var sums)) _reps[rep] = sums = new long[1 + PerAge * DepthReport.Ages.Count];
        var at = age is { } a ? 1 + PerAge * a : 0;
        for (var i = 0; i < values.Length; i++) sums[at + i] += values[i];
    }

    /// <summary>Adds to a rep's first-step sums (values in <see cref="PerFirstStep"/> order).</summary>
    internal void AddFirstStep(string rep, ReadOnlySpan<long> values)
    {
        if (!_first.TryGetValue(rep, out var sums)) _first[rep] = sums = new long[PerFirstStep];
        for (var i = 0; i < values.Length; i++) sums[i] += values[i];
    }

    /// <summary>The depth headline of <paramref name="rep"/>'s handoffs, or of all when null: judged at the end of the cadence's first step.</summary>
    public FirstStepStanding FirstStep(string? rep = null)
    {
        var s = new long[PerFirstStep];
        foreach (var (name, sums) in _first)
            if (rep is null || name == rep)
                for (var i = 0; i < s.Length; i++) s[i] += sums[i];
        // A handoff made after the as-of instant is not there yet: neither counted nor younger.
        return DepthReport.FirstStepOf(Handoffs(rep) - s[7], s[0], s[1] - s[7], s[2], s[3], s[4], s[5], s[6]);
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
