using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// Splits a whole total between parts in proportion to their exact weights, so that the parts are
/// whole and add up to the total (the largest-remainder, or Hamilton, method).
/// </summary>
public static class LargestRemainder
{
    /// <summary>
    /// Gives each part the floor of its proportional share (total x weight / sum of weights), then
    /// one more unit to each of the parts with the largest remainders until the total is reached;
    /// equal remainders go to the part listed first. Every part is therefore its share rounded down
    /// or up, and a part of weight zero gets nothing. With all weights zero every part gets zero
    /// (the total must then be zero too).
    /// </summary>
    /// <param name="total">The whole number to split, zero or more.</param>
    /// <param name="weights">Each part's exact weight, zero or more, in the order that breaks ties.</param>
    /// <returns>One whole count per weight, in the same order, summing to <paramref name="total"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative total or weight, or a total above zero with no weight to carry it.</exception>
    public static long[] Apportion(long total, IReadOnlyList<Fraction> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Any(w => w.Sign < 0)) throw new ArgumentOutOfRangeException(nameof(weights), "weights cannot be negative");
        var sum = weights.Aggregate(Fraction.Zero, (s, w) => s + w);
        var counts = new long[weights.Count];
        if (sum.Sign == 0)
        {
            if (total != 0) throw new ArgumentOutOfRangeException(nameof(total), "a total above zero needs some weight to go to");
            return counts;
        }

        var remainders = new Fraction[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var share = Fraction.FromInteger(total) * weights[i] / sum;
            var floor = share.Floor();
            // Each share is at most the total, so its floor fits in a long.
            counts[i] = (long)floor;
            remainders[i] = share - Fraction.FromInteger(floor);
            given += counts[i];
        }
        // The remainders sum to total - given, each below 1: fewer leftover units than parts with a remainder.
        var leftover = total - given;
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(checked((int)leftover)))
            counts[i]++;
        return counts;
    }
}
