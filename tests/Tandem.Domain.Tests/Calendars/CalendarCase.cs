using NodaTime;
using Tandem.Domain.Calendars;

namespace Tandem.Domain.Tests.Calendars;

/// <summary>
/// A random calendar and start instant built from one seed: one of the zones the issue names, a
/// start within three days of one of that zone's 2026 daylight-saving changes, one to three shifts
/// on most days (on half-hours, so they hit the skipped and repeated hours; the last sometimes
/// crossing midnight), and holidays of both kinds near the start.
/// </summary>
public sealed record CalendarCase(BusinessCalendar Calendar, Instant Start, int Seed)
{
    private static readonly (string Zone, LocalDate[] Changes)[] Zones =
    [
        ("America/New_York", [new(2026, 3, 8), new(2026, 11, 1)]),
        ("Europe/Berlin", [new(2026, 3, 29), new(2026, 10, 25)]),
        ("Australia/Sydney", [new(2026, 4, 5), new(2026, 10, 4)]),
        ("Asia/Kolkata", [new(2026, 3, 8), new(2026, 10, 25)]),
        ("UTC", [new(2026, 2, 28), new(2026, 12, 31)]),
    ];

    public static CalendarCase From(int seed)
    {
        var random = new Random(seed);
        var (zoneId, changes) = Zones[random.Next(Zones.Length)];
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var anchor = changes[random.Next(changes.Length)].PlusDays(random.Next(2) == 0 ? 0 : random.Next(-3, 2));

        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>();
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
            if (random.Next(10) < 7) week[day] = Shifts(random);
        if (week.Count == 0) week[IsoDayOfWeek.Sunday] = Shifts(random);

        var holidays = new List<Holiday>();
        for (var i = random.Next(3); i > 0; i--) holidays.Add(new Holiday.OnDate(anchor.PlusDays(random.Next(-2, 6))));
        if (random.Next(3) == 0)
        {
            var yearly = anchor.PlusDays(random.Next(-2, 6));
            holidays.Add(new Holiday.Yearly(new AnnualDate(yearly.Month, yearly.Day)));
        }

        // Any minute of the anchor day, as the zone reads it (a skipped one moves past the gap).
        var local = anchor.AtMidnight().PlusMinutes(random.Next(2) == 0 ? random.Next(30, 240) : random.Next(24 * 60));
        return new CalendarCase(new BusinessCalendar(zone, week, holidays), local.InZoneLeniently(zone).ToInstant(), seed);
    }

    /// <summary>One to three ordered shifts on half-hour marks; the last crosses midnight one time in four.</summary>
    private static List<WorkingInterval> Shifts(Random random)
    {
        var count = random.Next(1, 4);
        // Half the marks fall between 01:00 and 03:30, where the clocks of these zones change.
        var marks = new SortedSet<int>();
        while (marks.Count < count * 2) marks.Add(random.Next(2) == 0 ? random.Next(2, 8) : random.Next(48));
        var ordered = marks.ToList();
        var shifts = new List<WorkingInterval>();
        for (var i = 0; i < count; i++)
            shifts.Add(new WorkingInterval(Time(ordered[2 * i]), Time(ordered[2 * i + 1])));
        if (random.Next(4) == 0)
        {
            var last = shifts[^1];
            var end = random.Next(0, ordered[0] + 1); // at or before the day's first start: no overlap with the next day's first shift is required
            shifts[^1] = new WorkingInterval(last.Start, Time(end));
        }
        return shifts;
    }

    private static LocalTime Time(int halfHours) => LocalTime.Midnight.PlusMinutes(halfHours * 30);

    public override string ToString() =>
        $"seed {Seed}: {Calendar.Zone.Id}, start {Start}, week {string.Join("; ", Calendar.Week.Select(d => $"{d.Key} {string.Join(",", d.Value)}"))}, holidays {string.Join(",", Calendar.Holidays)}";
}
