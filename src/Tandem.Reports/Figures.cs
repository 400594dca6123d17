using System.Globalization;
using Tandem.Domain.Numbers;

namespace Tandem.Reports;

/// <summary>How figures are shown as text on the pages: "-" where nothing was measured, never 0.</summary>
public static class Figures
{
    /// <summary>A whole count with thousands separators.</summary>
    public static string Count(long? n) => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    /// <summary>A share of 1 as a percentage with one decimal.</summary>
    public static string Percent(Fraction? share) => share is { } s ? (s * 100).ToDecimal(1).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>An amount with two decimals.</summary>
    public static string Money(Fraction? amount) => amount is { } a ? a.ToDecimal(2).ToString("#,##0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>An exact need of the plan: a whole number as it is (7), any other with two decimals (0.28, 233.33).</summary>
    public static string Exact(Fraction? value) => value switch
    {
        null => "-",
        { IsInteger: true } v => v.ToDecimal(0).ToString("#,##0", CultureInfo.InvariantCulture),
        { } v => v.ToDecimal(2).ToString("#,##0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>A whole count of the plan with the exact need it was rounded from beside it when they differ: "0 (exact 0.28)", "340".</summary>
    public static string CountWithExact(long? count, Fraction? exact) =>
        count is { } n && exact is { } e && e != Fraction.FromInteger(n) ? $"{Count(n)} (exact {Exact(e)})" : Count(count);

    /// <summary>A figure with at most one decimal.</summary>
    public static string Number(Fraction? value) => value is { } v ? v.ToDecimal(1).ToString("#,##0.#", CultureInfo.InvariantCulture) : "-";

    /// <summary>Whole minutes, as minutes below two hours and as hours and minutes above.</summary>
    public static string Minutes(long? minutes) => minutes switch
    {
        null => "-",
        < 120 => $"{minutes} min",
        _ => $"{minutes / 60} h {minutes % 60:00} min",
    };

    /// <summary>A report table's cell as text, by its kind.</summary>
    public static string Cell(object? value, CellKind kind) => value switch
    {
        null => "-",
        KindedValue k => Cell(k.Value, k.Kind),
        string text => text,
        long n when kind == CellKind.Count => Count(n),
        decimal d when kind == CellKind.Share => (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        decimal d when kind == CellKind.Money => d.ToString("#,##0.00", CultureInfo.InvariantCulture),
        decimal d => d.ToString("#,##0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
