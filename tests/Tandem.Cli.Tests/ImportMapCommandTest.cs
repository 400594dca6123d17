using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

public sealed class ImportMapCommandTest : IDisposable
{
    private const string Mapping = """
        # mapping for: a deals export
        zone: America/Sao_Paulo
        ignore: [business_segment]
        deals:
          id: mql_id
          status: { constant: won }
          lead_id: mql_id
          closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
          amount: { column: declared_monthly_revenue, values: { "0": "" } }
        stages:
          - { lead_id: mql_id, stage: { constant: Customer }, changed_at: { column: won_date, format: dd-MM-yyyy HH:mm } }
        reps:
          - { id: sdr_id, team: { constant: SDR } }
          - { id: sr_id, team: { constant: closers } }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-map", Guid.NewGuid().ToString("N"));

    public ImportMapCommandTest() => Directory.CreateDirectory(_folder);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Deals(params string[] rows) =>
        File("deals.csv", ["mql_id,sdr_id,sr_id,won_date,business_segment,declared_monthly_revenue,seller_id", .. rows]);

    private static async Task<long> Count(DatabaseTarget target, string table)
    {
        await using var db = new TandemDatabase(target);
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Map_FeedsEveryKindOfTheMapping_JsonPerKind_ExitZero_AndRepeatingChangesNothing(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = target.SqlitePath ?? target.ConnectionString;
        var map = File("deals.yaml", Mapping);
        var file = Deals("M1,S1,C1,26-02-2018 19:58,pet,0,X1", "M2,S1,C2,08-05-2018 20:17,car,1500,X2");

        var run = (await CliRun.Of("import", "deals", file, "--map", map, "--database", database, "--format", "json")).Json();

        Assert.Equal(("deals", "map", map), (run.GetProperty("kind").GetString(), run.GetProperty("from").GetString(), run.GetProperty("mapping").GetString()));
        Assert.Equal((2, 0), (run.GetProperty("inserted").GetInt32(), run.GetProperty("rejected").GetInt32()));
        var reps = run.GetProperty("derived").GetProperty("reps");
        Assert.Equal((3, 1, 1), (reps.GetProperty("inserted").GetInt32(), reps.GetProperty("unchanged").GetInt32(), reps.GetProperty("superseded").GetInt32()));
        Assert.Equal(2, run.GetProperty("derived").GetProperty("stages").GetProperty("inserted").GetInt32());
        Assert.Equal(["business_segment"], run.GetProperty("ignoredByMapping").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["seller_id"], run.GetProperty("ignoredColumns").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, run.GetProperty("skipped").GetInt32());

        var again = (await CliRun.Of("import", "deals", file, "--map", map, "--database", database, "--format", "json")).Json();
        Assert.Equal((0, 0, 2), (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(0, again.GetProperty("derived").GetProperty("reps").GetProperty("inserted").GetInt32() + again.GetProperty("derived").GetProperty("reps").GetProperty("updated").GetInt32());
        Assert.Equal(3L, await Count(target, "reps"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Map_RowNotInTheFormat_IsNamedOnStderr_ExitOne_AndTheOtherRowsAreImported(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = target.SqlitePath ?? target.ConnectionString;
        // Neither the mapping's format nor the ISO text a workbook's date cell becomes (2018-02-26 would be read as that).
        var file = Deals("M1,S1,C1,26/02/2018 19:58,pet,0,X1", "M2,S1,C2,08-05-2018 20:17,car,1500,X2");

        var run = await CliRun.Of("import", "deals", file, "--map", File("deals.yaml", Mapping), "--database", database);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"tandem: {file}:2: won_date: '26/02/2018 19:58' is not a time (expected dd-MM-yyyy HH:mm)", Assert.Single(run.ErrorLines));
        Assert.Contains("reps derived: 2 inserted", run.Output, StringComparison.Ordinal);
        Assert.Contains("columns ignored (the mapping says so): business_segment", run.Output, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (await Count(target, "deals"), await Count(target, "stage_changes")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Map_ThatDoesNotFit_IsRefusedWithItsLinesAndKeys_ExitTwo_NothingWritten(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = target.SqlitePath ?? target.ConnectionString;
        var map = File("deals.yaml", Mapping.Replace("sdr_id, team", "sdr, team", StringComparison.Ordinal).Replace("constant: won }", "constant: wonn }", StringComparison.Ordinal));

        var run = await CliRun.Of("import", "deals", Deals("M1,S1,C1,26-02-2018 19:58,pet,0,X1"), "--map", map, "--database", database);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.Equal($"tandem: {map}:6: deals.status.constant: 'wonn' is not a deal status (open, won, lost)", run.ErrorLines[0]);
        Assert.StartsWith($"tandem: {map}:13: reps[1].id: column 'sdr' is not in ", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (await Count(target, "deals"), await Count(target, "reps")));
    }

    [Fact]
    public async Task Map_UnknownField_IsRefusedBeforeTheFileIsRead()
    {
        var map = File("m.yaml", "deals:\n  id: mql_id\n  status: { constant: won }\n  amout: declared_monthly_revenue\n");
        var run = await CliRun.Of("import", "deals", Path.Combine(_folder, "absent.csv"), "--map", map, "--database", Path.Combine(_folder, "t.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"tandem: {map}:4: deals.amout: unknown key 'amout'; did you mean 'amount'?", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("touches", "--map", "--map: {map}: touches: the mapping has no touches section (it maps reps, stages, deals); import one of those, or add a touches: section")]
    [InlineData("deals", "--from", "--map and --from: give one (a shipped layout, or your own mapping)")]
    [InlineData("deals", "--missing", "{folder}/none.yaml: --map: not found")]
    [InlineData("leads", "--print-map", "--print-map: 'pipedrive' is not a shipped mapping (hubspot, salesforce, generic)")]
    [InlineData("deals", "--print-map hubspot", "--print-map hubspot maps leads (a HubSpot contacts export); run tandem import leads --print-map hubspot")]
    [InlineData("deals", "--no-file", "file: give the file to import (or --print-map NAME to print a shipped mapping)")]
    public async Task UsageErrors_AreOneLine_ExitTwo(string kind, string scenario, string message)
    {
        var map = File("deals.yaml", Mapping);
        var file = Deals("M1,S1,C1,26-02-2018 19:58,pet,0,X1");
        string[] args = scenario switch
        {
            "--map" => ["import", kind, file, "--map", map],
            "--from" => ["import", kind, file, "--map", map, "--from", "hubspot"],
            "--missing" => ["import", kind, file, "--map", Path.Combine(_folder, "none.yaml")],
            "--print-map" => ["import", kind, "--print-map", "pipedrive"],
            "--print-map hubspot" => ["import", kind, "--print-map", "hubspot"],
            _ => ["import", kind, "--map", map],
        };
        var run = await CliRun.Of([.. args, "--database", Path.Combine(_folder, "t.db")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"tandem: {message.Replace("{map}", map, StringComparison.Ordinal).Replace("{folder}", _folder, StringComparison.Ordinal)}", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task PrintMap_PrintsTheShippedMappingAsItShips_AndGenericForTheKind()
    {
        var hubspot = await CliRun.Of("import", "leads", "--print-map", "hubspot");
        Assert.Equal(0, hubspot.ExitCode);
        Assert.Equal(ShippedMappings.Text(ShippedMappings.Find("hubspot")!), hubspot.Output);

        var generic = await CliRun.Of("import", "touches", "--print-map", "generic");
        Assert.Equal(0, generic.ExitCode);
        var mapping = MappingFile.Parse(generic.Output, "generic.yaml");
        Assert.Equal(["id", "lead_id", "channel", "touched_at", "rep", "outcome"], mapping.Section(Data.Import.ImportKind.Touches)!.Records[0].Fields.Select(f => f.Field.Name));
    }

    [Fact]
    public async Task PrintedHubSpotMapping_CopiedAndAdjusted_ImportsThroughMap()
    {
        var text = (await CliRun.Of("import", "leads", "--print-map", "hubspot")).Output.Replace("created_at: Create Date", "created_at: { column: Create Date, format: dd.MM.yyyy }", StringComparison.Ordinal);
        var map = File("my-hubspot.yaml", text);
        var file = File("contacts.csv", "Record ID,Create Date,Became a Lead Date", "101,05.01.2026,2026-01-05 09:00");
        var run = (await CliRun.Of("import", "leads", file, "--map", map, "--database", Path.Combine(_folder, "t.db"), "--format", "json")).Json();
        Assert.Equal((1, 1), (run.GetProperty("inserted").GetInt32(), run.GetProperty("derived").GetProperty("stages").GetProperty("inserted").GetInt32()));
    }

    [Fact]
    public async Task SuggestMap_PrintsAMappingForTheRealOlistFile_AndWritesNothing()
    {
        var path = Tandem.Data.Tests.OlistDataset.File("olist_marketing_qualified_leads_dataset.csv");
        var database = Path.Combine(_folder, "never.db");

        var run = await CliRun.Of("import", "leads", path, "--suggest-map", "--database", database);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("format: \"dd-MM-yyyy\"", run.Output, StringComparison.Ordinal);
        Assert.Equal(["dd-MM-yyyy"], MappingFile.Parse(run.Output, "s.yaml").Section(Data.Import.ImportKind.Leads)!.Records[0].Fields.Single(f => f.Field.Name == "created_at").Formats);
        Assert.False(System.IO.File.Exists(database));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
