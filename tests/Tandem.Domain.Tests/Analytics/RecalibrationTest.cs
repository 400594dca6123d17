using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Periods;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests.Analytics;

public class RecalibrationTest
{
    [Fact]
    public void Window_TheIssueExample()
    {
        var window = RecalibrationWindow.For(Period.Month(2013, 3), 6, 3);
        Assert.Equal(("2012-06", "2012-11"), (window.From.ToString(), window.To.ToString()));
        Assert.Equal(6, window.Periods().Count());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(13)]
    public void Window_OutsideSixToTwelve_NamesTheWindow(int length) =>
        Assert.Equal("window", Assert.Throws<InvalidInputException>(() => RecalibrationWindow.For(Period.Month(2013, 3), length, 3)).Field);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]   // a month is 30.4375 days
    [InlineData(45, 2)]
    [InlineData(92, 4)]
    public void CycleInPeriods_RoundsUp(int days, int months) =>
        Assert.Equal(months, RecalibrationWindow.CycleInPeriods(Fraction.FromInteger(days), PeriodKind.Month));

    [Fact]
    public void Compute_PoolsRates_NamesEmptyPeriods_ComparesPlans()
    {
        var agreement = new Agreement("SLA", Period.Month(2013, 3), "USD",
            new PlanInput(Fraction.FromInteger(100_000), dealSize: Fraction.FromInteger(1_000), funnel: Funnel.SingleStep(Rate.From(new Fraction(1, 5), "rate"))),
            Tolerance.Default, PacingBasis.CalendarDays, 0, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default);
        var window = RecalibrationWindow.For(Period.Month(2013, 3), 6, 3);
        var group = new SheetGroup("SMB", "Ebook", true);
        SheetColumn Column(Period p, long leads, long customers, long revenue)
        {
            var figures = SheetFigures.Empty with { Leads = leads, Customers = customers, PricedCustomers = customers, PricedRevenue = Fraction.FromInteger(revenue), Reached = [leads, customers] };
            return new SheetColumn(p, leads == 0 ? [] : [(group, figures)], leads == 0 ? SheetFigures.Empty : figures);
        }
        // 1 of 10 in June, 9 of 30 in July, nothing at all in August, none of the other months either but one lead.
        var columns = window.Periods().Select(p => p.ToString() switch
        {
            "2012-06" => Column(p, 10, 1, 2_000),
            "2012-07" => Column(p, 30, 9, 18_000),
            "2012-08" => Column(p, 0, 0, 0),
            _ => Column(p, 1, 0, 0),
        }).ToList();

        var result = Recalibration.Compute(agreement, window, 3, false, columns);

        Assert.Equal(["2012-08"], result.PeriodsWithoutData.Select(p => p.ToString()));
        Assert.Equal(new Fraction(10, 43), result.Total.CloseRate);          // pooled: 10 of 43, not the mean of the monthly rates
        Assert.Equal(Fraction.FromInteger(2_000), result.Total.DealSize);
        Assert.Equal(new Fraction(20_000, 43), result.Total.LeadValue);
        var rate = result.Changes.Single(c => c.Name == "Lead -> Customer");
        Assert.Equal((new Fraction(1, 5), new Fraction(10, 43)), (rate.Old!.Value, rate.New!.Value));
        // Old: 100,000 / 1,000 = 100 customers / 20% = 500 leads. New: 50 customers / (10/43) = 215 leads.
        var leads = result.Changes.Single(c => c.Name == "leads needed");
        Assert.Equal((Fraction.FromInteger(500), Fraction.FromInteger(215)), (leads.Old!.Value, leads.New!.Value));
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Compute_NoData_KeepsTheAgreement_AndSaysSo()
    {
        var agreement = new Agreement("SLA", Period.Month(2013, 3), "USD",
            new PlanInput(Fraction.FromInteger(100_000), dealSize: Fraction.FromInteger(1_000), funnel: Funnel.SingleStep(Rate.From(new Fraction(1, 5), "rate"))),
            Tolerance.Default, PacingBasis.CalendarDays, 0, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default);
        var window = RecalibrationWindow.For(Period.Month(2013, 3), 6, 0);
        var columns = window.Periods().Select(p => new SheetColumn(p, [], SheetFigures.Empty)).ToList();

        var result = Recalibration.Compute(agreement, window, 0, false, columns);

        Assert.Equal(6, result.PeriodsWithoutData.Count);
        Assert.Null(result.Total.CloseRate);
        Assert.Equal(result.OldPlan!.Total.LeadsNeeded, result.NewPlan!.Total.LeadsNeeded);
        Assert.Contains(result.Notes, n => n.Contains("is kept", StringComparison.Ordinal));
    }

    private static Agreement Olist(Fraction dealSize) => new("SLA", Period.Month(2018, 6), "BRL",
        new PlanInput(Fraction.FromInteger(600_000), dealSize: dealSize, funnel: Funnel.SingleStep(Rate.From(new Fraction(1, 10), "rate"))),
        Tolerance.Default, PacingBasis.CalendarDays, 0, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default);

    /// <summary>A window whose every period has 100 leads and 12 customers, of whom <paramref name="priced"/> have amounts of 50,000 each.</summary>
    private static (RecalibrationWindow Window, List<SheetColumn> Columns) FewAmounts(int priced)
    {
        var window = RecalibrationWindow.For(Period.Month(2018, 6), 6, 0);
        var figures = SheetFigures.Empty with { Leads = 100, Customers = 12, PricedCustomers = priced, PricedRevenue = Fraction.FromInteger(50_000 * priced), Reached = [100, 12] };
        return (window, [.. window.Periods().Select(p => new SheetColumn(p, [(new SheetGroup(null, "organic_search", true), figures)], figures))]);
    }

    [Fact]
    public void Compute_FewCustomersWithAmounts_KeepsTheAgreementsDealSize_AndSaysWhy()
    {
        var (window, columns) = FewAmounts(1);

        var result = Recalibration.Compute(Olist(Fraction.FromInteger(5_000)), window, 0, false, columns);

        // 6 of 72 customers carry an amount: their average (50,000) is shown as what it is, not planned with.
        Assert.Equal(Fraction.FromInteger(50_000), result.Total.DealSize);
        Assert.Null(result.Total.Sum.RevenueFromCustomers);
        Assert.Null(result.Changes.Single(c => c.Name == "deal size").New);
        Assert.Equal(Fraction.FromInteger(5_000), result.NewPlan!.Input.DealSize);
        Assert.Contains("deal size: only 6 of the window's 72 customers have a won amount (their average is 50,000.00); the agreement's 5,000.00 is kept", result.Notes);
        // Lead value would need the average deal: neither 50,000 x 12% nor the known revenue spread over every lead (300,000 / 600).
        Assert.Null(result.Total.LeadValue);
        Assert.All(result.Groups, g => Assert.Null(g.Inputs.LeadValue));
        // 600,000 / 5,000 = 120 customers / 12% = 1,000 leads.
        Assert.Equal(1_000, result.NewPlan.Total.LeadsNeeded);
    }

    [Fact]
    public void Compute_AssumedDealSize_PlansWithIt_AndNotesIt()
    {
        var (window, columns) = FewAmounts(0);

        var result = Recalibration.Compute(Olist(Fraction.FromInteger(5_000)), window, 0, false, columns, Fraction.FromInteger(4_000));

        Assert.Null(result.Total.DealSize);
        // At the assumed deal size: 4,000 x 12%.
        Assert.Equal(Fraction.FromInteger(480), result.Total.LeadValue);
        Assert.All(result.Groups, g => Assert.Equal(Fraction.FromInteger(480), g.Inputs.LeadValue));
        var change = result.Changes.Single(c => c.Name == "deal size");
        Assert.Equal((Fraction.FromInteger(5_000), Fraction.FromInteger(4_000)), (change.Old!.Value, change.New!.Value));
        Assert.Contains("deal size: 4,000.00 assumed, in place of the agreement's 5,000.00", result.Notes);
        // 600,000 / 4,000 = 150 customers / 12% = 1,250 leads.
        Assert.Equal(1_250, result.NewPlan!.Total.LeadsNeeded);
    }

    [Fact]
    public void Compute_NoAmounts_KeepsTheAgreementsDealSize_AndSaysWhy()
    {
        var (window, columns) = FewAmounts(0);

        var result = Recalibration.Compute(Olist(Fraction.FromInteger(5_000)), window, 0, false, columns);

        Assert.Null(result.Total.DealSize);
        Assert.Null(result.Changes.Single(c => c.Name == "deal size").New);
        Assert.Contains("deal size: none of the window's 72 customers has a won amount; the agreement's 5,000.00 is kept", result.Notes);
        Assert.Equal(1_000, result.NewPlan!.Total.LeadsNeeded);
    }

    [Fact]
    public void Compute_AssumedDealSizeNotPositive_NamesTheField() =>
        Assert.Equal("dealSize", Assert.Throws<InvalidInputException>(() =>
            Recalibration.Compute(Olist(Fraction.One), FewAmounts(0).Window, 0, false, FewAmounts(0).Columns, Fraction.Zero)).Field);
}
