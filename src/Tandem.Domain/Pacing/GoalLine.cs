using NodaTime;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Pacing;

/// <summary>Which days the goal is spread over.</summary>
public enum PacingBasis
{
    /// <summary>Every calendar day carries an equal part: goal x d / n.</summary>
    CalendarDays,
    /// <summary>Only working days of the calendar carry a part; the line is flat on days off.</summary>
    WorkingDays,
}

/// <summary>One day of the cumulative goal line ("waterfall").</summary>
/// <param name="Date">The date; the value is the goal by the end of it.</param>
/// <param name="Day">1 for the period's first date.</param>
/// <param name="Goal">Cumulative goal, exact.</param>
/// <param name="Lower">Lower edge of the tolerance band.</param>
/// <param name="Upper">Upper edge of the tolerance band.</param>
public sealed record GoalLinePoint(LocalDate Date, int Day, Fraction Goal, Fraction Lower, Fraction Upper);

/// <summary>
/// The cumulative goal line for a period: on day d of an n-day period the line stands at
/// goal x d / n. With working-day pacing, d and n count working days only, so the line climbs on
/// working days and stays flat on weekends and holidays; it still ends at the goal.
/// </summary>
public static class GoalLine
{
    /// <summary>The line for every date of <paramref name="period"/>.</summary>
    /// <exception cref="InvalidInputException">Working-day pacing over a period with no working day.</exception>
    public static IReadOnlyList<GoalLinePoint> Daily(
        Fraction goal, Period period, Tolerance tolerance, PacingBasis basis = PacingBasis.CalendarDays, BusinessCalendar? calendar = null)
    {
        var dates = period.Dates().ToList();
        Func<LocalDate, bool> counts = basis == PacingBasis.CalendarDays
            ? _ => true
            : (calendar ?? throw new ArgumentNullException(nameof(calendar), "working-day pacing needs a calendar")).IsWorkingDay;
        var total = dates.Count(counts);
        if (total == 0)
            throw new InvalidInputException("pacing", $"period {period} has no working day in the calendar; pace it in calendar days");

        var points = new List<GoalLinePoint>(dates.Count);
        var elapsed = 0;
        for (var i = 0; i < dates.Count; i++)
        {
            if (counts(dates[i])) elapsed++;
            var cumulative = goal * new Fraction(elapsed, total);
            points.Add(new GoalLinePoint(dates[i], i + 1, cumulative, tolerance.Lower(cumulative), tolerance.Upper(cumulative)));
        }
        return points;
    }
}
