using System.Numerics;

namespace Tandem.Domain.Numbers;

/// <summary>
/// Rounds a figure judged against a target so that the printed figures tell the same verdict as
/// the exact ones: a share below its target never prints as equal to it (89.96% against 90% is
/// 89.9%, not 90.0%), and one at or above it never prints below it. The target itself is rounded
/// up, so it never shows less than it asks; a target exact at the places shown (90%, 92.5%) prints
/// as it is, and then a figure at or above it rounds halves away from zero as usual.
/// </summary>
public static class VerdictRounding
{
    /// <summary>A target rounded to <paramref name="places"/> decimal places, up (toward +infinity).</summary>
    public static decimal Target(Fraction target, int places) => Scaled(places, Scale(target, places).Ceiling());

    /// <summary>
    /// <paramref name="value"/> rounded to <paramref name="places"/> decimal places toward its
    /// verdict against <paramref name="target"/>: below the target it is truncated (down); at or
    /// above it, rounded half away from zero but never below <see cref="Target"/>'s rounding. So
    /// <c>Round(v, t) &lt; Target(t)</c> exactly when <c>v &lt; t</c>, and the result is within one
    /// unit of the last place of <paramref name="value"/>. Without a target, plain rounding.
    /// </summary>
    public static decimal Round(Fraction value, Fraction? target, int places)
    {
        var scaled = Scale(value, places);
        if (target is not { } t) return value.ToDecimal(places);
        if (value < t) return Scaled(places, scaled.Floor());
        var halfUp = (scaled + new Fraction(1, 2)).Floor();
        return Scaled(places, BigInteger.Max(halfUp, Scale(t, places).Ceiling()));
    }

    private static Fraction Scale(Fraction value, int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(places, 20);
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "a share or count judged against a target is not negative");
        return value * Fraction.FromInteger(BigInteger.Pow(10, places));
    }

    private static decimal Scaled(int places, BigInteger units) => new Fraction(units, BigInteger.Pow(10, places)).ToDecimal(places);
}
