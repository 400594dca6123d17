using NodaTime;

namespace Tandem.Domain.Calendars;

/// <summary>A day off: one date, or the same date every year.</summary>
public abstract record Holiday
{
    /// <summary>Whether <paramref name="day"/> is this holiday.</summary>
    public abstract bool Matches(LocalDate day);

    /// <summary>A single date, e.g. 2026-11-26.</summary>
    /// <param name="Date">The date.</param>
    public sealed record OnDate(LocalDate Date) : Holiday
    {
        /// <inheritdoc />
        public override bool Matches(LocalDate day) => day == Date;

        /// <summary><c>2026-11-26</c>.</summary>
        public override string ToString() => Date.ToString("uuuu-MM-dd", null);
    }

    /// <summary>A yearly date, e.g. 12-25. February 29 falls only in leap years.</summary>
    /// <param name="Date">Month and day.</param>
    public sealed record Yearly(AnnualDate Date) : Holiday
    {
        /// <inheritdoc />
        public override bool Matches(LocalDate day) => day.Month == Date.Month && day.Day == Date.Day;

        /// <summary><c>12-25</c>.</summary>
        public override string ToString() => Date.ToString("MM-dd", null);
    }
}
