using System.Data.Common;
using System.Numerics;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>
/// Reads the tracking sheet and the measured sales cycle from the sheet's rollups
/// (<see cref="SheetFacts"/>): a period costs its months' rows (a few per segment, lead type and
/// stage reached), whatever the number of leads. Only valid for an agreement of the terms the facts
/// were derived under (<see cref="FitAsync"/>). Reads only; never brings anything up to date.
/// </summary>
public static class SheetFactsReader
{
    /// <summary>Whether the stored facts were derived under <paramref name="agreement"/>'s terms (false before the first rebuild).</summary>
    public static async Task<bool> FitAsync(DbConnection connection, Agreement agreement, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await SheetFacts.ReadStateAsync(connection, null, SheetFacts.TermsState, cancel).ConfigureAwait(false) == SheetTerms.Of(agreement).Hash;
    }

    /// <summary>
    /// The sheet of each of <paramref name="periods"/>, as <see cref="TrackingSheet.Compute"/> gives it
    /// from the raw records; with <paramref name="segment"/>, only that segment's groups (matched as
    /// <see cref="ReportFactRows.Key"/> does) and no deals without a lead.
    /// </summary>
    public static async Task<IReadOnlyList<SheetColumn>> ColumnsAsync(DbConnection connection, Agreement agreement, IReadOnlyList<Period> periods, string? segment, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0) return [];
        var stages = SheetReader.FunnelOf(agreement).Count;
        var from = periods.Min(p => SheetTerms.MonthOf(p.Start));
        var to = periods.Max(p => SheetTerms.MonthOf(p.End));
        bool Shown(SheetGroupKey group) => segment is null || (!group.IsLeadless && ReportFactRows.Key(group.Group.Segment) == ReportFactRows.Key(segment));

        var rows = new List<(long Month, SheetGroup Group, SheetFigures Figures)>();
        await using (var command = Sql.Command(connection, null,
            "SELECT cohort_month, segment, lead_type, flags, depth, leads, customers, priced_customers, still_open, revenue_e4, cycle_seconds " +
            "FROM sheet_cohort_monthly WHERE cohort_month >= @from AND cohort_month < @to", ("@from", from), ("@to", to)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var group = new SheetGroupKey(reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
                if (!Shown(group)) continue;
                var (depth, leads) = (reader.GetInt64(4), reader.GetInt64(5));
                rows.Add((reader.GetInt64(0), group.Group, SheetFigures.Empty with
                {
                    Leads = leads,
                    Customers = reader.GetInt64(6),
                    PricedCustomers = reader.GetInt64(7),
                    StillOpen = reader.GetInt64(8),
                    PricedRevenue = new Fraction(reader.GetInt64(9), 10_000),
                    CycleDaysTotal = new Fraction(reader.GetInt64(10), 86_400),
                    Reached = [.. Enumerable.Range(0, stages + 1).Select(i => i < depth ? leads : 0L)],
                }));
            }

        // Only months with a won deal make a group appear; a row kept for first wins alone does not.
        await using (var command = Sql.Command(connection, null,
            "SELECT won_month, segment, lead_type, flags, revenue_e4, unpriced_deals FROM sheet_won_monthly WHERE won_month >= @from AND won_month < @to AND won_deals > 0",
            ("@from", from), ("@to", to)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var group = new SheetGroupKey(reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
                if (!Shown(group)) continue;
                var (revenue, unpriced) = (new Fraction(reader.GetInt64(4), 10_000), reader.GetInt64(5));
                rows.Add((reader.GetInt64(0), group.Group, TrackingSheet.WonFigures(group.Group, revenue) with
                {
                    UnpricedClosedDeals = unpriced,
                    UnpricedMarketingDeals = group.Group.Marketing ? unpriced : 0,
                }));
            }

        return [.. periods.Select(p =>
        {
            var (start, end) = (SheetTerms.MonthOf(p.Start), SheetTerms.MonthOf(p.End));
            return TrackingSheet.Column(p, rows.Where(r => r.Month >= start && r.Month < end).Select(r => (r.Group, r.Figures)), stages);
        })];
    }

    /// <summary>
    /// The average sales cycle in days of the leads whose first win closed before <paramref name="before"/>
    /// starts (see <see cref="TrackingSheet.AverageCycleDays"/>); null when none did. Sums one row per
    /// month and group of the history before it.
    /// </summary>
    public static async Task<Fraction?> AverageCycleDaysAsync(DbConnection connection, Period before, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "SELECT SUM(first_wins), SUM(first_win_cycle_seconds) FROM sheet_won_monthly WHERE won_month < @before", ("@before", SheetTerms.MonthOf(before.Start)));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) return null;
        var (leads, seconds) = (Whole(reader, 0), Whole(reader, 1));
        return leads.IsZero ? null : new Fraction(seconds, 86_400 * leads);
    }

    /// <summary>The deals left out for being in another currency than the agreement's.</summary>
    public static async Task<int> OtherCurrencyDealsAsync(DbConnection connection, CancellationToken cancel = default) =>
        checked((int)(await SheetFacts.ReadStateAsync(connection, null, SheetRollup.OtherCurrencyState, cancel).ConfigureAwait(false) ?? 0));

    /// <summary>A SUM: BIGINT on SQLite, NUMERIC on PostgreSQL; 0 when there were no rows.</summary>
    private static BigInteger Whole(DbDataReader reader, int i) => reader.IsDBNull(i) ? BigInteger.Zero : reader.GetValue(i) switch
    {
        decimal d => new BigInteger(d),
        var v => new BigInteger(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
