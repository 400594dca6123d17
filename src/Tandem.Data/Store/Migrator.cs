using System.Data.Common;
using System.Reflection;

namespace Tandem.Data.Store;

/// <summary>
/// Applies the numbered SQL scripts in Store/Migrations (embedded in this assembly) that a database
/// has not yet run, each in its own transaction, recording them in <c>schema_migrations</c>. The
/// scripts are shared by both engines; <c>{identity}</c> becomes each engine's auto-numbered key,
/// <c>{without_rowid}</c> SQLite's clustered-table clause (nothing on PostgreSQL).
/// Several instances may start together: PostgreSQL serialises them with an advisory lock, SQLite
/// with its write lock.
/// </summary>
public static class Migrator
{
    private const string ResourcePrefix = "Tandem.Data.Migrations.";
    private const long AdvisoryLockKey = 0x54616e64656d; // "Tandem"

    /// <summary>Every migration this build knows, in order: (version, name).</summary>
    public static IReadOnlyList<(int Version, string Name)> Known { get; } = LoadKnown();

    /// <summary>Applies what is pending; returns the names of the migrations it ran.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection, DatabaseKind kind, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Every open checks: one read when nothing is pending, rather than a locked transaction per
        // migration (a write lock each on SQLite, which made a read verb wait for a running import).
        var applied = (await AppliedAsync(connection, cancel).ConfigureAwait(false)).ToHashSet();
        if (Known.All(m => applied.Contains(m.Version))) return [];
        return await ApplyPendingAsync(connection, kind, cancel).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ApplyPendingAsync(DbConnection connection, DatabaseKind kind, CancellationToken cancel)
    {
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", cancel).ConfigureAwait(false);
        var applied = new List<string>();
        foreach (var (version, name) in Known)
        {
            await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            if (kind == DatabaseKind.Postgres)
                await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancel).ConfigureAwait(false);
            else // take SQLite's write lock now, so a second process waits here rather than both running the script
                await ExecuteAsync(connection, tx, "DELETE FROM schema_migrations WHERE 0", cancel).ConfigureAwait(false);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = $"SELECT COUNT(*) FROM schema_migrations WHERE version = {version}";
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancel).ConfigureAwait(false)) > 0) continue;
            }
            await ExecuteAsync(connection, tx, Script(name, kind), cancel).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await ExecuteAsync(connection, tx, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, '{name}', {now})", cancel).ConfigureAwait(false);
            await tx.CommitAsync(cancel).ConfigureAwait(false);
            applied.Add(name);
        }
        return applied;
    }

    /// <summary>The versions a database has applied.</summary>
    public static async Task<IReadOnlyList<int>> AppliedAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var versions = new List<int>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
            using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) versions.Add(Convert.ToInt32(reader.GetValue(0)));
        }
        catch (DbException)
        {
            // No schema_migrations table yet: nothing applied.
        }
        return versions;
    }

    private static string Script(string name, DatabaseKind kind)
    {
        // A script that needs each engine's own syntax (triggers) comes as NAME.sqlite.sql and NAME.postgres.sql.
        var engine = kind == DatabaseKind.Postgres ? ".postgres" : ".sqlite";
        using var stream = typeof(Migrator).Assembly.GetManifestResourceStream(ResourcePrefix + name + engine + ".sql")
            ?? typeof(Migrator).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".sql")
            ?? throw new InvalidOperationException($"migration {name} is not embedded");
        using var reader = new StreamReader(stream);
        var identity = kind == DatabaseKind.Postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY";
        return reader.ReadToEnd().Replace("{identity}", identity, StringComparison.Ordinal)
            .Replace("{without_rowid}", kind == DatabaseKind.Postgres ? "" : " WITHOUT ROWID", StringComparison.Ordinal);
    }

    private static List<(int, string)> LoadKnown() =>
        [.. typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".sql".Length])
            .Select(n => n.EndsWith(".sqlite", StringComparison.Ordinal) ? n[..^".sqlite".Length] : n)
            .Where(n => !n.EndsWith(".postgres", StringComparison.Ordinal))
            .Select(n => (int.Parse(n[..n.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), n))
            .OrderBy(m => m.Item1)];

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}
