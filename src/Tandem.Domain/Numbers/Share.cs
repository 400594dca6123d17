namespace Tandem.Domain.Numbers;

/// <summary>
/// A share of a whole, from 0 to 1 (0% to 100%) inclusive: the marketing share of revenue, a
/// segment's share of the quota, a lead type's share of the goal. Written like a <see cref="Rate"/>.
/// </summary>
public readonly record struct Share
{
    private Share(Fraction value) => Value = value;

    /// <summary>100%.</summary>
    public static readonly Share Whole = new(Fraction.One);

    /// <summary>The exact share, in [0, 1].</summary>
    public Fraction Value { get; }

    /// <summary>Creates a share from an exact value.</summary>
    /// <exception cref="InvalidInputException">The value is outside [0, 1].</exception>
    public static Share From(Fraction value, string field)
    {
        if (value.Sign < 0 || value > Fraction.One)
            throw new InvalidInputException(field, $"a share must be between 0% and 100% (got {Percent.Format(value)})");
        return new Share(value);
    }

    /// <summary>Parses a share written by a user; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">The text is not a share in [0, 100%].</exception>
    public static Share Parse(string? text, string field) => From(Percent.ParseProportion(text, field, "share"), field);

    /// <summary>The share as a percentage, e.g. <c>60%</c>.</summary>
    public override string ToString() => Percent.Format(Value);
}
