using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

public class DbCommandTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Migrate_AppliesOnceThenSaysUpToDate(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = target.SqlitePath ?? target.ConnectionString;

        var first = await CliRun.Of("db", "migrate", "--database", database);
        var second = (await CliRun.Of("db", "migrate", "--database", database, "--format", "json")).Json();

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("applied 0001_initial", first.Output, StringComparison.Ordinal);
        Assert.Contains("applied 0002_sla_clocks", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.GetProperty("applied").GetArrayLength());
        Assert.Equal(Tandem.Data.Store.Migrator.Known[^1].Version, second.GetProperty("schemaVersion").GetInt32());
        Assert.DoesNotContain("Password", second.GetProperty("database").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("unreachable server", "Host=127.0.0.1;Port=1;Database=x;Username=u;Timeout=2", "cannot open PostgreSQL 127.0.0.1:1/x")]
    [InlineData("bad URL", "postgres://", "not a valid PostgreSQL URL")]
    [InlineData("unwritable folder", "/proc/tandem/x.db", "cannot open SQLite /proc/tandem/x.db")]
    public async Task Migrate_DatabaseThatCannotBeOpened_IsOneLineExitTwo(string scenario, string database, string message)
    {
        var run = await CliRun.Of("db", "migrate", "--database", database);

        Assert.True(run.ExitCode == 2, scenario);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--database", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }
}
