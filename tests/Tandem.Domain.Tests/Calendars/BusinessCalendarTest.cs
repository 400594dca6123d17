using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Calendars;

public class BusinessCalendarTest
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();

    private static string Local(BusinessCalendar calendar, Instant instant) =>
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>").Format(instant.InZone(calendar.Zone).ToOffsetDateTime());

    private static BusinessCalendar Calendar(DateTimeZone zone, string weekdays, params Holiday[] holidays)
    {
        var shifts = weekdays.Split(',').Select(r =>
        {
            var parts = r.Split('-');
            return new WorkingInterval(LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[0]).Value, LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[1]).Value);
        }).ToList();
        var week = Enumerable.Range(1, 5).ToDictionary(d => (IsoDayOfWeek)d, _ => (IReadOnlyList<WorkingInterval>)shifts);
        return new BusinessCalendar(zone, week, holidays);
    }

    [Theory]
    [InlineData("2026-03-06T16:30:00-05:00", 120, "2026-03-09T10:30:00-04:00")] // the example: a weekend and the spring change
    [InlineData("2026-03-06T16:30:00-05:00", 30, "2026-03-06T17:00:00-05:00")]  // ends at the close, not at the next opening
    [InlineData("2026-03-06T16:30:00-05:00", 0, "2026-03-06T16:30:00-05:00")]
    [InlineData("2026-03-07T12:00:00-05:00", 0, "2026-03-07T12:00:00-05:00")]  // zero outside working hours: the start itself
    [InlineData("2026-03-07T12:00:00-05:00", 1, "2026-03-09T09:01:00-04:00")]
    [InlineData("2026-10-30T16:00:00-04:00", 480, "2026-11-02T16:00:00-05:00")] // across the autumn change
    [InlineData("2026-03-09T08:00:00-04:00", 480, "2026-03-09T17:00:00-04:00")]
    public void AddWorkingMinutes_StandardCalendar(string start, int minutes, string due)
    {
        var calendar = BusinessCalendar.Standard(NewYork);
        Assert.Equal(due, Local(calendar, calendar.AddWorkingMinutes(At(start), minutes)));
    }

    [Fact]
    public void AddWorkingMinutes_SkipsTheLunchBreak()
    {
        var calendar = Calendar(DateTimeZone.Utc, "09:00-12:00,13:00-17:00");
        Assert.Equal("2026-11-24T13:30:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-24T11:30:00Z"), 60)));
        Assert.Equal("2026-11-24T12:00:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-24T11:30:00Z"), 30)));
    }

    [Fact]
    public void AddWorkingMinutes_NightShiftRunsPastMidnight()
    {
        var calendar = Calendar(DateTimeZone.Utc, "22:00-06:00");
        // Friday night's shift runs into Saturday morning; the next one starts Monday night.
        Assert.Equal("2026-11-28T05:00:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-27T23:00:00Z"), 360)));
        Assert.Equal("2026-11-30T22:30:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-27T23:00:00Z"), 450)));
    }

    [Fact]
    public void AddWorkingMinutes_SkipsHolidaysOfBothKinds()
    {
        var calendar = Calendar(DateTimeZone.Utc, "09:00-17:00", new Holiday.OnDate(new LocalDate(2026, 11, 26)), new Holiday.Yearly(new AnnualDate(11, 27)));
        Assert.Equal("2026-11-30T09:30:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-25T16:30:00Z"), 60)));
        // Next year the 27th is a holiday again, the 26th is not.
        Assert.Equal("2027-11-26T09:30:00+00:00", Local(calendar, calendar.AddWorkingMinutes(At("2027-11-25T16:30:00Z"), 60)));
    }

    [Fact]
    public void AddWorkingMinutes_HalfHourZone()
    {
        var calendar = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]);
        Assert.Equal("2026-11-24T09:30:00+05:30", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-24T03:00:00Z"), 30)));
    }

    [Fact]
    public void AddWorkingMinutes_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.Standard(DateTimeZone.Utc).AddWorkingMinutes(At("2026-11-24T10:00:00Z"), -1));

    [Theory]
    [InlineData("2026-03-06T16:30:00-05:00", "2026-03-09T10:30:00-04:00", 120)]
    [InlineData("2026-03-07T00:00:00-05:00", "2026-03-08T23:59:00-04:00", 0)]
    [InlineData("2026-11-24T10:00:00-05:00", "2026-11-24T10:00:00-05:00", 0)]
    [InlineData("2026-11-23T00:00:00-05:00", "2026-11-30T00:00:00-05:00", 5 * 480)]
    public void WorkingTimeBetween_StandardCalendar(string from, string to, int minutes)
    {
        var calendar = BusinessCalendar.Standard(NewYork);
        Assert.Equal(Duration.FromMinutes(minutes), calendar.WorkingTimeBetween(At(from), At(to)));
    }

    [Fact]
    public void WorkingTimeBetween_EndBeforeStart_Throws() =>
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Standard(DateTimeZone.Utc).WorkingTimeBetween(At("2026-11-24T10:00:00Z"), At("2026-11-24T09:59:59Z")));

    [Fact]
    public void WorkingTimeBetween_ShiftAcrossTheRepeatedHour_IsAnHourLonger()
    {
        // 2026-11-01, New York: 02:00 EDT goes back to 01:00 EST; a Sunday 00:00-04:00 shift lasts 5 hours.
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> { [IsoDayOfWeek.Sunday] = [new(new LocalTime(0, 0), new LocalTime(4, 0))] };
        var calendar = new BusinessCalendar(NewYork, week);
        Assert.Equal(Duration.FromHours(5), calendar.WorkingTimeBetween(At("2026-10-31T12:00:00-04:00"), At("2026-11-02T00:00:00-05:00")));
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; the same shift lasts 3 hours.
        Assert.Equal(Duration.FromHours(3), calendar.WorkingTimeBetween(At("2026-03-07T12:00:00-05:00"), At("2026-03-09T00:00:00-04:00")));
    }

    [Fact]
    public void EndOfWorkingDays_CountsWorkingDaysAfterTheStartDay()
    {
        var calendar = BusinessCalendar.Standard(NewYork);
        // Friday's handoff, two working days: the end of Tuesday.
        Assert.Equal("2026-11-25T00:00:00-05:00", Local(calendar, calendar.EndOfWorkingDays(At("2026-11-20T15:00:00-05:00"), 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.EndOfWorkingDays(At("2026-11-20T15:00:00-05:00"), 0));
    }

    [Fact]
    public void AddCalendarDays_KeepsTheLocalTimeAcrossAChange()
    {
        var calendar = BusinessCalendar.Standard(NewYork);
        Assert.Equal("2026-11-06T10:00:00-05:00", Local(calendar, calendar.AddCalendarDays(At("2026-10-30T10:00:00-04:00"), 7)));
    }

    [Fact]
    public void InZone_ReadsTheSameHoursElsewhere()
    {
        var calendar = BusinessCalendar.Standard(NewYork).InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        Assert.Equal("2026-11-24T09:30:00+01:00", Local(calendar, calendar.AddWorkingMinutes(At("2026-11-24T06:00:00Z"), 30)));
    }

    [Fact]
    public void Constructor_NoWorkingDay_NamesWorkingHours() =>
        Assert.Equal("calendar.workingHours", Assert.Throws<InvalidInputException>(() =>
            new BusinessCalendar(DateTimeZone.Utc, new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>())).Field);

    [Fact]
    public void AddWorkingMinutes_HolidaysCoveringEveryWorkingDay_NameTheHolidays()
    {
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>> { [IsoDayOfWeek.Monday] = [new(new LocalTime(9, 0), new LocalTime(17, 0))] };
        var holidays = Enumerable.Range(1, 366).Select(d => (Holiday)new Holiday.Yearly(AnnualOf(d))).ToList();
        var calendar = new BusinessCalendar(DateTimeZone.Utc, week, holidays);
        Assert.Equal("calendar.holidays", Assert.Throws<InvalidInputException>(() => calendar.AddWorkingMinutes(At("2026-11-24T10:00:00Z"), 1)).Field);
    }

    private static AnnualDate AnnualOf(int dayOfLeapYear)
    {
        var date = new LocalDate(2028, 1, 1).PlusDays(dayOfLeapYear - 1);
        return new AnnualDate(date.Month, date.Day);
    }
}
