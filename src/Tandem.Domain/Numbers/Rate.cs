namespace Tandem.Domain.Numbers;

/// <summary>
/// A conversion rate: greater than 0 and at most 1 (100%). Written as a fraction (<c>0.23</c>), a
/// percentage (<c>23%</c>) or a ratio (<c>1/3</c>, <c>one in three</c>). A bare number above 1
/// (<c>23</c>) is refused as ambiguous: it could mean 23% or 23 in 1.
/// </summary>
public readonly record struct Rate
{
    private Rate(Fraction value) => Value = value;

    /// <summary>The exact rate, in (0, 1].</summary>
    public Fraction Value { get; }

    /// <summary>Creates a rate from an exact value.</summary>
    /// <exception cref="InvalidInputException">The value is not in (0, 1].</exception>
    public static Rate From(Fraction value, string field)
    {
        if (value.Sign <= 0) throw new InvalidInputException(field, $"a rate must be greater than 0 (got {Percent.Format(value)})");
        if (value > Fraction.One) throw new InvalidInputException(field, $"a rate cannot exceed 100% (got {Percent.Format(value)})");
        return new Rate(value);
    }

    /// <summary>Parses a rate written by a user; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">The text is not a rate in (0, 100%].</exception>
    public static Rate Parse(string? text, string field) => From(Percent.ParseProportion(text, field, "rate"), field);

    /// <summary>The rate as a percentage, e.g. <c>23%</c> or <c>33.33%</c>.</summary>
    public override string ToString() => Percent.Format(Value);
}
