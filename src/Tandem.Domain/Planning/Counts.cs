using System.Numerics;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>Whole-number counts of leads and customers.</summary>
public static class Counts
{
    /// <summary>Converts an exact count to a 64-bit one, refusing absurd plans instead of overflowing.</summary>
    /// <exception cref="InvalidInputException">The count exceeds <see cref="long.MaxValue"/>.</exception>
    public static long ToLong(BigInteger count, string field)
    {
        if (count > long.MaxValue)
            throw new InvalidInputException(field, $"the plan would need {count} leads, more than Tandem can count; check the rates and amounts");
        return (long)count;
    }

    /// <summary>The smallest whole count not below <paramref name="exact"/>.</summary>
    public static long CeilingOf(Fraction exact, string field) => ToLong(exact.Ceiling(), field);
}
