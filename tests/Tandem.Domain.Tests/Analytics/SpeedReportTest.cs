using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Analytics;

public class SpeedReportTest
{
    [Property(MaxTest = 500)]
    public void Percentile_IsTheSmallestValueWithEnoughAtOrBelowIt(long[] values, byte p)
    {
        var percent = p % 100 + 1;
        var sorted = values.Order().ToList();

        var result = SpeedReport.Percentile(sorted, percent, 100);

        if (sorted.Count == 0) { Assert.Null(result); return; }
        // Oracle: scan every value; the answer is the smallest v with count(x <= v) >= p% of n.
        var oracle = sorted.Where(v => sorted.Count(x => x <= v) * 100L >= (long)percent * sorted.Count).Min();
        Assert.Equal(oracle, result);
    }

    [Fact]
    public void Stats_UntouchedCountedApart_MinutesRoundedDown()
    {
        var day = new LocalDate(2026, 11, 2);
        SpeedSample[] samples =
        [
            new("ann", day, Duration.FromSeconds(59), Duration.FromSeconds(59), true),
            new("ann", day, Duration.FromMinutes(10), Duration.FromMinutes(5), true),
            new("bob", day, Duration.FromMinutes(90), Duration.FromMinutes(40), false),
            new("bob", day, null, null, false),
        ];

        var stats = SpeedReport.Stats(samples);

        Assert.Equal((4L, 3L, 1L, 2L), (stats.Handoffs, stats.Touched, stats.NeverTouched, stats.Within));
        Assert.Equal(new Fraction(100, 3), stats.WallAverage);   // 0 + 10 + 90
        Assert.Equal((10L, 90L), (stats.WallMedian!.Value, stats.WallP90!.Value));
        Assert.Equal((5L, 40L), (stats.WorkingMedian!.Value, stats.WorkingP90!.Value));
        Assert.Equal(new Fraction(1, 2), stats.WithinShare);
        Assert.Null(SpeedReport.Stats([]).WallMedian);
        Assert.Null(SpeedReport.Stats([]).WithinShare);
    }
}
