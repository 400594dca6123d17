namespace Tandem.Data.Demo;

/// <summary>
/// A tiny, fast pseudo-random generator whose sequence depends only on its seed, on every platform
/// and .NET version (System.Random makes no such promise), so demo data is reproducible.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        // Wrapping arithmetic is the algorithm (the project checks overflow everywhere else).
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="max"/>).</summary>
    public int Below(int max) => (int)(Next() % (ulong)max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>An index drawn with the given weights.</summary>
    public int Pick(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var roll = NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>An exponentially distributed value with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());
}
