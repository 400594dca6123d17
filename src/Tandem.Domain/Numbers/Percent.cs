namespace Tandem.Domain.Numbers;

/// <summary>Reading and writing proportions (rates and shares) as people write them.</summary>
public static class Percent
{
    /// <summary>
    /// Parses a proportion: a fraction up to 1, a percentage or a ratio. A bare number above 1 is
    /// refused as ambiguous. <paramref name="what"/> ("rate", "share") words the error.
    /// </summary>
    /// <exception cref="InvalidInputException">The text is not a proportion.</exception>
    public static Fraction ParseProportion(string? text, string field, string what)
    {
        if (!NumberText.TryParse(text, out var value, out var notation, out var reason))
            throw new InvalidInputException(field, $"{reason}; write a {what} as 23%, 0.23 or 1/3");
        if (notation == NumberText.Notation.Plain && value > Fraction.One)
        {
            var written = text!.Trim();
            throw new InvalidInputException(field,
                $"'{written}' is ambiguous: write {written}% for a percentage, or a fraction from 0 to 1 (0.23 means 23%)");
        }
        return value;
    }

    /// <summary>Formats a proportion as a percentage with at most two decimals: 1/3 is <c>33.33%</c>.</summary>
    public static string Format(Fraction value) =>
        (value * 100).ToDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
}
