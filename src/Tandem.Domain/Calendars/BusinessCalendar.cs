using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Calendars;

/// <summary>
/// When a team works: an IANA time zone, working intervals for each day of the week, and
/// holidays. Stored times are instants; a calendar only says how to read them. A day is a working
/// day when it has working intervals and is not a holiday; a shift belongs to the day it starts on,
/// so a night shift starting the evening before a holiday is worked. Working time is the union of
/// the shifts, read as <see cref="ShiftInstants"/> says across daylight-saving changes.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Creates and checks a calendar.</summary>
    /// <param name="zone">The zone the working hours are read in.</param>
    /// <param name="week">Working intervals per day of the week; days not listed are off.</param>
    /// <param name="holidays">Days off.</param>
    /// <exception cref="InvalidInputException">Intervals of one day overlap, or no day has any.</exception>
    public BusinessCalendar(
        DateTimeZone zone,
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> week,
        IReadOnlyList<Holiday>? holidays = null)
    {
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        ArgumentNullException.ThrowIfNull(week);
        var checkedWeek = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>();
        foreach (var (day, intervals) in week)
        {
            var ordered = intervals.OrderBy(i => i.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i - 1].CrossesMidnight || ordered[i].Start < ordered[i - 1].End)
                    throw new InvalidInputException($"calendar.workingHours.{day.ToString().ToLowerInvariant()}",
                        $"intervals {ordered[i - 1]} and {ordered[i]} overlap");
            if (ordered.Count > 0) checkedWeek[day] = ordered;
        }
        if (checkedWeek.Count == 0) throw new InvalidInputException("calendar.workingHours", "no day has working hours; SLA clocks would never run");
        Week = checkedWeek;
        Holidays = holidays ?? [];
    }

    /// <summary>The zone working hours and period boundaries are read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Working intervals per day of the week, each day's ordered by start.</summary>
    public IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> Week { get; }

    /// <summary>Days off.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Monday to Friday, 09:00-17:00, no holidays, in <paramref name="zone"/>.</summary>
    public static BusinessCalendar Standard(DateTimeZone zone)
    {
        IReadOnlyList<WorkingInterval> day = [new WorkingInterval(new LocalTime(9, 0), new LocalTime(17, 0))];
        return new BusinessCalendar(zone, new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [IsoDayOfWeek.Monday] = day,
            [IsoDayOfWeek.Tuesday] = day,
            [IsoDayOfWeek.Wednesday] = day,
            [IsoDayOfWeek.Thursday] = day,
            [IsoDayOfWeek.Friday] = day,
        });
    }

    /// <summary>Whether <paramref name="date"/> is a holiday.</summary>
    public bool IsHoliday(LocalDate date) => Holidays.Any(h => h.Matches(date));

    /// <summary>Whether work starts on <paramref name="date"/>: it has working hours and is no holiday.</summary>
    public bool IsWorkingDay(LocalDate date) => Week.ContainsKey(date.DayOfWeek) && !IsHoliday(date);

    /// <summary>The same working hours and holidays read in another zone (a rep's own).</summary>
    public BusinessCalendar InZone(DateTimeZone zone) => new(zone, Week, Holidays);

    /// <summary>
    /// The earliest instant at which <paramref name="minutes"/> working minutes have elapsed since
    /// <paramref name="start"/>: Friday 16:30 plus 30 minutes on a 09:00-17:00 calendar is Friday
    /// 17:00, not Monday 09:00. Zero minutes gives <paramref name="start"/> itself, even outside
    /// working hours.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minutes"/> is negative.</exception>
    public Instant AddWorkingMinutes(Instant start, int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        return AddWorkingTime(start, Duration.FromMinutes(minutes));
    }

    /// <summary>As <see cref="AddWorkingMinutes"/>, for any non-negative duration.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public Instant AddWorkingTime(Instant start, Duration amount)
    {
        if (amount < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(amount), amount, "must not be negative");
        if (amount == Duration.Zero) return start;
        var left = amount;
        foreach (var shift in ShiftInstants.From(this, start))
        {
            if (shift.End <= start) continue;
            var from = shift.Start > start ? shift.Start : start;
            var available = shift.End - from;
            if (available >= left) return from + left;
            left -= available;
        }
        throw new InvalidOperationException("unreachable: the working time never ends");
    }

    /// <summary>Working time in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        if (to < from) throw new ArgumentException($"the end {to} is before the start {from}", nameof(to));
        var total = Duration.Zero;
        foreach (var shift in ShiftInstants.From(this, from))
        {
            if (shift.Start >= to) break;
            var start = shift.Start > from ? shift.Start : from;
            var end = shift.End < to ? shift.End : to;
            if (end > start) total += end - start;
        }
        return total;
    }

    /// <summary>
    /// The end of the <paramref name="days"/>-th working day after the local date of
    /// <paramref name="start"/> (midnight at its end, in the calendar's zone): within 2 working
    /// days of a handoff on Friday means by the end of Tuesday.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is below 1.</exception>
    public Instant EndOfWorkingDays(Instant start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var date = start.InZone(Zone).Date;
        var idle = 0;
        while (days > 0)
        {
            date = date.PlusDays(1);
            if (IsWorkingDay(date)) { days--; idle = 0; }
            else if (++idle > 3 * 366) throw new InvalidInputException("calendar.holidays", $"leave no working day for three years after {date.PlusDays(-idle):uuuu-MM-dd}");
        }
        return Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
    }

    /// <summary>The same local time <paramref name="days"/> calendar days after <paramref name="start"/>, in the calendar's zone (a skipped time moves past the gap).</summary>
    public Instant AddCalendarDays(Instant start, int days) =>
        start.InZone(Zone).LocalDateTime.PlusDays(days).InZoneLeniently(Zone).ToInstant();
}
