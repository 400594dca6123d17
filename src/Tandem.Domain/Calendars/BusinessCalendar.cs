using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Calendars;

/// <summary>
/// When a team works: an IANA time zone, working intervals for each day of the week, and
/// holidays. Stored times are instants; a calendar only says how to read them. A day is a working
/// day when it has working intervals and is not a holiday.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Creates and checks a calendar.</summary>
    /// <param name="zone">The zone the working hours are read in.</param>
    /// <param name="week">Working intervals per day of the week; days not listed are off.</param>
    /// <param name="holidays">Days off.</param>
    /// <exception cref="InvalidInputException">Intervals of one day overlap, or none is empty.</exception>
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
}
