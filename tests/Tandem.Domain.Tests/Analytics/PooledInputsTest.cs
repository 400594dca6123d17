using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Analytics;

public class PooledInputsTest
{
    /// <summary>100 leads, 10 customers, <paramref name="priced"/> of them won at 2,000 each.</summary>
    private static SheetFigures Pool(int priced) =>
        SheetFigures.Empty with { Leads = 100, Customers = 10, PricedCustomers = priced, PricedRevenue = Fraction.FromInteger(2_000 * priced), Reached = [100, 10] };

    [Fact]
    public void LeadValue_EveryCustomerPriced_IsDealSizeTimesCloseRate() =>
        Assert.Equal(Fraction.FromInteger(200), new PooledInputs(Pool(10)).LeadValue);   // 2,000 x 10% = 20,000 / 100 leads

    [Theory]
    [InlineData(9)]
    [InlineData(1)]
    [InlineData(0)]
    public void LeadValue_ACustomerWithoutAnAmount_IsUnknown(int priced)
    {
        var inputs = new PooledInputs(Pool(priced));

        Assert.Null(inputs.LeadValue);
        Assert.Equal(priced == 0 ? null : Fraction.FromInteger(2_000), inputs.DealSize);   // the partial average is still shown as what it is
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    [InlineData(0)]
    public void LeadValue_AnAssumedDealSize_IsThatTimesCloseRate(int priced) =>
        Assert.Equal(Fraction.FromInteger(300), new PooledInputs(Pool(priced), Fraction.FromInteger(3_000)).LeadValue);

    [Fact]
    public void LeadValue_LeadsWithoutACustomer_WereWorthZero_AndNoLeadsIsUnknown()
    {
        Assert.Equal(Fraction.Zero, new PooledInputs(SheetFigures.Empty with { Leads = 40 }).LeadValue);
        Assert.Null(new PooledInputs(SheetFigures.Empty).LeadValue);
        Assert.Null(new PooledInputs(SheetFigures.Empty, Fraction.FromInteger(3_000)).LeadValue);
    }
}
