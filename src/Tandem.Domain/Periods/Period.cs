using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Periods;

/// <summary>The length of the period both teams plan and measure in.</summary>
public enum PeriodKind
{
    /// <summary>A calendar month, written <c>2026-11</c>.</summary>
    Month,
    /// <summary>A calendar quarter, written <c>2026-Q4</c>.</summary>
    Quarter,
    /// <summary>A calendar year, written <c>2026</c>.</summary>
    Year,
}

/// <summary>
/// One month, quarter or year. It covers the dates from <see cref="Start"/> (included) to
/// <see cref="End"/> (excluded); the time zone that turns those dates into instants is the
/// agreement's calendar's.
/// </summary>
public readonly partial record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    /// <summary>Month, quarter or year.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The calendar year.</summary>
    public int Year { get; }

    /// <summary>Month 1-12, quarter 1-4, or 1 for a year.</summary>
    public int Number { get; }

    /// <summary>The first date of the period.</summary>
    public LocalDate Start => Kind switch
    {
        PeriodKind.Month => new LocalDate(Year, Number, 1),
        PeriodKind.Quarter => new LocalDate(Year, (Number - 1) * 3 + 1, 1),
        _ => new LocalDate(Year, 1, 1),
    };

    /// <summary>The first date after the period (exclusive end).</summary>
    public LocalDate End => Next().Start;

    /// <summary>Number of calendar days in the period.</summary>
    public int Days => Period.DaysBetween(Start, End);

    /// <summary>Every date of the period, in order.</summary>
    public IEnumerable<LocalDate> Dates()
    {
        for (var d = Start; d < End; d = d.PlusDays(1)) yield return d;
    }

    /// <summary>A month.</summary>
    public static Period Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new(PeriodKind.Month, CheckYear(year), month);
    }

    /// <summary>A quarter.</summary>
    public static Period Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new(PeriodKind.Quarter, CheckYear(year), quarter);
    }

    /// <summary>A year.</summary>
    public static Period OfYear(int year) => new(PeriodKind.Year, CheckYear(year), 1);

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static Period Containing(LocalDate date, PeriodKind kind) => kind switch
    {
        PeriodKind.Month => Month(date.Year, date.Month),
        PeriodKind.Quarter => Quarter(date.Year, (date.Month - 1) / 3 + 1),
        _ => OfYear(date.Year),
    };

    /// <summary>
    /// Parses <c>2026-11</c> (month), <c>2026-Q4</c> (quarter) or <c>2026</c> (year);
    /// <paramref name="field"/> names the value in errors.
    /// </summary>
    /// <exception cref="InvalidInputException">The text is none of these.</exception>
    public static Period Parse(string? text, string field)
    {
        var trimmed = (text ?? "").Trim();
        var match = Pattern().Match(trimmed);
        if (!match.Success)
            throw new InvalidInputException(field, $"'{trimmed}' is not a period; write a month as 2026-11, a quarter as 2026-Q4, a year as 2026");
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 9998) throw new InvalidInputException(field, $"year {year} is outside 1900-9998");
        if (match.Groups["m"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) throw new InvalidInputException(field, $"month {month} is not 01-12");
            return Month(year, month);
        }
        if (match.Groups["q"].Success)
        {
            var quarter = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
            if (quarter is < 1 or > 4) throw new InvalidInputException(field, $"quarter Q{quarter} is not Q1-Q4");
            return Quarter(year, quarter);
        }
        return OfYear(year);
    }

    /// <summary>The period <paramref name="count"/> periods later (earlier when negative).</summary>
    public Period Plus(int count)
    {
        var perYear = Kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, _ => 1 };
        var ordinal = checked((long)Year * perYear + (Number - 1) + count);
        if (ordinal < perYear) throw new ArgumentOutOfRangeException(nameof(count), count, "the period would fall before year 1");
        return new Period(Kind, CheckYear((int)(ordinal / perYear)), (int)(ordinal % perYear) + 1);
    }

    /// <summary>The following period.</summary>
    public Period Next() => Plus(1);

    /// <summary>How many periods from <paramref name="other"/> to this one (same kind).</summary>
    public int PeriodsSince(Period other)
    {
        if (other.Kind != Kind) throw new ArgumentException($"cannot compare a {Kind} with a {other.Kind}", nameof(other));
        var perYear = Kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, _ => 1 };
        return (Year - other.Year) * perYear + (Number - other.Number);
    }

    /// <summary>Whether the date falls in the period.</summary>
    public bool Contains(LocalDate date) => date >= Start && date < End;

    /// <summary>Orders periods of the same kind by time.</summary>
    public int CompareTo(Period other) => Start.CompareTo(other.Start) is var c && c != 0 ? c : Kind.CompareTo(other.Kind);

    /// <summary><c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

#pragma warning disable CS1591
    public static bool operator <(Period a, Period b) => a.CompareTo(b) < 0;
    public static bool operator >(Period a, Period b) => a.CompareTo(b) > 0;
    public static bool operator <=(Period a, Period b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Period a, Period b) => a.CompareTo(b) >= 0;
#pragma warning restore CS1591

    private static int DaysBetween(LocalDate start, LocalDate end) => NodaTime.Period.Between(start, end, PeriodUnits.Days).Days;

    private static int CheckYear(int year)
    {
        if (year is < 1 or > 9998) throw new ArgumentOutOfRangeException(nameof(year), year, "year out of range");
        return year;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?:(?<m>\d{2})|[Qq](?<q>\d)))?$")]
    private static partial Regex Pattern();
}
