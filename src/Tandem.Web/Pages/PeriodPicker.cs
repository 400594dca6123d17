using System.Globalization;
using Microsoft.AspNetCore.Http;
using Period = Tandem.Domain.Periods.Period;
using PeriodKind = Tandem.Domain.Periods.PeriodKind;

namespace Tandem.Web.Pages;

/// <summary>
/// The shared period filter's picker (issue 22): the periods its select offers and the addresses of
/// the previous and next period, which keep every other value of the address (segment, a page's own
/// filters) so moving in time changes nothing else.
/// </summary>
public static class PeriodPicker
{
    /// <summary>Periods offered before the current one: two years of months or quarters.</summary>
    private const int YearsBack = 2;

    /// <summary>
    /// The periods the select offers, newest first: two years of the agreement's kind of period
    /// before the current one through the next, and the one shown when it lies outside them (an
    /// older period or a year typed into the address).
    /// </summary>
    public static IReadOnlyList<Period> Options(Period shown, Period current)
    {
        var perYear = current.Kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, _ => 1 };
        var periods = Enumerable.Range(-YearsBack * perYear, YearsBack * perYear + 2).Select(current.Plus).Reverse().ToList();
        if (!periods.Contains(shown))
        {
            periods.Add(shown);
            periods.Sort((a, b) => b.CompareTo(a));
        }
        return periods;
    }

    /// <summary>The period <paramref name="count"/> periods from <paramref name="shown"/>, or null past the last year a period may name (9998).</summary>
    public static Period? Step(Period shown, int count)
    {
        try
        {
            var period = shown.Plus(count);
            return period.Year is >= 1900 and <= 9998 ? period : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>How the select names a period: "November 2026", "2026 Q4", "2026".</summary>
    public static string Words(Period period) => period.Kind switch
    {
        PeriodKind.Month => period.Start.ToString("MMMM uuuu", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{period.Year} Q{period.Number}"),
        _ => period.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The address of <paramref name="path"/> showing <paramref name="period"/>, with every other
    /// query value of <paramref name="query"/> kept but a list's cursor (a position in another
    /// period's list).
    /// </summary>
    public static string Link(string path, IQueryCollection query, Period period)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string> { "period=" + Uri.EscapeDataString(period.ToString()) };
        foreach (var (name, values) in query)
        {
            if (Moves(name)) continue;
            parts.AddRange(values.Select(v => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(v ?? "")));
        }
        return path + "?" + string.Join("&", parts);
    }

    /// <summary>Whether a query value changes with the period (the period itself, a list's cursor) rather than being kept.</summary>
    public static bool Moves(string name) =>
        string.Equals(name, "period", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "cursor", StringComparison.OrdinalIgnoreCase);
}
