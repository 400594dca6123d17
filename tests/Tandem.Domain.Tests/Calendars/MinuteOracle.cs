using NodaTime;
using Tandem.Domain.Calendars;

namespace Tandem.Domain.Tests.Calendars;

/// <summary>
/// Brute force: walks time one minute at a time and asks, for each minute, whether any shift of
/// its local day or the day before covers it. A shift runs from the first instant the wall clock
/// shows its start to the last instant it shows its end (a time in a skipped hour: the gap's end),
/// found here through the zone's raw local mapping rather than the resolvers the calendar uses.
/// </summary>
public sealed class MinuteOracle(BusinessCalendar calendar)
{
    private readonly Dictionary<LocalDate, List<(Instant Start, Instant End)>> shifts = [];

    public bool IsWorking(Instant minute)
    {
        var date = minute.InZone(calendar.Zone).Date;
        return Covers(date, minute) || Covers(date.PlusDays(-1), minute);
    }

    /// <summary>The end of the n-th working minute from <paramref name="start"/>, or null when it lies beyond <paramref name="limit"/>.</summary>
    public Instant? Due(Instant start, int minutes, Instant limit)
    {
        if (minutes == 0) return start;
        var count = 0;
        for (var m = start; m < limit; m += Duration.FromMinutes(1))
            if (IsWorking(m) && ++count == minutes) return m + Duration.FromMinutes(1);
        return null;
    }

    public long MinutesBetween(Instant from, Instant to)
    {
        long count = 0;
        for (var m = from; m < to; m += Duration.FromMinutes(1))
            if (IsWorking(m)) count++;
        return count;
    }

    private bool Covers(LocalDate date, Instant minute)
    {
        if (!shifts.TryGetValue(date, out var list))
        {
            list = [];
            if (calendar.Week.TryGetValue(date.DayOfWeek, out var day) && !calendar.Holidays.Any(h => h.Matches(date)))
                foreach (var shift in day)
                    list.Add((First(date + shift.Start), Last((shift.End <= shift.Start ? date.PlusDays(1) : date) + shift.End)));
            shifts[date] = list;
        }
        return list.Any(s => s.Start <= minute && minute < s.End);
    }

    private Instant First(LocalDateTime local)
    {
        var mapping = calendar.Zone.MapLocal(local);
        return mapping.Count > 0 ? mapping.First().ToInstant() : mapping.LateInterval.Start;
    }

    private Instant Last(LocalDateTime local)
    {
        var mapping = calendar.Zone.MapLocal(local);
        return mapping.Count > 0 ? mapping.Last().ToInstant() : mapping.LateInterval.Start;
    }
}
