using NodaTime;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Pacing;

/// <summary>A projection of where the period ends: the expected total and a 90% interval.</summary>
public sealed record Projection(Fraction Expected, long Low, long High);

/// <summary>The projection as it stands at the end of one day after the as-of date: the cumulative total expected by then and its 90% interval.</summary>
public sealed record ProjectedDay(LocalDate Date, Fraction Expected, long Low, long High);

/// <summary>How one goal (the total, or a segment's lead type) stands on the as-of date.</summary>
/// <param name="Goal">The period's goal.</param>
/// <param name="Actual">Delivered up to and including the as-of date.</param>
/// <param name="LineAtAsOf">The goal line at the as-of date.</param>
/// <param name="Status">Against the tolerance band around the line.</param>
/// <param name="Projection">Where the period should end at this pace.</param>
/// <param name="DailyRateNeeded">What each remaining counted day must bring to reach the goal; 0 once reached; null when no day remains.</param>
/// <param name="Daily">Actuals per date up to the as-of date, cumulative.</param>
public sealed record PacingStanding(Fraction Goal, Fraction Actual, Fraction LineAtAsOf, PacingStatus Status, Projection Projection, Fraction? DailyRateNeeded, IReadOnlyList<Fraction> Daily)
{
    /// <summary>Each remaining day of the period with the projection up to it; the last is <see cref="Projection"/> (empty when no day remains).</summary>
    public IReadOnlyList<ProjectedDay> Path { get; init; } = [];
}

/// <summary>
/// The pacing ("waterfall") of a period: the cumulative goal line against cumulative actuals, the
/// status against the tolerance band, a period-end projection, and the daily rate still needed.
/// The projection weights the remaining days by the day-of-week pattern of the arrivals before
/// the period (so weekends count for what they usually bring), scales it to the rate so far, and
/// gives a 90% interval from the Poisson spread of the remaining arrivals.
/// </summary>
public static class PacingReport
{
    /// <summary>How one goal stands.</summary>
    /// <param name="goal">The period's goal.</param>
    /// <param name="period">The period.</param>
    /// <param name="asOf">The last date with actuals (clamped to the period).</param>
    /// <param name="arrivals">What arrived on each date of the period (missing dates: nothing).</param>
    /// <param name="weekdayWeights">The share of a typical week's arrivals per day of the week (from history); null for a flat week.</param>
    /// <param name="tolerance">The band.</param>
    /// <param name="basis">Calendar or working days.</param>
    /// <param name="calendar">The calendar, for working-day pacing.</param>
    public static PacingStanding Stand(Fraction goal, Period period, LocalDate asOf, IReadOnlyDictionary<LocalDate, Fraction> arrivals,
        IReadOnlyDictionary<IsoDayOfWeek, double>? weekdayWeights, Tolerance tolerance, PacingBasis basis, BusinessCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var line = GoalLine.Daily(goal, period, tolerance, basis, calendar);
        var last = asOf < period.Start ? period.Start.PlusDays(-1) : asOf >= period.End ? period.End.PlusDays(-1) : asOf;
        var daily = new List<Fraction>();
        var actual = Fraction.Zero;
        foreach (var date in period.Dates().Where(d => d <= last))
        {
            actual += arrivals.GetValueOrDefault(date);
            daily.Add(actual);
        }
        var lineAtAsOf = last < period.Start ? Fraction.Zero : line.Single(p => p.Date == last).Goal;
        var status = tolerance.Classify(actual, lineAtAsOf);

        // Day-of-week weights: the elapsed and remaining days' shares of a week.
        double Weight(LocalDate d) => weekdayWeights is null ? 1.0 / 7 : weekdayWeights.GetValueOrDefault(d.DayOfWeek);
        var elapsed = period.Dates().Where(d => d <= last).Sum(Weight);
        var soFar = (double)actual.ToDecimal(6);
        Projection At(double remaining)
        {
            var expectedRest = elapsed > 0 ? soFar / elapsed * remaining : 0;
            var spread = 1.6448536269514722 * Math.Sqrt(expectedRest); // 90%: the normal approximation of a Poisson count
            var expected = actual + Fraction.FromDecimal((decimal)Math.Round(expectedRest, 6));
            return new Projection(expected, (long)Math.Floor(soFar + Math.Max(0, expectedRest - spread)), (long)Math.Ceiling(soFar + expectedRest + spread));
        }
        // The same sum of the remaining days' weights, day by day: the path's last day is the period-end projection itself.
        var path = new List<ProjectedDay>();
        var sum = 0.0;
        foreach (var date in period.Dates().Where(d => d > last))
        {
            sum += Weight(date);
            var day = At(sum);
            path.Add(new ProjectedDay(date, day.Expected, day.Low, day.High));
        }
        var projection = At(sum);

        bool Counts(LocalDate d) => basis == PacingBasis.CalendarDays || (calendar?.IsWorkingDay(d) ?? true);
        var daysLeft = period.Dates().Count(d => d > last && Counts(d));
        Fraction? needed = daysLeft == 0 ? null : actual >= goal ? Fraction.Zero : (goal - actual) / daysLeft;
        return new PacingStanding(goal, actual, lineAtAsOf, status, projection, needed, daily) { Path = path };
    }

    /// <summary>
    /// Each weekday's share of a typical week's arrivals, from <paramref name="history"/> (arrivals per
    /// date over whole weeks before the period); null when the history is empty, for a flat week.
    /// </summary>
    public static IReadOnlyDictionary<IsoDayOfWeek, double>? WeekdayWeights(IReadOnlyDictionary<LocalDate, Fraction> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var totals = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => 0.0);
        foreach (var (date, count) in history) totals[date.DayOfWeek] += (double)count.ToDecimal(6);
        var sum = totals.Values.Sum();
        return sum <= 0 ? null : totals.ToDictionary(t => t.Key, t => t.Value / sum);
    }
}
