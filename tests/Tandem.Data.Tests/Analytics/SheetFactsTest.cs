using System.Data.Common;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Analytics;

/// <summary>The sheet facts' edge cases, on both engines: moved deals, deleted leads, other terms.</summary>
public class SheetFactsTest
{
    private static readonly long Now = Instant.FromUtc(2027, 1, 10, 12, 0).ToUnixTimeMilliseconds();

    private static long At(int month, int day) => Instant.FromUtc(2026, month, day, 15, 0).ToUnixTimeMilliseconds();

    private static async Task<DbConnection> SeedAsync(TandemDatabase db, string agreement = SheetFactsPropertyTest.Funnel)
    {
        var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", agreement, Now - 1_000_000_000);
        await WriteAsync(connection, TableSpec.Leads, ["created_at", "lead_type", "segment"], ["default", "A", At(10, 1), "Ebook", "SMB"], ["default", "B", At(10, 2), "Demo request", "Enterprise"]);
        await WriteAsync(connection, TableSpec.StageChanges, ["rep"], ["default", "A", "MQL", At(10, 3), null], ["default", "B", "MQL", At(10, 4), null]);
        await WriteAsync(connection, TableSpec.Deals, ["lead_id", "amount_e4", "currency", "status", "closed_at"], ["default", "D", "A", 50_000_000L, "USD", "won", At(11, 20)]);
        await RefreshAsync(connection, null);
        return connection;
    }

    private static async Task WriteAsync(DbConnection connection, TableSpec table, string[] fields, params object?[][] rows)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, Now);
        await tx.CommitAsync();
    }

    private static async Task RefreshAsync(DbConnection connection, IReadOnlyCollection<(string, string)>? only)
    {
        var agreements = (await ClockAgreements.LoadAsync(connection, default))!;
        await using var tx = await connection.BeginTransactionAsync();
        await SheetFacts.WriteAsync(connection, tx, agreements, only, default);
        await tx.CommitAsync();
    }

    /// <summary>The facts now, then rebuilt: they must be the same.</summary>
    private static async Task AssertAsRebuiltAsync(DbConnection connection)
    {
        var kept = await SheetFactsPropertyTest.SnapshotAsync(connection);
        await RefreshAsync(connection, null);
        SheetFactsPropertyTest.AssertSame(await SheetFactsPropertyTest.SnapshotAsync(connection), kept);
    }

    private static async Task<Tandem.Domain.Agreements.Agreement> ActiveAsync(DbConnection connection) =>
        Tandem.Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");

    public static TheoryData<DatabaseKind, string> MovedDeals => new()
    {
        { DatabaseKind.Sqlite, "A" }, { DatabaseKind.Sqlite, "B" }, { DatabaseKind.Sqlite, "" },
        { DatabaseKind.Postgres, "A" }, { DatabaseKind.Postgres, "B" }, { DatabaseKind.Postgres, "" },
    };

    /// <summary>A deal moved from A to B (or to no lead): refreshing either lead alone moves its revenue and customer, since the deal's row names the lead that stored it.</summary>
    [Theory]
    [MemberData(nameof(MovedDeals))]
    public async Task Write_ADealMovedToAnotherLead_MovesWhicheverLeadIsRefreshed(DatabaseKind kind, string refreshed)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await SeedAsync(db);
        var november = await SheetFactsReader.ColumnsAsync(connection, await ActiveAsync(connection), [Period.Month(2026, 11)], null);
        Assert.Equal("SMB", Assert.Single(november[0].Groups).Group.Segment);

        var to = refreshed == "" ? null : "B";
        await WriteAsync(connection, TableSpec.Deals, ["lead_id", "amount_e4", "currency", "status", "closed_at"], ["default", "D", to, 50_000_000L, "USD", "won", At(11, 20)]);
        await RefreshAsync(connection, [("default", refreshed)]);

        await AssertAsRebuiltAsync(connection);
        await SheetFactsPropertyTest.RollupsEqualRawAsync(connection, await ActiveAsync(connection));
        var moved = (await SheetFactsReader.ColumnsAsync(connection, await ActiveAsync(connection), [Period.Month(2026, 11)], null))[0];
        Assert.Equal(to is null ? null : "Enterprise", Assert.Single(moved.Groups).Group.Segment);
        Assert.Equal(Fraction.FromInteger(5_000), moved.Total.TotalRevenue);
    }

    /// <summary>A deleted lead is left out of every figure, its won deals too (they are not taken for deals without a lead).</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Sheet_ADeletedLeadsDeals_AreLeftOut(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await SeedAsync(db);
        Assert.Equal(LeadChange.Done, await LeadOperations.DeleteAsync(connection, "default", "A", Now));
        await RefreshAsync(connection, [("default", "A")]);

        await AssertAsRebuiltAsync(connection);
        var agreement = await ActiveAsync(connection);
        await SheetFactsPropertyTest.RollupsEqualRawAsync(connection, agreement);
        var november = (await SheetQuery.RunAsync(connection, agreement, [Period.Month(2026, 10), Period.Month(2026, 11)], null)).Columns;
        Assert.Equal(1, november[0].Total.Leads);
        Assert.Empty(november[1].Groups);
        Assert.Equal(Fraction.Zero, november[1].Total.TotalRevenue);
    }

    /// <summary>
    /// An agreement of other terms than the facts' (here another currency) reads the raw records,
    /// with the same result as computing from them; once that agreement is the active one, the next
    /// refresh of any lead rebuilds the facts under its terms.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Readers_AnAgreementOfOtherTerms_ReadTheRawRecords_UntilTheFactsAreRebuiltForIt(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await SeedAsync(db);
        var euros = SheetFactsPropertyTest.Funnel.Replace("quota: 500000", "currency: EUR\nquota: 500000", StringComparison.Ordinal);
        var other = Tandem.Data.Agreements.AgreementFile.Parse(euros, "test");
        Assert.False(await SheetFactsReader.FitAsync(connection, other));

        var periods = new[] { Period.Month(2026, 10), Period.Month(2026, 11) };
        var report = await SheetQuery.RunAsync(connection, other, periods, null);
        Assert.Equal(1, report.OtherCurrencyDeals);
        Assert.Null(report.Columns[1].Total.DealSize);
        var raw = await SheetReader.ReadAsync(connection, other, default);
        Assert.Equal(periods.Select(p => SheetFactsPropertyTest.Describe(SheetQuery.Compute(raw, other, p, null))), report.Columns.Select(SheetFactsPropertyTest.Describe));
        var (recalibrated, data) = await RecalibrationQuery.RunAsync(connection, other, Period.Month(2027, 2), 6, null);
        Assert.Equal(1, data.OtherCurrencyDeals);
        Assert.Equal(2, recalibrated.Total.Sum.Leads);

        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", euros, Now);
        await RefreshAsync(connection, [("default", "B")]);
        Assert.True(await SheetFactsReader.FitAsync(connection, other));
        await SheetFactsPropertyTest.RollupsEqualRawAsync(connection, other);
    }
}
