using System.Data.Common;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>
/// Recalibration from the store: the window before the last sales cycle, pooled, planned again. The
/// window's sheets and the measured cycle come from the sheet's rollups when they follow the
/// agreement's terms (costing the window, not the history), else from the raw records (see
/// <see cref="SheetQuery"/>). The <see cref="SheetData"/> returned carries the funnel and the
/// other-currency count; its leads and deals are only filled when the raw records were read.
/// </summary>
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
        if (await SheetFactsReader.FitAsync(connection, agreement, cancel).ConfigureAwait(false))
        {
            var cyclePeriods = cycle ?? CycleOf(await SheetFactsReader.AverageCycleDaysAsync(connection, period, cancel).ConfigureAwait(false), period);
            var span = RecalibrationWindow.For(period, window, cyclePeriods);
            var columns = await SheetFactsReader.ColumnsAsync(connection, agreement, [.. span.Periods()], null, cancel).ConfigureAwait(false);
            var data = new SheetData(SheetReader.FunnelOf(agreement), [], [], await SheetFactsReader.OtherCurrencyDealsAsync(connection, cancel).ConfigureAwait(false));
            return (Recalibration.Compute(agreement, span, cyclePeriods, cycle is null, columns, assumedDealSize), data);
        }
        var zone = agreement.Calendar.Zone;
        var raw = await SheetReader.ReadAsync(connection, agreement, cancel).ConfigureAwait(false);
        var measured = cycle ?? CycleOf(TrackingSheet.AverageCycleDays(raw.Leads, raw.Deals, zone.AtStartOfDay(period.Start).ToInstant()), period);
        var rawSpan = RecalibrationWindow.For(period, window, measured);
        var rawColumns = rawSpan.Periods().Select(p => TrackingSheet.Compute(p, zone, raw.Funnel, raw.Leads, raw.Deals)).ToList();
        return (Recalibration.Compute(agreement, rawSpan, measured, cycle is null, rawColumns, assumedDealSize), raw);
    }

    private static int CycleOf(Tandem.Domain.Numbers.Fraction? days, Period period) => days is { } d ? RecalibrationWindow.CycleInPeriods(d, period.Kind) : 0;
}
