using System.Globalization;
using System.Numerics;

namespace Tandem.Domain.Numbers;

/// <summary>
/// An exact rational number (numerator / denominator over <see cref="BigInteger"/>), always stored
/// reduced with a positive denominator. Plan arithmetic runs on fractions so that nothing is lost
/// before rounding up: 60 customers at a 20% close rate is exactly 300 leads, and 1,326 SQLs at 1/3
/// is exactly 3,978 MQLs. Floating point would give 300.00000000000006 and round it up to 301.
/// </summary>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    /// <summary>Zero.</summary>
    public static readonly Fraction Zero = new(BigInteger.Zero, BigInteger.One, reduced: true);

    /// <summary>One.</summary>
    public static readonly Fraction One = new(BigInteger.One, BigInteger.One, reduced: true);

    private readonly BigInteger _denominator;

    private Fraction(BigInteger numerator, BigInteger denominator, bool reduced)
    {
        Numerator = numerator;
        _denominator = denominator;
        _ = reduced;
    }

    /// <summary>Creates numerator / denominator, reduced. The denominator must not be zero.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A fraction's denominator cannot be zero.");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        Numerator = numerator;
        _denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    /// <summary>The numerator; carries the sign.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator; always positive (1 for the default value).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>Whether the value is a whole number.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>The whole number <paramref name="value"/>.</summary>
    public static Fraction FromInteger(BigInteger value) => new(value, BigInteger.One, reduced: true);

    /// <summary>The exact value of a decimal (decimals are base-10 fractions, so no loss).</summary>
    public static Fraction FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        // unchecked: the bits are unsigned words; under overflow checks a word with its top bit set would throw.
        var magnitude = ((BigInteger)unchecked((uint)bits[2]) << 64) | ((BigInteger)unchecked((uint)bits[1]) << 32) | unchecked((uint)bits[0]);
        if (value < 0) magnitude = -magnitude;
        return new Fraction(magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>The smallest whole number not below this value (rounds toward +infinity).</summary>
    public BigInteger Ceiling()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign > 0 ? quotient + 1 : quotient;
    }

    /// <summary>The largest whole number not above this value (rounds toward -infinity).</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// The value rounded to <paramref name="places"/> decimal places, halves away from zero
    /// (commercial rounding: 125.685 becomes 125.69). Only the rounding step is inexact.
    /// </summary>
    /// <exception cref="OverflowException">The value does not fit in a decimal.</exception>
    public decimal ToDecimal(int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(places, 28);
        var scale = BigInteger.Pow(10, places);
        var scaled = BigInteger.Abs(Numerator) * scale;
        var quotient = BigInteger.DivRem(scaled, Denominator, out var remainder);
        if (remainder * 2 >= Denominator) quotient += 1;
        if (Numerator.Sign < 0) quotient = -quotient;
        var result = (decimal)quotient / (decimal)scale;
        // Strip trailing zeros so that JSON shows 600000, not 600000.00.
        return result / 1.0000000000000000000000000000m;
    }

    /// <summary>"n/d", or "n" for whole numbers.</summary>
    public override string ToString() =>
        IsInteger ? Numerator.ToString(CultureInfo.InvariantCulture)
                  : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

#pragma warning disable CS1591 // Operators and equality members need no prose.
    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator, reduced: true);
    public static Fraction operator *(Fraction a, Fraction b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Fraction operator /(Fraction a, Fraction b)
    {
        if (b.Numerator.IsZero) throw new DivideByZeroException("Division of a fraction by zero.");
        return new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }
    public static implicit operator Fraction(long value) => FromInteger(value);
    public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);
    public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);
    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;
    public static Fraction Add(Fraction a, Fraction b) => a + b;
    public static Fraction Subtract(Fraction a, Fraction b) => a - b;
    public static Fraction Multiply(Fraction a, Fraction b) => a * b;
    public static Fraction Divide(Fraction a, Fraction b) => a / b;
    public static Fraction Negate(Fraction a) => -a;
    public static Fraction ToFraction(long value) => FromInteger(value);
    public int CompareTo(Fraction other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
#pragma warning restore CS1591
}
