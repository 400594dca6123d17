using System.Data.Common;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>Recalibration from the stored records: the window before the last sales cycle, pooled, planned again.</summary>
public static class RecalibrationQuery
{
    /// <summary>The proposal for <paramref name="period"/> over a window of <paramref name="window"/> periods; the cycle measured unless given.</summary>
    public static Task<(RecalibrationResult Result, SheetData Data)> RunAsync(DbConnection connection, Agreement agreement, Period period, int window, int? cycle, CancellationToken cancel = default) =>
        RunAsync(connection, agreement, period, window, cycle, null, cancel);

    /// <summary>
    /// The proposal for <paramref name="period"/>, planned with <paramref name="assumedDealSize"/> when one is given
    /// (for data without deal amounts; see <see cref="Recalibration.Compute"/>).
    /// </summary>
    public static async Task<(RecalibrationResult Result, SheetData Data)> RunAsync(DbConnection connection, Agreement agreement, Period period, int window, int? cycle,
        Tandem.Domain.Numbers.Fraction? assumedDealSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var zone = agreement.Calendar.Zone;
        var data = await SheetReader.ReadAsync(connection, agreement, cancel).ConfigureAwait(false);
        var cyclePeriods = cycle
            ?? (TrackingSheet.AverageCycleDays(data.Leads, data.Deals, zone.AtStartOfDay(period.Start).ToInstant()) is { } days
                ? RecalibrationWindow.CycleInPeriods(days, period.Kind) : 0);
        var span = RecalibrationWindow.For(period, window, cyclePeriods);
        var columns = span.Periods().Select(p => TrackingSheet.Compute(p, zone, data.Funnel, data.Leads, data.Deals)).ToList();
        return (Recalibration.Compute(agreement, span, cyclePeriods, cycle is null, columns, assumedDealSize), data);
    }
}
