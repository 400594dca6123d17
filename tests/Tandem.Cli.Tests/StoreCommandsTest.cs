using System.Text.Json;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

/// <summary><c>tandem agreement import/export</c>, <c>tandem lead ...</c>, <c>tandem db backup/copy</c>.</summary>
public sealed class StoreCommandsTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-store", Guid.NewGuid().ToString("N"));

    public StoreCommandsTest() => Directory.CreateDirectory(_folder);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string File(string name, params string[] lines)
    {
        System.IO.File.WriteAllText(PathOf(name), string.Join("\n", lines) + "\n");
        return PathOf(name);
    }

    private static async Task<List<object?[]>> Rows(string database, string sql)
    {
        await using var db = new TandemDatabase(DatabaseTarget.Parse(database));
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i) is int n ? (long)n : reader.GetValue(i))]);
        return rows;
    }

    private static async Task<string> NewDatabase(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        return target.SqlitePath ?? target.ConnectionString;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Agreement_ImportThenExport_IsByteForByte_AndTheLatestIsActive(DatabaseKind kind)
    {
        var db = await NewDatabase(kind);
        var first = PathOf("first.yaml");
        Assert.Equal(0, (await CliRun.Of("init", first)).ExitCode);
        var text = (await System.IO.File.ReadAllTextAsync(first)).Replace("name: Marketing and sales SLA", "name: \"Q4 SLA — Ünïcode ✓\"", StringComparison.Ordinal);
        await System.IO.File.WriteAllTextAsync(first, text);

        var stored = (await CliRun.Of("agreement", "import", first, "--database", db, "--format", "json")).Json();
        Assert.Equal("Q4 SLA — Ünïcode ✓", stored.GetProperty("name").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$", stored.GetProperty("storedAt").GetString());

        var exported = await CliRun.Of("agreement", "export", "--database", db);
        Assert.Equal(text, exported.Output);
        Assert.Equal(0, (await CliRun.Of("agreement", "export", PathOf("out.yaml"), "--database", db)).ExitCode);
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(first), await System.IO.File.ReadAllBytesAsync(PathOf("out.yaml")));

        var second = File("second.yaml", text.Replace("quota: 500000", "quota: 750000", StringComparison.Ordinal));
        Assert.Equal(0, (await CliRun.Of("agreement", "import", second, "--database", db)).ExitCode);
        Assert.Contains("quota: 750000", (await CliRun.Of("agreement", "export", "--database", db)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agreement_ErrorPaths_AreOneLineExitTwo_AndStoreNothing()
    {
        var db = PathOf("t.db");
        var invalid = File("bad.yaml", "schemaVersion: 1", "name: x", "quota: lots");
        var run = await CliRun.Of("agreement", "import", invalid, "--database", db);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:", run.Error, StringComparison.Ordinal);

        var none = await CliRun.Of("agreement", "export", "--database", db);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no agreement is stored", Assert.Single(none.ErrorLines), StringComparison.Ordinal);

        var good = PathOf("good.yaml");
        await CliRun.Of("init", good);
        await CliRun.Of("agreement", "import", good, "--database", db);
        var exists = await CliRun.Of("agreement", "export", good, "--database", db);
        Assert.Equal(2, exists.ExitCode);
        Assert.Contains("exists; pass --force", exists.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Lead_DeleteRestoreMergeForget(DatabaseKind kind)
    {
        var db = await NewDatabase(kind);
        await CliRun.Of("import", "leads", File("leads.csv", "id,created_at,name,email,company,title",
            "A,2026-01-01,Ann,ann@example.com,Acme,CEO", "B,2026-01-02,Bob,bob@example.com,Beta,CTO", "C,2026-01-03,Cy,cy@example.com,Gamma,VP"), "--database", db);

        Assert.True((await CliRun.Of("lead", "delete", "A", "--database", db, "--format", "json")).Json().GetProperty("changed").GetBoolean());
        Assert.False((await CliRun.Of("lead", "delete", "A", "--database", db, "--format", "json")).Json().GetProperty("changed").GetBoolean());
        Assert.NotNull((await Rows(db, "SELECT deleted_at FROM leads WHERE id = 'A'"))[0][0]);
        Assert.Equal(0, (await CliRun.Of("lead", "restore", "A", "--database", db)).ExitCode);
        Assert.Null((await Rows(db, "SELECT deleted_at FROM leads WHERE id = 'A'"))[0][0]);

        // A into B, then B into C: A follows B, so both point straight at C (one hop).
        Assert.Equal("B", (await CliRun.Of("lead", "merge", "A", "--into", "B", "--database", db, "--format", "json")).Json().GetProperty("mergedInto").GetString());
        Assert.Equal(0, (await CliRun.Of("lead", "merge", "B", "--into", "C", "--database", db)).ExitCode);
        Assert.Equal([["A", "C"], ["B", "C"], ["C", null]], await Rows(db, "SELECT id, merged_into FROM leads ORDER BY id"));
        var loop = await CliRun.Of("lead", "merge", "C", "--into", "A", "--database", db);
        Assert.Equal(2, loop.ExitCode);
        Assert.Contains("merging would make a loop", loop.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.Of("lead", "forget", "B", "--database", db)).ExitCode);
        var forgotten = (await Rows(db, "SELECT name, email, company, title, created_at, forgotten_at FROM leads WHERE id = 'B'"))[0];
        Assert.Equal([null, null, null, null], forgotten[..4]);
        Assert.NotNull(forgotten[4]);
        Assert.NotNull(forgotten[5]);
        // Re-importing the CRM's copy does not bring the contact fields back.
        await CliRun.Of("import", "leads", PathOf("leads.csv"), "--database", db);
        Assert.Equal([null, null], (await Rows(db, "SELECT name, email FROM leads WHERE id = 'B'"))[0]);
        Assert.Equal("Ann", (await Rows(db, "SELECT name FROM leads WHERE id = 'A'"))[0][0]);
    }

    [Fact]
    public async Task Lead_Forget_LeavesNoCopyInTheSqliteFile()
    {
        var db = PathOf("t.db");
        await CliRun.Of("import", "leads", File("leads.csv", "id,created_at,email", "A,2026-01-01,very-unique-address@example.org"), "--database", db);
        Assert.Equal(0, (await CliRun.Of("lead", "forget", "A", "--database", db)).ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_folder, "t.db*"))
            Assert.DoesNotContain("very-unique-address", System.Text.Encoding.Latin1.GetString(await System.IO.File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("restore")]
    [InlineData("forget")]
    public async Task Lead_Unknown_IsExitTwo(string verb)
    {
        var run = await CliRun.Of("lead", verb, "nobody", "--database", PathOf("t.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("tandem: lead nobody: not found in source default", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Backup_IsACompleteDatabase_AndCopyMovesEverySqliteRecordToTheOtherEngineAndBack(DatabaseKind kind)
    {
        var db = await NewDatabase(kind);
        var agreement = PathOf("a.yaml");
        await CliRun.Of("init", agreement);
        await CliRun.Of("agreement", "import", agreement, "--database", db);
        await CliRun.Of("import", "leads", File("leads.csv", "id,created_at,name", "A,2026-01-01,\"Ann \"\"the\"\" Lee\"", "B,2026-01-02,"), "--database", db);
        await CliRun.Of("import", "touches", File("touches.csv", "id,lead_id,channel,touched_at", "T1,A,call,2026-01-01T10:00:00Z"), "--database", db);
        await CliRun.Of("import", "deals", File("deals.csv", "id,status,lead_id,amount,closed_at", "D1,won,A,1234.5678,2026-02-01"), "--database", db);

        var backup = PathOf("backup.db");
        var counts = (await CliRun.Of("db", "backup", backup, "--database", db, "--format", "json")).Json().GetProperty("tables");
        Assert.Equal((2, 1, 1, 1), (counts.GetProperty("leads").GetInt32(), counts.GetProperty("touches").GetInt32(), counts.GetProperty("deals").GetInt32(), counts.GetProperty("agreements").GetInt32()));
        var again = await CliRun.Of("db", "backup", backup, "--database", db);
        Assert.Equal(2, again.ExitCode);

        // Into the other engine, then back into a fresh one of the first: every value survives both trips.
        var other = await NewDatabase(kind == DatabaseKind.Sqlite ? DatabaseKind.Postgres : DatabaseKind.Sqlite);
        var back = await NewDatabase(kind);
        Assert.Equal(2, (await CliRun.Of("db", "copy", "--database", backup, "--to", other, "--format", "json")).Json().GetProperty("tables").GetProperty("leads").GetInt32());
        Assert.Equal(0, (await CliRun.Of("db", "copy", "--database", other, "--to", back)).ExitCode);
        foreach (var sql in new[] { "SELECT source, id, created_at, name, revision FROM leads ORDER BY id", "SELECT id, amount_e4, status, closed_at FROM deals", "SELECT id, name, content FROM agreements" })
            Assert.Equal(await Rows(db, sql), await Rows(back, sql));
        Assert.Equal((await CliRun.Of("agreement", "export", "--database", db)).Output, (await CliRun.Of("agreement", "export", "--database", back)).Output);

        // A second agreement stored after the copy gets the next id (identity reset).
        var revised = File("revised.yaml", (await System.IO.File.ReadAllTextAsync(agreement)).Replace("quota: 500000", "quota: 510000", StringComparison.Ordinal));
        Assert.Equal(2, (await CliRun.Of("agreement", "import", revised, "--database", other, "--format", "json")).Json().GetProperty("id").GetInt32());

        var full = await CliRun.Of("db", "copy", "--database", db, "--to", back);
        Assert.Equal(2, full.ExitCode);
        Assert.Contains("already holds leads; copy into an empty database", full.Error, StringComparison.Ordinal);
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
