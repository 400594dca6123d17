using FsCheck;
using FsCheck.Xunit;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests;

/// <summary>Figures judged against a target print the verdict the exact fractions give: checked against an oracle that tries every printable value.</summary>
public class VerdictRoundingTest
{
    [Theory]
    [InlineData(8996, 10000, 9, 10, 3, "0.899")]    // 89.96% against 90%: 89.9%, never 90.0%
    [InlineData(9, 10, 9, 10, 3, "0.9")]            // exactly the target: 90.0%
    [InlineData(89999, 100000, 9, 10, 3, "0.899")]  // just below, even at a hair's breadth
    [InlineData(8996, 10000, 8, 10, 3, "0.9")]      // above its target: rounded as usual
    [InlineData(2, 3, 2, 3, 3, "0.667")]            // a target of 2/3 shows as 66.7%, and a share equal to it too
    [InlineData(6665, 10000, 2, 3, 3, "0.666")]     // just below 2/3: 66.6%
    [InlineData(8999999, 10000000, 9, 10, 6, "0.899999")] // JSON's six places: not 0.9 against 0.9
    public void Round_ShowsTheVerdict(long n, long d, long tn, long td, int places, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VerdictRounding.Round(new Fraction(n, d), new Fraction(tn, td), places));

    [Fact]
    public void Target_RoundsUp_WithoutATarget_RoundsHalfUp()
    {
        Assert.Equal(0.667m, VerdictRounding.Target(new Fraction(2, 3), 3));
        Assert.Equal(0.9m, VerdictRounding.Target(new Fraction(9, 10), 3));
        Assert.Equal(0.6665m, VerdictRounding.Target(new Fraction(6665, 10000), 4));
        Assert.Equal(0.667m, VerdictRounding.Round(new Fraction(6665, 10000), null, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => VerdictRounding.Round(new Fraction(-1, 2), Fraction.One, 3));
    }

    /// <summary>
    /// Every share n/d and target against an oracle that tries every value printable with three
    /// places (0.1% steps): below the target, the largest not above the share; at or above it, the
    /// nearest (halves up) among those not below the target's printing, itself the smallest not
    /// below the target. Then the printed pair compares as the exact pair does.
    /// </summary>
    [Property(MaxTest = 2000)]
    public void Round_AgreesWithAnOracleOverEveryPrintableValue(PositiveInt denominator, NonNegativeInt numerator, PositiveInt targetDenominator, NonNegativeInt targetNumerator)
    {
        var d = denominator.Get % 20_000 + 1;
        var share = new Fraction(numerator.Get % (d + 1), d);
        var td = targetDenominator.Get % 40 + 1;
        // Targets as agreements write them (a whole percent, a tenth) and any fraction.
        var target = (targetNumerator.Get % 3) switch
        {
            0 => new Fraction(targetNumerator.Get % 101, 100),
            1 => new Fraction(targetNumerator.Get % 1001, 1000),
            _ => new Fraction(targetNumerator.Get % (td + 1), td),
        };

        var printable = Enumerable.Range(0, 1001).Select(k => new Fraction(k, 1000)).ToList();
        var shownTarget = printable.First(p => p >= target);
        var expected = share < target
            ? printable.Last(p => p <= share)
            : printable.Where(p => p >= shownTarget).OrderBy(p => Abs(p - share)).ThenByDescending(p => p).First();

        var rounded = VerdictRounding.Round(share, target, 3);
        Assert.Equal(expected, Fraction.FromDecimal(rounded));
        Assert.Equal(shownTarget, Fraction.FromDecimal(VerdictRounding.Target(target, 3)));
        Assert.Equal(share < target, rounded < VerdictRounding.Target(target, 3));
        Assert.True(Abs(Fraction.FromDecimal(rounded) - share) < new Fraction(1, 1000));
        Assert.Equal(share.ToDecimal(3), VerdictRounding.Round(share, null, 3));
    }

    private static Fraction Abs(Fraction f) => f.Sign < 0 ? -f : f;
}
