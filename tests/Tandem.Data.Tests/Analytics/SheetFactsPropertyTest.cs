using Tandem.Data.Projection;
using System.Data.Common;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Analytics;

public static class SheetHistoryArbitrary
{
    public static Arbitrary<SheetHistory> Streams() => Gen.Choose(0, int.MaxValue - 1).Select(SheetHistory.From).ToArbitrary();
}

/// <summary>
/// The sheet facts kept incrementally (a refresh of the changed leads after every batch) equal a
/// full rebuild from the final records, the rollups equal the sums of their facts, and the tracking
/// sheet, measured cycle and recalibration read from the rollups equal those computed from the raw
/// records (<see cref="SheetReader"/>, <see cref="TrackingSheet"/>), for months, quarters and the
/// year, every segment and none; under two agreements (a funnel from MQL with lead types in New
/// York, and the default Lead funnel in EUR in Berlin, every lead marketing's).
/// </summary>
public class SheetFactsPropertyTest
{
    public const string Funnel = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        funnel:
          - { stage: MQL, rate: 50% }
          - { stage: SQL, rate: 40% }
          - { stage: Opportunity, rate: 30% }
        leadTypes:
          - name: Demo request
            quality: high
          - name: Ebook
          - name: Referral
            generatedBy: sales
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 16 hours, clock: working }
          depth:
            attempts: 4
            cadence: [{ attempts: 2, within: 2 }, { attempts: 4, within: 10 }]
        """;

    public const string LeadFunnel = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        currency: EUR
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: Europe/Berlin
        sales:
          speed: { firstTouchWithin: 16 hours, clock: working }
        """;

    [Property(MaxTest = 50, Arbitrary = [typeof(SheetHistoryArbitrary)])]
    public void Sqlite_IncrementalSheetFactsEqualRebuildAndRawSheet(SheetHistory history) => CheckAsync(DatabaseKind.Sqlite, history).GetAwaiter().GetResult();

    [Property(MaxTest = 10, Arbitrary = [typeof(SheetHistoryArbitrary)])]
    public void Postgres_IncrementalSheetFactsEqualRebuildAndRawSheet(SheetHistory history) => CheckAsync(DatabaseKind.Postgres, history).GetAwaiter().GetResult();

    private static async Task CheckAsync(DatabaseKind kind, SheetHistory history)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var text = history.Seed % 2 == 0 ? Funnel : LeadFunnel;
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", text, (SheetHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        var now = SheetHistory.Start + Duration.FromDays(400);
        foreach (var batch in history.Batches)
        {
            var since = now;
            now += Duration.FromMinutes(3);
            foreach (var write in batch) await write(connection, now.ToUnixTimeMilliseconds());
            // What a catch-up would refresh: the leads whose records were stamped since the last one.
            await Projector.RunAsync(connection, now, await ChangedLeads.SinceAsync(connection, since, now, default, dueClocks: false));
        }

        var incremental = await SnapshotAsync(connection);
        Assert.Equal(await SummedRollupsAsync(connection), incremental.Rollups);
        // A rebuild in pages of a few leads crosses page and source boundaries; then the usual one.
        var agreements = (await ClockAgreements.LoadAsync(connection, default))!;
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await SheetFacts.WriteAsync(connection, tx, agreements, null, 1 + history.Seed % 3, default);
            await tx.CommitAsync();
        }
        AssertSame(await SnapshotAsync(connection), incremental);
        await Projector.RunAsync(connection, now);
        AssertSame(await SnapshotAsync(connection), incremental);

        var agreement = Tandem.Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        await RollupsEqualRawAsync(connection, agreement);
    }

    internal static void AssertSame(Snapshot rebuilt, Snapshot kept)
    {
        Assert.Equal(rebuilt.Leads, kept.Leads);
        Assert.Equal(rebuilt.Deals, kept.Deals);
        Assert.Equal(rebuilt.Rollups, kept.Rollups);
        Assert.Equal(rebuilt.OtherCurrency, kept.OtherCurrency);
    }

    /// <summary>Every figure the rollups give equals the raw-record computation's.</summary>
    internal static async Task RollupsEqualRawAsync(DbConnection connection, Agreement agreement)
    {
        Assert.True(await SheetFactsReader.FitAsync(connection, agreement));
        var raw = await SheetReader.ReadAsync(connection, agreement, default);
        var zone = agreement.Calendar.Zone;
        Assert.Equal(raw.OtherCurrencyDeals, await SheetFactsReader.OtherCurrencyDealsAsync(connection));

        List<Period> periods = [.. Enumerable.Range(0, 14).Select(i => Period.Month(2026, 1).Plus(i)), Period.Quarter(2026, 2), Period.Quarter(2026, 4), Period.OfYear(2026)];
        foreach (var segment in new[] { null, "smb", "Enterprise", "" })
        {
            var columns = await SheetFactsReader.ColumnsAsync(connection, agreement, periods, segment);
            Assert.Equal(periods.Select(p => Describe(SheetQuery.Compute(raw, agreement, p, segment))), columns.Select(Describe));
            var report = await SheetQuery.RunAsync(connection, agreement, periods, segment);
            Assert.Equal(columns.Select(Describe), report.Columns.Select(Describe));
            Assert.Equal(raw.OtherCurrencyDeals, report.OtherCurrencyDeals);
        }

        foreach (var target in new[] { Period.Month(2026, 6), Period.Month(2026, 11), Period.Month(2027, 2), Period.Quarter(2027, 1) })
        {
            Assert.Equal(TrackingSheet.AverageCycleDays(raw.Leads, raw.Deals, zone.AtStartOfDay(target.Start).ToInstant()), await SheetFactsReader.AverageCycleDaysAsync(connection, target));
            foreach (var cycle in new int?[] { null, 0, 2 })
            {
                // A win recorded before its lead was created can make the measured cycle negative: both refuse it alike.
                string expected;
                try { expected = Describe(RawRecalibration(raw, agreement, target, 6, cycle)); }
                catch (Tandem.Domain.Numbers.InvalidInputException e) { expected = e.Message; }
                string actual;
                try
                {
                    var (result, data) = await RecalibrationQuery.RunAsync(connection, agreement, target, 6, cycle);
                    Assert.Equal(raw.Funnel, data.Funnel);
                    actual = Describe(result);
                }
                catch (Tandem.Domain.Numbers.InvalidInputException e) { actual = e.Message; }
                Assert.Equal(expected, actual);
            }
        }
    }

    /// <summary>Recalibration as it was computed before the rollups: every lead and deal in memory.</summary>
    private static RecalibrationResult RawRecalibration(SheetData raw, Agreement agreement, Period target, int window, int? cycle)
    {
        var zone = agreement.Calendar.Zone;
        var cyclePeriods = cycle ?? (TrackingSheet.AverageCycleDays(raw.Leads, raw.Deals, zone.AtStartOfDay(target.Start).ToInstant()) is { } days
            ? RecalibrationWindow.CycleInPeriods(days, target.Kind) : 0);
        var span = RecalibrationWindow.For(target, window, cyclePeriods);
        var columns = span.Periods().Select(p => TrackingSheet.Compute(p, zone, raw.Funnel, raw.Leads, raw.Deals)).ToList();
        return Recalibration.Compute(agreement, span, cyclePeriods, cycle is null, columns);
    }

    internal static string Describe(SheetColumn column) =>
        $"{column.Period}: " + string.Join(" | ", column.Groups.Select(g => $"{g.Group} {Figures(g.Figures)}")) + " | total " + Figures(column.Total);

    private static string Figures(SheetFigures f) =>
        string.Join(" ", f.Leads, f.Customers, f.PricedCustomers, f.StillOpen, f.PricedRevenue, f.ClosedRevenue, f.UnpricedClosedDeals, f.ClosedMarketingRevenue,
            f.UnpricedMarketingDeals, f.CycleDaysTotal, "[" + string.Join(",", f.Reached) + "]");

    private static string Describe(RecalibrationResult r) => string.Join("\n",
    [
        $"{r.Window} cycle {r.CyclePeriods} measured {r.CycleMeasured} without {string.Join(",", r.PeriodsWithoutData)}",
        $"total {Figures(r.Total.Sum)} {r.Total.LeadValue}",
        .. r.Groups.Select(g => $"{g.Group} {Figures(g.Inputs.Sum)} {g.Inputs.LeadValue}"),
        $"plans {r.OldPlan?.Total.LeadsNeeded} {r.NewPlan?.Total.LeadsNeeded}",
        .. r.Changes.Select(c => $"{c.Name} {c.Old} {c.New}"),
        .. r.Notes,
    ]);

    internal sealed record Snapshot(List<string> Leads, List<string> Deals, List<string> Rollups, int OtherCurrency);

    internal static async Task<Snapshot> SnapshotAsync(DbConnection connection) => new(
        await RowsAsync(connection, "SELECT * FROM sheet_lead_facts"),
        await RowsAsync(connection, "SELECT * FROM sheet_deal_facts"),
        [.. await RowsAsync(connection, "SELECT 'c', cohort_month, segment, lead_type, flags, depth, leads, customers, priced_customers, still_open, revenue_e4, cycle_seconds FROM sheet_cohort_monthly"),
         .. await RowsAsync(connection, "SELECT 'w', won_month, segment, lead_type, flags, won_deals, revenue_e4, unpriced_deals, first_wins, first_win_cycle_seconds FROM sheet_won_monthly")],
        await SheetFactsReader.OtherCurrencyDealsAsync(connection));

    /// <summary>The rollups as sums of the fact rows they are kept from.</summary>
    internal static async Task<List<string>> SummedRollupsAsync(DbConnection connection) =>
    [
        .. await RowsAsync(connection,
            "SELECT 'c', cohort_month, segment, lead_type, flags, depth, COUNT(*), SUM(customer), SUM(priced), SUM(still_open), SUM(revenue_e4), SUM(cycle_seconds) " +
            "FROM sheet_lead_facts WHERE cohort_month IS NOT NULL GROUP BY cohort_month, segment, lead_type, flags, depth"),
        .. await RowsAsync(connection,
            "SELECT 'w', m, segment, lead_type, flags, SUM(won_deals), SUM(revenue_e4), SUM(unpriced), SUM(first_wins), SUM(cycle) FROM (" +
            "SELECT won_month AS m, segment, lead_type, flags, 1 AS won_deals, COALESCE(amount_e4, 0) AS revenue_e4, CASE WHEN amount_e4 IS NULL THEN 1 ELSE 0 END AS unpriced, 0 AS first_wins, 0 AS cycle " +
            "FROM sheet_deal_facts WHERE won_month IS NOT NULL UNION ALL " +
            "SELECT win_month, segment, lead_type, flags, 0, 0, 0, 1, cycle_seconds FROM sheet_lead_facts WHERE win_month IS NOT NULL) x GROUP BY m, segment, lead_type, flags"),
    ];

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
