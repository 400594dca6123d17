using NodaTime;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Deliverables;

public class QuotaJudgeTest
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDate Nov1 = new(2026, 11, 1), Dec1 = new(2026, 12, 1);

    private static Instant At(int month, int day, int hour = 12) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(NewYork).ToInstant();

    [Fact]
    public void Judge_FourBlogPostsAMonth_MetOnTheFourthAndMissedWhenTheMonthEndsShort()
    {
        var quota = new Quota(4, QuotaPeriod.Month);
        Instant[] posts = [At(11, 3), At(11, 10), At(11, 17)];

        var running = QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(11, 20), posts);
        var ended = QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(12, 2), posts);
        var fourth = QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(11, 25), [.. posts, At(11, 24)]);

        Assert.Equal((4L, 3L, (bool?)null), (running.Target, running.Delivered, running.Met));
        Assert.Equal((4L, 3L, (bool?)false), (ended.Target, ended.Delivered, ended.Met));
        Assert.Equal((4L, 4L, (bool?)true), (fourth.Target, fourth.Delivered, fourth.Met));
    }

    [Fact]
    public void Judge_ThreeCampaignsAQuarter_OnAMonthlyScorecard_ShowsTheQuarterAsItStoodAtTheMonthsEnd()
    {
        var quota = new Quota(3, QuotaPeriod.Quarter);
        Instant[] launches = [At(10, 5), At(11, 12), At(12, 1)];

        var october = QuotaJudge.Judge(quota, new LocalDate(2026, 10, 1), Nov1, NewYork, At(12, 20), launches);
        var december = QuotaJudge.Judge(quota, Dec1, new LocalDate(2027, 1, 1), NewYork, At(12, 20), launches);

        Assert.Equal((3L, 1L, (bool?)null), (october.Target, october.Delivered, october.Met));
        Assert.Equal((3L, 3L, (bool?)true), (december.Target, december.Delivered, december.Met));
        Assert.Single(october.Windows);
        Assert.False(october.Windows[0].Closed);
    }

    [Fact]
    public void Judge_AWeeklyReport_EachWeekOnItsOwn_InTheMonthItEnds()
    {
        // November 2026 starts on a Sunday: the weeks ending in it start Oct 26, Nov 2, 9, 16 and 23;
        // the week of Nov 30 - Dec 6 ends in December and is judged there.
        var quota = new Quota(1, QuotaPeriod.Week);
        Instant[] reports = [At(11, 2), At(11, 3), At(11, 9), At(11, 16), At(11, 23), At(12, 1)];

        var october = QuotaJudge.Judge(quota, new LocalDate(2026, 10, 1), Nov1, NewYork, At(12, 20), reports);
        var november = QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(12, 20), reports);
        var december = QuotaJudge.Judge(quota, Dec1, new LocalDate(2027, 1, 1), NewYork, At(12, 20), reports);

        Assert.Equal(5, november.Windows.Count);
        Assert.Equal(new LocalDate(2026, 10, 26), november.Windows[0].Start);
        Assert.Equal(false, november.Windows[0].Met);   // the week of Oct 26 - Nov 1 had none
        Assert.Equal(new LocalDate(2026, 11, 23), november.Windows[^1].Start);
        Assert.All(november.Windows, w => Assert.True(w.Closed));
        Assert.Equal((5L, 5L, (bool?)false), (november.Target, november.Delivered, november.Met));
        Assert.DoesNotContain(october.Windows, w => w.Start == new LocalDate(2026, 10, 26));
        Assert.Equal(new LocalDate(2026, 11, 30), december.Windows[0].Start);
        Assert.Equal(1, december.Windows[0].Delivered);
    }

    [Fact]
    public void Judge_AWeeklyReport_APastMonthWithEveryWeekDelivered_IsMet()
    {
        var quota = new Quota(1, QuotaPeriod.Week);
        Instant[] reports = [At(10, 27), At(11, 3), At(11, 9), At(11, 16), At(11, 23)];

        var november = QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(12, 20), reports);

        Assert.Equal((5L, 5L, (bool?)true), (november.Target, november.Delivered, november.Met));
    }

    [Fact]
    public void Judge_ADeliveryAtMidnightBelongsToTheDayItStarts_InTheCalendarsZone()
    {
        var midnight = NewYork.AtStartOfDay(Dec1).ToInstant();
        var quota = new Quota(1, QuotaPeriod.Month);

        Assert.Equal(0, QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(12, 5), [midnight]).Delivered);
        Assert.Equal(1, QuotaJudge.Judge(quota, Nov1, Dec1, NewYork, At(12, 5), [midnight - Duration.Epsilon]).Delivered);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Quota_RefusesACountOutsideOneToTenThousand(int count) =>
        Assert.Equal("deliverables.content.pieces[1].count", Assert.Throws<InvalidInputException>(() => new Quota(count, QuotaPeriod.Month, "deliverables.content.pieces[1].count")).Field);
}
