using NodaTime;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;

namespace Tandem.Domain.Tests.Analytics;

/// <summary>
/// The sales cycle behind recalibration's window: a deal won before its lead was recorded (a CRM
/// that created the lead later) is a cycle of zero, never a negative one, so the average cannot go
/// below zero and the recalibration window never ends after its target.
/// </summary>
public class SalesCycleTest
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 10, 9, 0);

    private static SheetLead Lead(string key) => new(key, Created, null, null, true, new Dictionary<string, Instant>());

    [Fact]
    public void AWinBeforeTheLeadWasCreated_IsAZeroCycle()
    {
        Assert.Equal(0, TrackingSheet.CycleSeconds(Created, Created - Duration.FromDays(40)));
        Assert.Equal(86_400 * 2, TrackingSheet.CycleSeconds(Created, Created + Duration.FromDays(2)));
    }

    [Fact]
    public void TheAverage_CountsAnEarlyWinAsZero_AndStaysAWindowTheRecalibrationCanUse()
    {
        SheetLead[] leads = [Lead("A"), Lead("B")];
        SheetDeal[] deals =
        [
            new("A", Fraction.FromInteger(100), true, false, Created - Duration.FromDays(300)), // back-filled: won long before it was recorded
            new("B", Fraction.FromInteger(100), true, false, Created + Duration.FromDays(10)),
        ];
        var average = TrackingSheet.AverageCycleDays(leads, deals, Created + Duration.FromDays(365));
        Assert.Equal(Fraction.FromInteger(5), average);
        Assert.Equal(1, RecalibrationWindow.CycleInPeriods(average!.Value, PeriodKind.Month));
    }
}
