using System.Data.Common;
using Tandem.Data.Clocks;

namespace Tandem.Data.Analytics;

/// <summary>
/// Changes to the sheet's rollups (sheet_cohort_monthly, sheet_won_monthly) and to the count of
/// deals in another currency, gathered while facts are replaced: each old fact row subtracted, each
/// new one added, then written in key order (so concurrent writers lock rows in the same order) and
/// the rows left at zero removed.
/// </summary>
internal sealed class SheetRollup
{
    /// <summary>The count of deals in another currency than the agreement's, in service_state.</summary>
    public const string OtherCurrencyState = "sheet_facts_other_currency";

    private readonly Dictionary<(long Month, SheetGroupKey Group, long Depth), long[]> _cohorts = [];
    private readonly Dictionary<(long Month, SheetGroupKey Group), long[]> _won = [];
    private long _otherCurrency;

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (-1) a lead's row.</summary>
    public void Add(SheetLeadFact fact, int sign)
    {
        if (fact.CohortMonth is { } month)
            Add(_cohorts, (month, fact.Group, fact.Depth), sign, 1, fact.Customer ? 1 : 0, fact.Priced ? 1 : 0, fact.StillOpen ? 1 : 0, fact.RevenueE4, fact.Customer ? fact.CycleSeconds : 0);
        if (fact.WinMonth is { } won)
            Add(_won, (won, fact.Group), sign, 0, 0, 0, 1, fact.CycleSeconds);
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (-1) a deal's row.</summary>
    public void Add(SheetDealFact fact, int sign)
    {
        if (fact.OtherCurrency) _otherCurrency = checked(_otherCurrency + sign);
        if (fact.WonMonth is { } month)
            Add(_won, (month, fact.Group), sign, 1, fact.AmountE4 ?? 0, fact.AmountE4 is null ? 1 : 0, 0, 0);
    }

    private static void Add<TKey>(Dictionary<TKey, long[]> sums, TKey key, int sign, params long[] values) where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var sum)) sums[key] = sum = new long[values.Length];
        for (var i = 0; i < values.Length; i++) sum[i] = checked(sum[i] + sign * values[i]);
    }

    /// <summary>Writes the changes in <paramref name="tx"/>.</summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        await using var pipe = new WritePipeline(connection, tx);
        await using (var upsert = Sql.Command(connection, tx,
            "INSERT INTO sheet_cohort_monthly (cohort_month, segment, lead_type, flags, depth, leads, customers, priced_customers, still_open, revenue_e4, cycle_seconds) " +
            "VALUES (@month, @segment, @type, @flags, @depth, @v0, @v1, @v2, @v3, @v4, @v5) ON CONFLICT (cohort_month, segment, lead_type, flags, depth) DO UPDATE SET " +
            "leads = sheet_cohort_monthly.leads + excluded.leads, customers = sheet_cohort_monthly.customers + excluded.customers, " +
            "priced_customers = sheet_cohort_monthly.priced_customers + excluded.priced_customers, still_open = sheet_cohort_monthly.still_open + excluded.still_open, " +
            "revenue_e4 = sheet_cohort_monthly.revenue_e4 + excluded.revenue_e4, cycle_seconds = sheet_cohort_monthly.cycle_seconds + excluded.cycle_seconds",
            ("@month", 0L), ("@segment", ""), ("@type", ""), ("@flags", 0L), ("@depth", 0L), ("@v0", 0L), ("@v1", 0L), ("@v2", 0L), ("@v3", 0L), ("@v4", 0L), ("@v5", 0L)))
        await using (var drop = Sql.Command(connection, tx,
            "DELETE FROM sheet_cohort_monthly WHERE cohort_month = @month AND segment = @segment AND lead_type = @type AND flags = @flags AND depth = @depth AND leads = 0",
            ("@month", 0L), ("@segment", ""), ("@type", ""), ("@flags", 0L), ("@depth", 0L)))
        {
            foreach (var ((month, group, depth), sum) in _cohorts.Where(c => c.Value.Any(v => v != 0))
                .OrderBy(c => c.Key.Month).ThenBy(c => c.Key.Group.Segment, StringComparer.Ordinal).ThenBy(c => c.Key.Group.LeadType, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Group.Flags).ThenBy(c => c.Key.Depth))
            {
                foreach (var command in new[] { upsert, drop })
                    Set(command, ("@month", month), ("@segment", group.Segment), ("@type", group.LeadType), ("@flags", group.Flags), ("@depth", depth));
                for (var i = 0; i < sum.Length; i++) upsert.Parameters[$"@v{i}"].Value = sum[i];
                await pipe.ExecuteAsync(upsert, cancel).ConfigureAwait(false);
                if (sum[0] < 0) await pipe.ExecuteAsync(drop, cancel).ConfigureAwait(false);
            }
        }

        await using (var upsert = Sql.Command(connection, tx,
            "INSERT INTO sheet_won_monthly (won_month, segment, lead_type, flags, won_deals, revenue_e4, unpriced_deals, first_wins, first_win_cycle_seconds) " +
            "VALUES (@month, @segment, @type, @flags, @v0, @v1, @v2, @v3, @v4) ON CONFLICT (won_month, segment, lead_type, flags) DO UPDATE SET " +
            "won_deals = sheet_won_monthly.won_deals + excluded.won_deals, revenue_e4 = sheet_won_monthly.revenue_e4 + excluded.revenue_e4, " +
            "unpriced_deals = sheet_won_monthly.unpriced_deals + excluded.unpriced_deals, first_wins = sheet_won_monthly.first_wins + excluded.first_wins, " +
            "first_win_cycle_seconds = sheet_won_monthly.first_win_cycle_seconds + excluded.first_win_cycle_seconds",
            ("@month", 0L), ("@segment", ""), ("@type", ""), ("@flags", 0L), ("@v0", 0L), ("@v1", 0L), ("@v2", 0L), ("@v3", 0L), ("@v4", 0L)))
        await using (var drop = Sql.Command(connection, tx,
            "DELETE FROM sheet_won_monthly WHERE won_month = @month AND segment = @segment AND lead_type = @type AND flags = @flags AND won_deals = 0 AND first_wins = 0",
            ("@month", 0L), ("@segment", ""), ("@type", ""), ("@flags", 0L)))
        {
            foreach (var ((month, group), sum) in _won.Where(c => c.Value.Any(v => v != 0))
                .OrderBy(c => c.Key.Month).ThenBy(c => c.Key.Group.Segment, StringComparer.Ordinal).ThenBy(c => c.Key.Group.LeadType, StringComparer.Ordinal).ThenBy(c => c.Key.Group.Flags))
            {
                foreach (var command in new[] { upsert, drop })
                    Set(command, ("@month", month), ("@segment", group.Segment), ("@type", group.LeadType), ("@flags", group.Flags));
                for (var i = 0; i < sum.Length; i++) upsert.Parameters[$"@v{i}"].Value = sum[i];
                await pipe.ExecuteAsync(upsert, cancel).ConfigureAwait(false);
                if (sum[0] < 0 || sum[3] < 0) await pipe.ExecuteAsync(drop, cancel).ConfigureAwait(false);
            }
        }

        await pipe.FlushAsync(cancel).ConfigureAwait(false);
        if (_otherCurrency != 0)
        {
            await using var count = Sql.Command(connection, tx,
                "INSERT INTO service_state (name, value) VALUES (@name, @delta) ON CONFLICT (name) DO UPDATE SET value = service_state.value + excluded.value",
                ("@name", OtherCurrencyState), ("@delta", _otherCurrency));
            await count.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    private static void Set(DbCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value;
    }
}
