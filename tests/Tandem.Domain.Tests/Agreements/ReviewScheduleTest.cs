using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Agreements;

/// <summary>The review dates: every reviewEvery months from activation, counted from the activation date so they never drift.</summary>
public sealed class ReviewScheduleTest
{
    private static readonly LocalDate Activated = new(2026, 1, 31);

    [Theory]
    [InlineData("2026-01-31", "2026-04-30")] // activated that day: the first review is a quarter on
    [InlineData("2026-04-30", "2026-04-30")] // due today
    [InlineData("2026-05-01", "2026-07-31")] // past it: the next quarter, back on the 31st
    [InlineData("2026-10-31", "2026-10-31")]
    [InlineData("2027-01-30", "2027-01-31")]
    public void Next_Quarterly_FromTheEndOfJanuary(string today, string next) =>
        Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(next, System.Globalization.CultureInfo.InvariantCulture)),
            ReviewSchedule.Next(Activated, 3, LocalDate.FromDateTime(DateTime.Parse(today, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void LastDue_IsNullBeforeTheFirstReview_ThenTheLatestOne()
    {
        Assert.Null(ReviewSchedule.LastDue(Activated, 3, new LocalDate(2026, 4, 29)));
        Assert.Equal(new LocalDate(2026, 4, 30), ReviewSchedule.LastDue(Activated, 3, new LocalDate(2026, 4, 30)));
        Assert.Equal(new LocalDate(2026, 4, 30), ReviewSchedule.LastDue(Activated, 3, new LocalDate(2026, 7, 30)));
        Assert.Equal(new LocalDate(2026, 7, 31), ReviewSchedule.LastDue(Activated, 3, new LocalDate(2026, 7, 31)));
        Assert.Equal(new LocalDate(2026, 2, 28), ReviewSchedule.LastDue(Activated, 1, new LocalDate(2026, 3, 30)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void AnIntervalOutsideOneToTwentyFourMonths_IsRefused(int months)
    {
        var e = Assert.Throws<InvalidInputException>(() => ReviewSchedule.Next(Activated, months, Activated));
        Assert.Equal(("reviewEvery", $"must be 1 to 24 months (got {months})"), (e.Field, e.Reason));
    }

    [Property]
    public void Next_IsTheFirstReviewDateOnOrAfterToday(int start, int offset, int interval)
    {
        var activated = new LocalDate(2020, 1, 1).PlusDays(Math.Abs(start % 3000));
        var months = Math.Abs(interval % 24) + 1;
        var today = activated.PlusDays(Math.Abs(offset % 4000));

        var next = ReviewSchedule.Next(activated, months, today);
        // Brute force: walk the review dates from the first.
        var k = 1;
        while (ReviewSchedule.Review(activated, months, k) < today) k++;
        Assert.Equal(ReviewSchedule.Review(activated, months, k), next);
        Assert.True(next >= today && next > activated);

        var last = ReviewSchedule.LastDue(activated, months, today);
        if (last is { } due)
        {
            Assert.True(due <= today);
            Assert.True(due == next || ReviewSchedule.Review(activated, months, k - 1) == due);
        }
        else Assert.True(ReviewSchedule.Review(activated, months, 1) > today);
    }
}

/// <summary>A revision replaces the terms it is given and carries every other term over.</summary>
public sealed class AgreementReviseTest
{
    [Fact]
    public void Revise_ReplacesOnlyWhatItIsGiven()
    {
        var agreement = new Agreement("SLA", Tandem.Domain.Periods.Period.Month(2026, 11), "USD",
            new Tandem.Domain.Planning.PlanInput(Fraction.FromInteger(500_000), dealSize: Fraction.FromInteger(2_000),
                funnel: Tandem.Domain.Planning.Funnel.SingleStep(Rate.From(new Fraction(1, 5), "rate"))),
            Tandem.Domain.Pacing.Tolerance.Default, Tandem.Domain.Pacing.PacingBasis.CalendarDays, 1,
            Tandem.Domain.Calendars.BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default)
        {
            Signatories = [new Signatory("Dana Lee", Side.Marketing, Email: "dana@example.com")],
            ReviewMonths = 6,
        };
        var calendar = Tandem.Domain.Calendars.BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

        var revised = agreement.Revise(calendar: calendar);

        Assert.Same(calendar, revised.Calendar);
        Assert.Same(agreement.Plan, revised.Plan);
        Assert.Equal((agreement.Signatories, 6, 1, agreement.Tolerance), (revised.Signatories, revised.ReviewMonths, revised.SalesCyclePeriods, revised.Tolerance));
        Assert.Equal("UTC", agreement.Calendar.Zone.Id); // the original is untouched
    }

    [Fact]
    public void Review_CountsFromOne()
    {
        var e = Assert.Throws<InvalidInputException>(() => ReviewSchedule.Review(new LocalDate(2026, 1, 1), 3, 0));
        Assert.Equal(("k", "reviews are counted from 1 (got 0)"), (e.Field, e.Reason));
    }
}
