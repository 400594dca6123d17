using Npgsql;
using Tandem.Data.Store;

namespace Tandem.Bench;

/// <summary>A fresh, empty database of the chosen engine (PostgreSQL: the cluster ./test.sh starts).</summary>
public static class Databases
{
    public static async Task<DatabaseTarget> FreshAsync(string engine)
    {
        if (engine == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), "tandem-bench", $"bench-{Guid.NewGuid():N}.db");
            return DatabaseTarget.SqliteFile(path);
        }
        var server = Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
        var name = "tandem_bench_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new DatabaseTarget(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Runs <paramref name="run"/> on a fresh database of <paramref name="engine"/>, dropped afterwards whatever happens.</summary>
    public static async Task WithFreshAsync(string engine, Func<DatabaseTarget, Task> run)
    {
        var target = await FreshAsync(engine);
        try
        {
            await run(target);
        }
        finally
        {
            await DropAsync(target);
        }
    }

    /// <summary>Removes a database made by <see cref="FreshAsync"/>, so runs leave no gigabytes behind.</summary>
    public static async Task DropAsync(DatabaseTarget target)
    {
        if (target.Kind == DatabaseKind.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
        var server = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
