using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Import;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.Import;

/// <summary>
/// Every writer projects what it writes in its own transaction: an import batch by batch, an API
/// ingest, a lead operation. The clocks exist as soon as the write commits, a killed import leaves
/// its whole batches with their clocks, and the catch-up that follows does not project them again.
/// </summary>
public class WriterProjectionTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 100000
        dealSize: 5000
        closeRate: 20%
        leadTypes:
          - name: Ebook
        calendar:
          timeZone: UTC
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
          depth:
            attempts: 3
            cadence: [{ attempts: 2, within: 2 }]
        """;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static async Task<ImportFixture> SeedAsync(DatabaseKind kind, bool touchData = true)
    {
        var fixture = await ImportFixture.CreateAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds());
        if (touchData) await TouchDataAsync(connection);
        await Projector.CatchUpAsync(connection, Now);
        return fixture;
    }

    /// <summary>A touch of the source (of a lead never stored): only a source with touch data has its handoffs clocked (UntimedHandoffsTest).</summary>
    internal static async Task TouchDataAsync(System.Data.Common.DbConnection connection)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", "T0", "X0", "ann", "call", Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds(), null]], 1);
        await tx.CommitAsync();
    }

    private static ImportRequest Request(ImportKind kind, string path) =>
        new(kind, path, ImportLayouts.Generic, new ImportContext("default", DateTimeZone.Utc, null)) { BatchSize = 1, Clock = new FakeClock(Now) };

    private static async Task<List<string>> ClocksAsync(ImportFixture fixture) =>
        [.. (await fixture.Rows("SELECT lead_id, commitment FROM sla_clocks ORDER BY lead_id, commitment")).Select(r => $"{r[0]} {r[1]}")];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_ProjectsEachBatch_AndTheCatchUpAfterItProjectsNothingAgain(DatabaseKind kind)
    {
        await using var fixture = await SeedAsync(kind);
        var leads = fixture.File("leads.csv", "id,created_at,lead_type", "L1,2026-11-20T09:00:00Z,Ebook", "L2,2026-11-20T09:00:00Z,Ebook", "L3,2026-11-20T09:00:00Z,Ebook");
        var stages = fixture.File("stages.csv", "lead_id,stage,changed_at,rep", "L1,MQL,2026-11-20T10:00:00Z,ann", "L2,MQL,2026-11-20T10:00:00Z,bob");

        var first = await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Leads, leads));
        var second = await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Stages, stages));

        // Each batch projected its own leads once; the catch-up at the end found nothing more to do.
        Assert.Equal((3, 0), (first.Projection!.Leads, first.Projection.Clocks));
        Assert.Equal((2, 4), (second.Projection!.Leads, second.Projection.Clocks));
        Assert.Equal(["L1 depth", "L1 speed", "L2 depth", "L2 speed"], await ClocksAsync(fixture));
        await using var connection = await fixture.Database.OpenAsync();
        Assert.Equal(0, (await Projector.CatchUpAsync(connection, Now))!.Leads);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_StoppedAfterItsFirstBatch_LeavesThatBatchWithItsClocks(DatabaseKind kind)
    {
        await using var fixture = await SeedAsync(kind);
        await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Leads, fixture.File("leads.csv", "id,created_at", "L1,2026-11-20T09:00:00Z", "L2,2026-11-20T09:00:00Z")));
        var stages = fixture.File("stages.csv", "lead_id,stage,changed_at,rep", "L1,MQL,2026-11-20T10:00:00Z,ann", "L2,MQL,2026-11-20T10:00:00Z,bob");
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Stages, stages), onProgress: p => { if (p.Phase == "importing") stop.Cancel(); }, cancel: stop.Token));

        // The first batch committed with its clocks; the second wrote nothing, records or clocks.
        Assert.Equal(1, await fixture.Count("stage_changes"));
        Assert.Equal(["L1 depth", "L1 speed"], await ClocksAsync(fixture));
    }

    /// <summary>The stored clocks as a rebuild would store them (less when they were computed).</summary>
    private static async Task<List<string>> ClockStateAsync(ImportFixture fixture) =>
        [.. (await fixture.Rows("SELECT lead_id, episode, commitment, rule, rep, state, state_since, next_at, transitions, breached_at FROM sla_clocks ORDER BY lead_id, episode, commitment"))
            .Select(r => string.Join("|", r))];

    private static async Task<ImportFixture> HandedOffAsync(DatabaseKind kind, bool touchData = true)
    {
        var fixture = await SeedAsync(kind, touchData);
        await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Leads, fixture.File("leads.csv", "id,created_at", "L1,2026-11-20T09:00:00Z", "L2,2026-11-20T09:00:00Z")));
        await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Stages, fixture.File("stages.csv", "lead_id,stage,changed_at,rep", "L1,MQL,2026-11-20T10:00:00Z,ann", "L2,MQL,2026-11-20T10:00:00Z,bob")));
        return fixture;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_ProjectsEachLeadOnce_InTheBatchOfItsLastRow(DatabaseKind kind)
    {
        await using var fixture = await HandedOffAsync(kind);
        // Four batches of one row, each lead's touches in two of them: each lead is projected once, after its last touch.
        var touches = fixture.File("touches.csv", "id,lead_id,rep,channel,touched_at,outcome",
            "T1,L1,ann,call,2026-11-20T10:05:00Z,", "T2,L2,bob,call,2026-11-20T10:10:00Z,", "T3,L1,ann,email,2026-11-20T10:20:00Z,", "T4,L2,bob,call,2026-11-20T11:30:00Z,connected");

        var summary = await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Touches, touches));

        Assert.Equal(2, summary.Projection!.Leads);
        var projected = await ClockStateAsync(fixture);
        await using var connection = await fixture.Database.OpenAsync();
        Assert.Equal(0, (await Projector.CatchUpAsync(connection, Now))!.Leads);
        await Projector.RebuildAsync(connection, Now);
        Assert.Equal(await ClockStateAsync(fixture), projected);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_OfStageChanges_ProjectsEachLeadOnce(DatabaseKind kind)
    {
        // A stage change's lead is part of its key (a touch's is a field): L1's two rows, batches apart, project it once.
        await using var fixture = await SeedAsync(kind);
        await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Leads, fixture.File("leads.csv", "id,created_at", "L1,2026-11-20T09:00:00Z", "L2,2026-11-20T09:00:00Z")));
        var stages = fixture.File("stages.csv", "lead_id,stage,changed_at,rep", "L1,MQL,2026-11-20T10:00:00Z,ann", "L2,MQL,2026-11-20T10:00:00Z,bob", "L1,SQL,2026-11-20T11:00:00Z,ann");

        var summary = await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Stages, stages));

        Assert.Equal(2, summary.Projection!.Leads);
        var projected = await ClockStateAsync(fixture);
        await using var connection = await fixture.Database.OpenAsync();
        await Projector.RebuildAsync(connection, Now);
        Assert.Equal(await ClockStateAsync(fixture), projected);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_OfASourcesFirstTouches_ProjectsItsUntimedLeadsOnce(DatabaseKind kind)
    {
        // No touch of the source yet: L1 and L2 are handed off but untimed. The first batch's touch releases both;
        // each is still projected once, after its last touch.
        await using var fixture = await HandedOffAsync(kind, touchData: false);
        Assert.Empty(await ClocksAsync(fixture));
        var touches = fixture.File("touches.csv", "id,lead_id,rep,channel,touched_at,outcome",
            "T1,L1,ann,call,2026-11-20T10:05:00Z,", "T2,L2,bob,call,2026-11-20T10:10:00Z,", "T3,L1,ann,email,2026-11-20T10:20:00Z,", "T4,L2,bob,call,2026-11-20T11:30:00Z,connected");

        var summary = await CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Touches, touches));

        Assert.Equal(2, summary.Projection!.Leads);
        Assert.Equal(["L1 depth", "L1 speed", "L2 depth", "L2 speed"], await ClocksAsync(fixture));
        var projected = await ClockStateAsync(fixture);
        await using var connection = await fixture.Database.OpenAsync();
        await Projector.RebuildAsync(connection, Now);
        Assert.Equal(await ClockStateAsync(fixture), projected);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_StoppedBeforeALeadsLastRow_LeavesThatLeadToTheCatchUp(DatabaseKind kind)
    {
        await using var fixture = await HandedOffAsync(kind);
        var before = await ClockStateAsync(fixture);
        var touches = fixture.File("touches.csv", "id,lead_id,rep,channel,touched_at,outcome",
            "T1,L1,ann,call,2026-11-20T10:05:00Z,", "T2,L2,bob,call,2026-11-20T10:10:00Z,", "T3,L1,ann,email,2026-11-20T10:20:00Z,");
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CsvImporter.RunAsync(fixture.Database, Request(ImportKind.Touches, touches), onProgress: p => { if (p.Phase == "importing") stop.Cancel(); }, cancel: stop.Token));

        // T1 is stored, but L1 waited for its last row (T3), which never came: its clocks are as before the import...
        Assert.Equal(1, await fixture.Count("touches WHERE id = 'T1'"));
        Assert.Equal(before, await ClockStateAsync(fixture));
        // ...and the batch's stamp was not noted as projected, so the next catch-up projects L1 with its touch.
        await using var connection = await fixture.Database.OpenAsync();
        Assert.Equal(1, (await Projector.CatchUpAsync(connection, Now))!.Leads);
        var caughtUp = await ClockStateAsync(fixture);
        Assert.NotEqual(before, caughtUp);
        await Projector.RebuildAsync(connection, Now);
        Assert.Equal(await ClockStateAsync(fixture), caughtUp);
    }

    private static readonly string[] Keys = ["L1", "L2"];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Ingest_And_LeadOperations_CommitTheirClocksWithTheirRecords(DatabaseKind kind)
    {
        await using var fixture = await SeedAsync(kind);
        var clock = new FakeClock(Now);
        static RecordInput Record(params (string Field, string Value)[] fields) => new(null, fields.ToDictionary(f => f.Field, f => (string?)f.Value));
        RecordInput[] leads = [Record(("id", "L1"), ("created_at", "2026-11-20T09:00:00Z")), Record(("id", "L2"), ("created_at", "2026-11-20T09:00:00Z"))];
        RecordInput[] stages = [.. Keys.Select(id => Record(("lead_id", id), ("stage", "MQL"), ("changed_at", "2026-11-20T10:00:00Z"), ("rep", "ann")))];
        await IngestRecords.RunAsync(fixture.Database, ImportKind.Leads, leads, DateTimeZone.Utc, null, clock);
        await IngestRecords.RunAsync(fixture.Database, ImportKind.Stages, stages, DateTimeZone.Utc, null, clock);

        // No catch-up ran: the ingest's own transaction stored the clocks.
        Assert.Equal(["L1 depth", "L1 speed", "L2 depth", "L2 speed"], await ClocksAsync(fixture));
        await using var connection = await fixture.Database.OpenAsync();
        Assert.Equal(LeadChange.Done, await LeadOperations.DeleteAsync(connection, "default", "L2", Now.ToUnixTimeMilliseconds()));
        Assert.Equal(["L1 depth", "L1 speed"], await ClocksAsync(fixture));
        Assert.Equal(LeadChange.Done, await LeadOperations.RestoreAsync(connection, "default", "L2", Now.ToUnixTimeMilliseconds()));
        Assert.Equal(["L1 depth", "L1 speed", "L2 depth", "L2 speed"], await ClocksAsync(fixture));
        // L2 merged into L1: its handoff counts for L1 now, and only L1 is clocked.
        Assert.Equal(LeadChange.Done, (await LeadOperations.MergeAsync(connection, "default", "L2", "L1", Now.ToUnixTimeMilliseconds())).Change);
        Assert.Equal(["L1 depth", "L1 speed"], await ClocksAsync(fixture));
    }
}
