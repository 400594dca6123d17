using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Import;

public class ImportQualityTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Leads_CountsRowsWithoutTheFieldsReportsNeed_AndTheValuesNotRead(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("leads.csv", "id,created_at,lead_type,segment",
            "A,2026-01-01,web,SMB", "B,2026-01-02,,SMB", "C,2026-01-03,,", "D,bad,web,SMB", ",2026-01-01,web,SMB", "B,2026-01-02,,SMB");

        var quality = (await f.Import(ImportKind.Leads, file)).Quality!;

        // B repeats: the superseded row is not counted twice; D and the row without an id are rejected.
        Assert.Equal(
            [new QualityField("lead_type", "lead_type", 2, 3, 1, 3), new QualityField("segment", "segment", 1, 3, 2, 3), new QualityField("owner", null, null, 3, 0, 3)],
            quality.Fields);
        Assert.Equal([new QualityColumn("created_at", 1), new QualityColumn("id", 1)], quality.Unreadable);
        Assert.Equal(
        [
            "no lead type on 2 of 3 leads: those leads are left out of per-lead-type figures (tracking sheet, pacing and close rate per lead type)",
            "no segment on 1 of 3 leads: those leads are left out of per-segment figures (pacing, speed and depth per segment)",
            "no owner in the store: none of its 3 leads has one, so handoffs are clocked only when the stage change names a rep; otherwise no speed or depth",
            "values not read or missing where required, by column: created_at 1, id 1; the 2 rows holding them were not stored",
        ], quality.Findings);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Deals_WithoutAmounts_SayNoDealSize_UntilTheStoreHasOne(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var none = f.File("deals.csv", "id,status,lead_id,amount,closed_at", "D1,won,A,,2026-02-01", "D2,won,B,,2026-02-01", "D3,open,C,100,");

        var first = (await f.Import(ImportKind.Deals, none)).Quality!;
        Assert.Equal(new QualityField("amount", "amount", 2, 2, 0, 2), first.Fields[0]);
        Assert.Equal("no deal amount in the store: none of its 2 won deals has one, so no deal size, revenue share or lead value", first.Findings[0]);

        // Another file brings an amount for one won deal: the figures exist now, from fewer deals than there are.
        var one = (await f.Import(ImportKind.Deals, f.File("more.csv", "id,status,lead_id,amount,closed_at", "D4,won,D,500,2026-02-02", "D5,won,E,,2026-02-02"))).Quality!;
        Assert.Equal(new QualityField("amount", "amount", 1, 2, 1, 4), one.Fields[0]);
        Assert.StartsWith("no deal amount on 1 of 2 won deals: those customers add no revenue", one.Findings[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DryRun_CountsTheRowsButNotTheStore_AndTheLogKeepsTheReport(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var summary = await f.Import(ImportKind.Touches, f.File("touches.csv", "id,lead_id,channel,touched_at,outcome", "T1,A,call,2026-01-01,", "T2,A,call,2026-01-02,connected"), dryRun: true);

        Assert.Equal(new QualityField("outcome", "outcome", 1, 2, null, null), Assert.Single(summary.Quality!.Fields));
        await using var connection = await f.Database.OpenAsync();
        var id = await ImportLog.RecordAsync(connection, summary, "touches.csv", ImportLog.ViaCli, "me", NodaTime.Instant.FromUtc(2026, 1, 3, 0, 0));
        var kept = await ImportLog.QualityAsync(connection, id);
        Assert.Equal(summary.Quality.Fields, kept!.Fields);
        Assert.Equal(summary.Quality.Findings, kept.Findings);
        Assert.StartsWith("no outcome on 1 of 2 touches", Assert.Single(kept.Findings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leads_UnderAPlanWithoutSegmentsOrLeadTypes_LoseNothingWithoutThem()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var agreement = Tandem.Data.Agreements.AgreementFile.Parse(
            "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - stage: MQL\n    rate: 1/3\n  - stage: SQL\n    rate: 82%\n", "a.yaml");

        var quality = (await f.Import(ImportKind.Leads, f.File("leads.csv", "id,created_at,owner", "A,2026-01-01,ann"), agreement: agreement)).Quality!;

        Assert.Equal(["owner"], quality.Fields.Select(q => q.Field));
        Assert.Empty(quality.Findings);
    }

    [Fact]
    public void FromJson_TextThatIsNoReport_IsNull()
    {
        Assert.Null(ImportQuality.FromJson(null));
        Assert.Null(ImportQuality.FromJson("{not json"));
    }
}
