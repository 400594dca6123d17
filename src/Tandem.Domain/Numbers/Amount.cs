namespace Tandem.Domain.Numbers;

/// <summary>Reads money amounts (quota, deal size, lead value) as exact fractions.</summary>
public static class Amount
{
    /// <summary>
    /// Parses an amount greater than zero: digits with optional decimals and thousands separators
    /// (<c>500000</c>, <c>500,000</c>, <c>2000.50</c>). No currency symbols: the agreement names
    /// one currency for every amount.
    /// </summary>
    /// <exception cref="InvalidInputException">The text is not a number, or is not above zero.</exception>
    public static Fraction ParsePositive(string? text, string field)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0) throw new InvalidInputException(field, "is empty; give an amount such as 500000");
        if (!NumberText.TryParseDecimal(trimmed, out var value))
            throw new InvalidInputException(field, $"'{trimmed}' is not an amount (write digits, e.g. 500000 or 500,000.50; no currency symbol)");
        return RequirePositive(value, field);
    }

    /// <summary>Checks that an amount is greater than zero.</summary>
    /// <exception cref="InvalidInputException">It is zero or negative.</exception>
    public static Fraction RequirePositive(Fraction value, string field)
    {
        if (value.Sign <= 0) throw new InvalidInputException(field, $"must be greater than 0 (got {value.ToDecimal(2)})");
        return value;
    }
}
