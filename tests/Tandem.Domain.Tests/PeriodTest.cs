using FsCheck;
using FsCheck.Xunit;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests;

public class PeriodTest
{
    [Theory]
    [InlineData("2026-11", "2026-11-01", 30)]
    [InlineData("2028-02", "2028-02-01", 29)]
    [InlineData("2026-Q4", "2026-10-01", 92)]
    [InlineData("2026", "2026-01-01", 365)]
    public void Parse_EachKind_HasItsStartAndDays(string text, string start, int days)
    {
        var period = Period.Parse(text, "period");

        Assert.Equal(start, period.Start.ToString("uuuu-MM-dd", null));
        Assert.Equal(days, period.Days);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26-11")]
    [InlineData("")]
    [InlineData("November")]
    public void Parse_Invalid_NamesTheField(string text) =>
        Assert.Equal("--period", Assert.Throws<InvalidInputException>(() => Period.Parse(text, "--period")).Field);

    [Fact]
    public void LeadPeriodFor_March2013WithThreeMonthCycle_IsDecember2012() =>
        Assert.Equal("2012-12", LeadBuyingHorizon.LeadPeriodFor(Period.Parse("2013-03", "p"), 3).ToString());

    [Fact]
    public void LeadPeriodFor_NoCycle_IsTheSamePeriod() =>
        Assert.Equal("2026-Q4", LeadBuyingHorizon.LeadPeriodFor(Period.Parse("2026-Q4", "p"), 0).ToString());

    [Property]
    public void PlusAndPeriodsSince_AreInverse(int start, int count)
    {
        var period = Period.Month(2000 + Math.Abs(start % 50), Math.Abs(start % 12) + 1);
        var n = count % 500;

        Assert.Equal(n, period.Plus(n).PeriodsSince(period));
        Assert.Equal(period, period.Plus(n).Plus(-n));
    }

    [Property]
    public void RevenuePeriodFor_UndoesLeadPeriodFor(int start, NonNegativeInt cycle)
    {
        var period = Period.Quarter(2000 + Math.Abs(start % 50), Math.Abs(start % 4) + 1);
        var c = cycle.Get % 40;

        Assert.Equal(period, LeadBuyingHorizon.RevenuePeriodFor(LeadBuyingHorizon.LeadPeriodFor(period, c), c));
    }

    [Property]
    public void Containing_TheDateIsInsideThePeriod(int offset)
    {
        var date = new NodaTime.LocalDate(2026, 1, 1).PlusDays(offset % 20_000);

        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year })
        {
            var period = Period.Containing(date, kind);
            Assert.True(period.Start <= date && date < period.End);
        }
    }
}
