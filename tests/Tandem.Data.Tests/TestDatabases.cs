using Npgsql;
using Tandem.Data.Store;

namespace Tandem.Data.Tests;

/// <summary>
/// Fresh, empty databases for tests: a SQLite file in a temporary folder, or a new database on the
/// throwaway PostgreSQL cluster that ./test.sh starts (its connection string in TANDEM_TEST_POSTGRES).
/// PostgreSQL tests never skip: without the server they fail and say how to start it.
/// </summary>
public static class TestDatabases
{
    /// <summary>Both engines, for <c>[Theory]</c> rows.</summary>
    public static TheoryData<DatabaseKind> Kinds => new() { DatabaseKind.Sqlite, DatabaseKind.Postgres };

    /// <summary>The server's connection string, or a failure that says what to do.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PostgreSQL tests need TANDEM_TEST_POSTGRES; run ./test.sh, which installs and starts a throwaway cluster on 127.0.0.1:55432");

    /// <summary>A new empty database of <paramref name="kind"/>.</summary>
    public static async Task<DatabaseTarget> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
            return DatabaseTarget.SqliteFile(Path.Combine(folder, "tandem.db"));
        }
        var name = "tandem_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new DatabaseTarget(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString);
    }

    /// <summary>A fresh database, opened and migrated.</summary>
    public static async Task<TandemDatabase> OpenAsync(DatabaseKind kind) => new(await CreateAsync(kind));
}
