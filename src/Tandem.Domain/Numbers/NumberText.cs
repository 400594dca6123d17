using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Tandem.Domain.Numbers;

/// <summary>
/// Reads the numbers people write into an exact <see cref="Fraction"/>: plain decimals
/// (<c>0.23</c>, <c>500000</c>, <c>500,000</c> with correct thousands groups, <c>500_000</c>),
/// percentages (<c>23%</c>, <c>33.3%</c>) and ratios (<c>1/3</c>, <c>1 in 3</c>,
/// <c>one in three</c>, <c>2 out of 5</c>). Nothing goes through floating point.
/// </summary>
public static partial class NumberText
{
    private static readonly string[] Words =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty",
    ];

    /// <summary>How a number was written, which decides whether a bare value above 1 is ambiguous.</summary>
    public enum Notation
    {
        /// <summary>A plain decimal such as <c>0.23</c> or <c>500,000</c>.</summary>
        Plain,
        /// <summary>A percentage such as <c>23%</c>.</summary>
        Percent,
        /// <summary>A ratio such as <c>1/3</c> or <c>one in three</c>.</summary>
        Ratio,
    }

    /// <summary>
    /// Parses <paramref name="text"/> as a decimal, percentage or ratio. Returns false with a
    /// reason when the text is none of them.
    /// </summary>
    public static bool TryParse(string? text, out Fraction value, out Notation notation, out string reason)
    {
        value = Fraction.Zero;
        notation = Notation.Plain;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            reason = "is empty";
            return false;
        }

        if (trimmed.EndsWith('%'))
        {
            notation = Notation.Percent;
            if (!TryParseDecimal(trimmed[..^1].TrimEnd(), out var percent))
            {
                reason = $"'{trimmed}' is not a percentage (write e.g. 23% or 33.3%)";
                return false;
            }
            value = percent / 100;
            reason = "";
            return true;
        }

        var ratio = RatioPattern().Match(trimmed);
        if (ratio.Success)
        {
            notation = Notation.Ratio;
            if (!TryParseCount(ratio.Groups["n"].Value, out var n) || !TryParseCount(ratio.Groups["d"].Value, out var d))
            {
                reason = $"'{trimmed}' is not a ratio (write e.g. 1/3 or one in three)";
                return false;
            }
            if (d.IsZero)
            {
                reason = $"'{trimmed}' divides by zero";
                return false;
            }
            value = new Fraction(n, d);
            reason = "";
            return true;
        }

        if (!TryParseDecimal(trimmed, out value))
        {
            reason = $"'{trimmed}' is not a number";
            return false;
        }
        reason = "";
        return true;
    }

    /// <summary>
    /// Parses a plain decimal: digits, an optional leading minus, an optional fraction part, and
    /// optional thousands separators (commas in groups of three, or underscores).
    /// </summary>
    public static bool TryParseDecimal(string text, out Fraction value)
    {
        value = Fraction.Zero;
        var match = DecimalPattern().Match(text.Trim());
        if (!match.Success) return false;
        var whole = match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        var fraction = match.Groups["frac"].Value;
        var digits = BigInteger.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new Fraction(match.Groups["sign"].Value == "-" ? -digits : digits, BigInteger.Pow(10, fraction.Length));
        return true;
    }

    private static bool TryParseCount(string text, out BigInteger value)
    {
        var index = Array.IndexOf(Words, text.ToLowerInvariant());
        if (index >= 0)
        {
            value = index;
            return true;
        }
        return BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(?<sign>-)?(?<whole>\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.(?<frac>\d+))?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^(?<n>\w+)\s*(?:/|\s+in\s+|\s+out\s+of\s+)\s*(?<d>\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RatioPattern();
}
