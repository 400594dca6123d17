using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.UseCases;

/// <summary>
/// Importing a table through the use case every front end calls: rows from any source (here held in
/// memory, read twice), records and their clocks committed together, the import logged; each way
/// it refuses comes back as a typed field problem, with nothing stored.
/// </summary>
public class ImportTableTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 100000
        dealSize: 5000
        closeRate: 20%
        calendar:
          timeZone: UTC
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
          depth:
            attempts: 3
            cadence: [{ attempts: 2, within: 2 }]
        """;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static TableImport Input(TableInput table, string kind = "leads", string layout = ImportLayouts.Generic) =>
        new(table, kind, layout, "default", DateTimeZone.Utc, null) { By = "ann" };

    private static TableInput Memory(string name, string[] header, params string[][] rows) => new(name, _ => new MemoryRows(header, rows));

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task RowsFromAnySource_CommitWithTheirClocks_AndTheImportIsLogged(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        await using (var connection = await fixture.Database.OpenAsync())
        {
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds());
            await WriterProjectionTest.TouchDataAsync(connection);
            await Projector.CatchUpAsync(connection, Now);
        }
        var clock = new FakeClock(Now);
        await ImportTable.RunAsync(fixture.Database, Input(Memory("leads", ["id", "created_at"], ["L1", "2026-11-20T09:00:00Z"], ["L2", "2026-11-20T09:00:00Z"])), clock);
        var opened = 0;
        var stages = new TableInput("stages from a stream", _ =>
        {
            opened++;
            return new MemoryRows(["lead_id", "stage", "changed_at", "rep"], [["L1", "MQL", "2026-11-20T10:00:00Z", "ann"], ["L2", "nonsense", "2026-11-20T10:00:00Z", "bob"]]);
        });

        var result = await ImportTable.RunAsync(fixture.Database, Input(stages, "stages"), clock);

        Assert.False(result.Refused);
        Assert.Equal(2, opened); // a check pass, then the write pass
        Assert.Equal((2L, 1L, 1L), (result.Summary!.Rows, result.Summary.Records.Inserted, result.Summary.Rejected));
        Assert.Empty(result.Problems);
        Assert.Null(result.LogFailure);
        // The stage change and the clocks it starts committed together: no catch-up ran.
        Assert.Equal(["L1 depth", "L1 speed"], (await fixture.Rows("SELECT lead_id, commitment FROM sla_clocks ORDER BY lead_id, commitment")).Select(r => $"{r[0]} {r[1]}"));
        var logged = Assert.Single(await fixture.Rows($"SELECT file_name, via, by_user, refused FROM imports WHERE id = {result.LogId}"));
        Assert.Equal(["stages from a stream", ImportLog.ViaCli, "ann", null], logged);
    }

    public static TheoryData<string, string, string, int, string, string> BadInputs => new()
    {
        // kind, layout, source, batch size: the field at fault and its reason
        { "customers", "generic", "default", 10, "kind", "'customers' is not one of reps, leads, stages, touches, deals, content, content-uses, campaigns, campaign-leads, reports, report-feedback, launches, trainings, attendance" },
        { "leads", "pipedrive", "default", 10, "layout", "'pipedrive' is not one of generic, hubspot, salesforce" },
        { "touches", "hubspot", "default", 10, "layout", "hubspot reads leads only" },
        { "leads", "generic", " ", 10, "source", "give the system the records come from (default: default)" },
        { "leads", "generic", "default", 0, "batchSize", "must be at least 1 (got 0)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Check_NamesTheFieldAtFault_AndTheValueGiven(string kind, string layout, string source, int batchSize, string field, string reason)
    {
        var input = Input(Memory("t.csv", ["id"]), kind, layout) with { Source = source, BatchSize = batchSize };

        var problem = Assert.Single(ImportTable.Check(input));

        Assert.Equal(field, problem.Field);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("--", problem.Reason, StringComparison.Ordinal); // no front end's words
    }

    [Fact]
    public void Check_AMappingWithoutTheKindsSection_IsAProblemOfTheMap()
    {
        var mapping = MappingFile.Parse("reps:\n  id: { column: owner }\n", "reps.yaml");

        var problem = Assert.Single(ImportTable.Check(Input(Memory("t.csv", ["owner"])) with { Mapping = mapping }));

        Assert.Equal(("map", "reps.yaml"), (problem.Field, problem.Value));
        Assert.Contains("the mapping has no leads section", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task InputsRefusedByTheCheck_ReadNothing_AndAreNotLogged(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        var table = new TableInput("leads.csv", _ => throw new InvalidOperationException("the table is not read"));

        var result = await ImportTable.RunAsync(fixture.Database, Input(table, "customers"), new FakeClock(Now));

        Assert.True(result.Refused);
        Assert.Equal("kind", Assert.Single(result.Problems).Field);
        Assert.Null(result.LogId);
        Assert.Equal(0, await fixture.Count("imports"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AFileRefusedWhole_IsAFileProblemUnderTheNameGiven_NeverItsPath_AndIsLoggedAsRefused(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        var saved = fixture.File("0a1b2c.csv", "name,when", "x,y");

        var result = await ImportTable.RunAsync(fixture.Database, Input(TableInput.FromFile(saved, "contacts.csv")) with { Via = ImportLog.ViaWeb }, new FakeClock(Now));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("file", "contacts.csv"), (problem.Field, problem.Value));
        Assert.StartsWith("header: missing required column", problem.Reason, StringComparison.Ordinal);
        var logged = Assert.Single(await fixture.Rows("SELECT id, file_name, via, refused FROM imports"));
        Assert.Equal((result.LogId, "contacts.csv", ImportLog.ViaWeb), ((long?)logged[0], logged[1], logged[2]));
        Assert.StartsWith("header: missing required column", (string)logged[3]!, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Count("leads"));

        var missing = await ImportTable.RunAsync(fixture.Database, Input(TableInput.FromFile(fixture.PathOf("gone.csv"), "upload.csv")), new FakeClock(Now));
        Assert.Equal(new FieldProblem("file", "upload.csv", "upload.csv: not found"), Assert.Single(missing.Problems));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ASheetOfACsvFile_IsASheetProblem_LoggedInWordsNoFrontEndOwns(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        var file = TableInput.FromFile(fixture.File("x.csv", "id,created_at", "A,2026-01-01"), "leads.csv");

        var result = await ImportTable.RunAsync(fixture.Database, Input(file) with { Sheet = "Deals" }, new FakeClock(Now));

        Assert.Equal(new FieldProblem("sheet", "Deals", "leads.csv is CSV text, which has no sheets"), Assert.Single(result.Problems));
        Assert.Equal("sheet: leads.csv is CSV text, which has no sheets", (await fixture.Rows("SELECT refused FROM imports"))[0][0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AnErrorsFileThatCannotBeWritten_IsAnErrorsProblem(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        var folder = fixture.PathOf("a-folder");
        Directory.CreateDirectory(folder);

        var result = await ImportTable.RunAsync(fixture.Database, Input(Memory("leads.csv", ["id", "created_at"], ["A", "2026-01-01"])) with { ErrorsPath = folder }, new FakeClock(Now));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("errors", folder), (problem.Field, problem.Value));
        Assert.StartsWith($"cannot write {folder}", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Count("leads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AShippedLayoutThatDoesNotFitTheHeader_ReturnsTheMappingsErrors(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);

        var result = await ImportTable.RunAsync(fixture.Database, Input(Memory("deals.csv", ["id", "status"], ["D1", "won"]), layout: ImportLayouts.HubSpot), new FakeClock(Now));

        Assert.True(result.Refused);
        Assert.Empty(result.Problems);
        Assert.NotEmpty(result.MappingErrors);
        Assert.Equal(1, await fixture.Count("imports"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AnImportThatCannotBeLogged_Stands_AndSaysWhy(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        await using (var connection = await fixture.Database.OpenAsync())
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = kind == DatabaseKind.Postgres ? "DROP TABLE imports CASCADE" : "DROP TABLE import_problems; DROP TABLE imports";
            await drop.ExecuteNonQueryAsync();
        }

        var result = await ImportTable.RunAsync(fixture.Database, Input(Memory("leads.csv", ["id", "created_at"], ["A", "2026-01-01"])), new FakeClock(Now));

        Assert.Equal(1, result.Summary!.Records.Inserted);
        Assert.Null(result.LogId);
        Assert.NotNull(result.LogFailure);
        Assert.Equal(1, await fixture.Count("leads"));
    }

    [Fact]
    public void Preview_ReadsTheFirstRows_OrSaysWhyTheImportWouldBeRefused()
    {
        var table = Memory("leads.csv", ["id", "created_at"], ["A", "2026-01-01"], ["B", "not a time"], ["C", "2026-01-02"]);

        var preview = ImportTable.Preview(Input(table), rows: 2);

        Assert.Empty(preview.Problems);
        Assert.Equal(2, preview.Preview!.Rows.Count);
        Assert.True(preview.Preview.More);
        Assert.Equal("created_at", Assert.Single(preview.Preview.Rows[1].Problems).Column);
        Assert.Equal("layout", Assert.Single(ImportTable.Preview(Input(table, layout: "pipedrive")).Problems).Field);
        Assert.Equal("file", Assert.Single(ImportTable.Preview(Input(Memory("contacts.csv", ["name"], ["x"]))).Problems).Field);
        Assert.NotEmpty(ImportTable.Preview(Input(table, layout: ImportLayouts.HubSpot)).MappingErrors);
    }
}
