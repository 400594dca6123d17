using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tandem.Data.Analytics;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Tests.Analytics;

public static class DepthPointArbitrary
{
    public static Arbitrary<DepthPoint> Points() =>
        (from attempts in Gen.Choose(0, (1 << 20) - 1)
         from required in Gen.Choose(0, (1 << 20) - 1)
         from target in Gen.Choose(0, (1 << 20) - 1)
         from onCadence in Gen.Elements(true, false)
         select new DepthPoint(attempts, required, target, onCadence)).ToArbitrary();
}

public class DepthPackingTest
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(DepthPointArbitrary)])]
    public bool Unpack_ReturnsWhatPackStored(DepthPoint point) => ReportFactRows.Unpack(ReportFactRows.Pack(point)) == point && ReportFactRows.Pack(point) >= 0;

    [Theory]
    [InlineData(1 << 20, 0, 0)]
    [InlineData(0, -1, 0)]
    [InlineData(0, 0, 1 << 21)]
    public void Pack_RefusesCountsItCannotHold(long attempts, long required, long target) =>
        Assert.Throws<OverflowException>(() => ReportFactRows.Pack(new DepthPoint(attempts, required, target, true)));
}
