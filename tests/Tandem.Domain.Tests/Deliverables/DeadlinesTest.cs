using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Tests.Calendars;

namespace Tandem.Domain.Tests.Deliverables;

public class DeadlinesTest
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 14, 0);

    [Fact]
    public void Tally_OnTimeLateOpenAndNotYetKnown()
    {
        var due = T0 + Duration.FromHours(48);
        DeadlineItem[] items =
        [
            new(due, due),                                   // at the deadline exactly: kept
            new(due, due + Duration.FromSeconds(1)),          // a second late: missed
            new(due, null),                                  // not done, past due by asOf: missed
            new(due + Duration.FromDays(30), null),          // not done, not yet due: pending
            new(due + Duration.FromDays(30), due + Duration.FromDays(40)), // done after asOf: not known yet, pending
        ];

        var tally = Deadlines.Tally(items, due + Duration.FromDays(3));

        Assert.Equal(new DeadlineTally(1, 2, 2), tally);
        Assert.Equal(new Numbers.Fraction(1, 3), tally.Share);
        Assert.Null(Deadlines.Tally([new(due, null)], due).Share);
    }

    [Fact]
    public void Nth_CountsUsesBeforePublicationAsAtPublication()
    {
        Instant[] uses = [T0 - Duration.FromDays(1), T0 + Duration.FromDays(3), T0 + Duration.FromDays(1)];

        Assert.Equal(T0, Deadlines.Nth(uses, 1, T0));
        Assert.Equal(T0 + Duration.FromDays(3), Deadlines.Nth(uses, 3, T0));
        Assert.Null(Deadlines.Nth(uses, 4, T0));
    }

    [Fact]
    public void FollowUpDue_FortyEightHours_WallClockOrWorkingTime()
    {
        var calendar = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["America/New_York"]);
        var friday = new LocalDateTime(2026, 11, 6, 16, 0).InZoneStrictly(calendar.Zone).ToInstant();

        var wall = DeliverableScorecard.FollowUpDue(new CampaignFollowUp(48 * 60, ClockKind.Wall), calendar, friday);
        var working = DeliverableScorecard.FollowUpDue(new CampaignFollowUp(48 * 60, ClockKind.Working), calendar, friday);

        Assert.Equal(friday + Duration.FromHours(48), wall);
        // 48 working hours of 8-hour days from Friday 16:00: 1 h on Friday, 40 h the next week, 7 h on Monday Nov 16.
        Assert.Equal(new LocalDateTime(2026, 11, 16, 16, 0).InZoneStrictly(calendar.Zone).ToInstant(), working);
    }

    [Fact]
    public void LastOnTime_IsTheEndOfTheDayDaysBeforeTheLaunch()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var last = DeliverableScorecard.LastOnTime(zone, new LocalDate(2026, 12, 15), 7);

        Assert.Equal(new LocalDate(2026, 12, 8), last.InZone(zone).Date);
        Assert.Equal(new LocalDate(2026, 12, 9), (last + Duration.Epsilon).InZone(zone).Date);
    }

    public static class Items
    {
        public static Arbitrary<(DeadlineItem[] Items, Instant AsOf)> Arbitrary() => Gen.Choose(0, int.MaxValue - 1).Select(seed =>
        {
            var random = new Random(seed);
            Instant At() => T0 + Duration.FromMinutes(random.Next(20_000));
            var items = Enumerable.Range(0, random.Next(30)).Select(_ => new DeadlineItem(At(), random.Next(3) == 0 ? null : At())).ToArray();
            return (items, At());
        }).ToArbitrary();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Items)])]
    public void Tally_EveryItemIsCountedOnce_AndAgreesWithTheDefinition((DeadlineItem[] Items, Instant AsOf) c)
    {
        var tally = Deadlines.Tally(c.Items, c.AsOf);

        Assert.Equal(c.Items.Length, tally.Kept + tally.Missed + tally.Pending);
        Assert.Equal(c.Items.Count(i => i.DoneAt <= c.AsOf && i.DoneAt <= i.Due), tally.Kept);
        Assert.Equal(c.Items.Count(i => !(i.DoneAt <= c.AsOf) && c.AsOf <= i.Due), tally.Pending);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Items)])]
    public void Tally_LaterAsOf_NeverUndoesAVerdict((DeadlineItem[] Items, Instant AsOf) c)
    {
        var early = Deadlines.Tally(c.Items, c.AsOf);
        var late = Deadlines.Tally(c.Items, c.AsOf + Duration.FromDays(3));

        // Waiting items get judged; a kept or missed item stays so.
        Assert.True(late.Kept >= early.Kept && late.Missed >= early.Missed && late.Pending <= early.Pending, $"{early} then {late}");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(CalendarArbitrary)])]
    public void FollowUpDue_Working_IsTheEndOfTheNthWorkingMinute(CalendarCase c, NonNegativeInt minutes)
    {
        var n = 1 + minutes.Get % 3000;
        var horizon = c.Start + Duration.FromDays(30);

        var due = DeliverableScorecard.FollowUpDue(new CampaignFollowUp(n, ClockKind.Working), c.Calendar, c.Start);

        if (new MinuteOracle(c.Calendar).Due(c.Start, n, horizon) is { } expected) Assert.True(expected == due, $"{c}; +{n}: expected {expected}, got {due}");
        else Assert.True(due >= horizon, $"{c}; +{n}: oracle found none, got {due}");
    }
}
