using FsCheck;
using FsCheck.Xunit;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests;

public class FractionTest
{
    private static Fraction Of(int n, int d) => new(n, d == 0 ? 1 : d);

    [Property]
    public void Arithmetic_IsCommutativeAndAssociative(int a, int b, int c, int d, int e, int f)
    {
        Fraction x = Of(a, b), y = Of(c, d), z = Of(e, f);

        Assert.Equal(x + y, y + x);
        Assert.Equal(x * y, y * x);
        Assert.Equal((x + y) + z, x + (y + z));
        Assert.Equal((x * y) * z, x * (y * z));
        Assert.Equal(x * (y + z), x * y + x * z);
    }

    [Property]
    public void CeilingAndFloor_BracketTheValue(int n, int d)
    {
        var x = Of(n, d);

        Assert.True(Fraction.FromInteger(x.Ceiling()) >= x && Fraction.FromInteger(x.Ceiling()) - x < Fraction.One);
        Assert.True(Fraction.FromInteger(x.Floor()) <= x && x - Fraction.FromInteger(x.Floor()) < Fraction.One);
    }

    [Property]
    public void FromDecimal_IsExact(decimal value) =>
        Assert.Equal(value, Fraction.FromDecimal(value).ToDecimal(value.Scale));

    [Theory]
    [InlineData(1, 8, 2, 0.13)]    // 0.125 rounds half away from zero
    [InlineData(-1, 8, 2, -0.13)]
    [InlineData(1, 3, 2, 0.33)]
    [InlineData(2, 3, 2, 0.67)]
    [InlineData(500000, 3978, 2, 125.69)]
    public void ToDecimal_RoundsHalfAwayFromZero(long n, long d, int places, decimal expected) =>
        Assert.Equal(expected, new Fraction(n, d).ToDecimal(places));

    [Fact]
    public void Constructor_ZeroDenominator_Throws() =>
        Assert.Throws<DivideByZeroException>(() => new Fraction(1, 0));
}
