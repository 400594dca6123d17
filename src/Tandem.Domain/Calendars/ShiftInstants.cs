using NodaTime;
using NodaTime.TimeZones;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Calendars;

/// <summary>
/// Turns a calendar's local shifts into instants. A shift runs from the first moment the wall clock
/// shows its start to the last moment it shows its end, so a shift spanning the hour that repeats
/// when clocks go back lasts an hour longer, and one spanning the hour skipped in spring an hour
/// shorter. A start or end that falls in a skipped hour is moved to the end of the gap.
/// </summary>
internal static class ShiftInstants
{
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The shifts that start on <paramref name="date"/> (none on a holiday), as instant intervals, in order; empty ones left out.</summary>
    public static IEnumerable<Interval> On(BusinessCalendar calendar, LocalDate date)
    {
        if (!calendar.Week.TryGetValue(date.DayOfWeek, out var shifts) || calendar.IsHoliday(date)) yield break;
        foreach (var shift in shifts)
        {
            var start = (date + shift.Start).InZone(calendar.Zone, StartResolver).ToInstant();
            var endDate = shift.CrossesMidnight ? date.PlusDays(1) : date;
            var end = (endDate + shift.End).InZone(calendar.Zone, EndResolver).ToInstant();
            if (end > start) yield return new Interval(start, end);
        }
    }

    /// <summary>
    /// Working time from the day before <paramref name="from"/>'s local date onwards, as disjoint
    /// intervals in order (shifts that touch or overlap, such as a night shift running into an early
    /// one, are merged). Endless: the caller stops. Throws when a long stretch has no working time at all.
    /// </summary>
    public static IEnumerable<Interval> From(BusinessCalendar calendar, Instant from)
    {
        var date = from.InZone(calendar.Zone).Date.PlusDays(-1);
        Interval? pending = null;
        var idleDays = 0;
        while (true)
        {
            var any = false;
            foreach (var shift in On(calendar, date))
            {
                any = true;
                if (pending is { } p && shift.Start <= p.End)
                {
                    pending = new Interval(p.Start, shift.End > p.End ? shift.End : p.End);
                    continue;
                }
                if (pending is { } done) yield return done;
                pending = shift;
            }
            idleDays = any ? 0 : idleDays + 1;
            // Holidays can empty a few weeks, never years: a calendar that does is unusable, not slow.
            if (idleDays > 3 * 366) throw new InvalidInputException("calendar.holidays", $"leave no working day for three years after {date.PlusDays(-idleDays):uuuu-MM-dd}");
            date = date.PlusDays(1);
        }
    }
}
