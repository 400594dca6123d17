using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Domain.Tests.Analytics;

public class ScorecardTest
{
    [Theory]
    [InlineData(300, 270, true)]   // the band's lower edge
    [InlineData(300, 269, false)]
    [InlineData(300, 400, true)]   // over-delivery still keeps the promise
    public void Marketing_MetFromTheLowerEdgeOfTheBand(int goal, int delivered, bool met) =>
        Assert.Equal(met, Scorecard.Marketing("300 leads", Fraction.FromInteger(goal), Fraction.FromInteger(delivered), Tolerance.Default).Met);

    [Fact]
    public void Sales_MetWhenNinetyPercentKeptIt_UnknownWithoutHandoffs()
    {
        Assert.True(Scorecard.Sales("speed", "30 min", 10, 9, Tolerance.Default).Met);
        Assert.False(Scorecard.Sales("speed", "30 min", 10, 8, Tolerance.Default).Met);
        var none = Scorecard.Sales("speed", "30 min", 0, 0, Tolerance.Default);
        Assert.Null(none.Met);
        Assert.Null(none.Actual);
        Assert.Null(Scorecard.Marketing("0 leads", Fraction.Zero, Fraction.Zero, Tolerance.Default).Met);
    }

    [Fact]
    public void Sales_ExcusedHandoffs_LeaveTheShareAndAreCountedApart()
    {
        // 10 handoffs, 2 breaches, one excused: 8 of 9 judged kept (88.9%), missed; both excused: 8 of 8.
        var one = Scorecard.Sales("speed", "30 min", 10, 8, Tolerance.Default, excused: 1);
        Assert.Equal((new Fraction(8, 9), false, 1L), (one.Actual!.Value, one.Met!.Value, one.Excused));
        Assert.True(Scorecard.Sales("speed", "30 min", 10, 8, Tolerance.Default, excused: 2).Met);
        var all = Scorecard.Sales("speed", "30 min", 3, 0, Tolerance.Default, excused: 3);
        Assert.Null(all.Met);
        Assert.Equal(3, all.Excused);
        Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Sales("speed", "30 min", 3, 3, Tolerance.Default, excused: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Sales("speed", "30 min", 3, 0, Tolerance.Default, excused: 4));
    }
}
