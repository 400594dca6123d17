using System.Data.Common;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>The tracking sheet of some periods: the funnel it counts, one column per period, and the deals left out for their currency.</summary>
public sealed record SheetReport(IReadOnlyList<string> Funnel, IReadOnlyList<SheetColumn> Columns, int OtherCurrencyDeals);

/// <summary>
/// The tracking sheet from the store: from the sheet's rollups when they were derived under the
/// agreement's terms (<see cref="SheetFactsReader"/>), which costs the periods in view; otherwise
/// (an agreement file other than the one the facts follow, or a database whose facts were never
/// built) from the raw records (<see cref="SheetReader"/>), with the same result. Reads only.
/// </summary>
public static class SheetQuery
{
    /// <summary>The sheet of each of <paramref name="periods"/>; with <paramref name="segment"/>, only that segment's leads and their deals.</summary>
    public static async Task<SheetReport> RunAsync(DbConnection connection, Agreement agreement, IReadOnlyList<Period> periods, string? segment, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(periods);
        if (await SheetFactsReader.FitAsync(connection, agreement, cancel).ConfigureAwait(false))
            return new SheetReport(SheetReader.FunnelOf(agreement), await SheetFactsReader.ColumnsAsync(connection, agreement, periods, segment, cancel).ConfigureAwait(false),
                await SheetFactsReader.OtherCurrencyDealsAsync(connection, cancel).ConfigureAwait(false));
        var data = await SheetReader.ReadAsync(connection, agreement, cancel).ConfigureAwait(false);
        return new SheetReport(data.Funnel, [.. periods.Select(p => Compute(data, agreement, p, segment))], data.OtherCurrencyDeals);
    }

    /// <summary>The sheet of <paramref name="period"/> from the raw records: with <paramref name="segment"/>, its leads and their deals only.</summary>
    public static SheetColumn Compute(SheetData data, Agreement agreement, Period period, string? segment)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(agreement);
        var (leads, deals) = (data.Leads, data.Deals);
        if (segment is not null)
        {
            leads = [.. leads.Where(l => ReportFactRows.Key(l.Segment) == ReportFactRows.Key(segment))];
            var keys = leads.Select(l => l.Key).ToHashSet();
            deals = [.. deals.Where(d => d.LeadKey is not null && keys.Contains(d.LeadKey))];
        }
        return TrackingSheet.Compute(period, agreement.Calendar.Zone, data.Funnel, leads, deals);
    }
}
