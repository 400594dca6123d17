using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tandem.Data.Store;

/// <summary>
/// Opens connections to Tandem's database, SQLite or PostgreSQL, with the settings Tandem relies on
/// (SQLite: write-ahead log so readers never block the writer, a busy timeout so concurrent writers
/// wait instead of failing). <see cref="OpenAsync"/> applies pending migrations once per process.
/// </summary>
public sealed class TandemDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private bool _migrated;

    /// <summary>Prepares access to <paramref name="target"/>; nothing is opened yet.</summary>
    public TandemDatabase(DatabaseTarget target)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        if (target.Kind == DatabaseKind.Postgres) _postgres = NpgsqlDataSource.Create(Prepared(target.ConnectionString));
    }

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (unless the string sets it): the
    /// projector sends the same few statements for every lead, and parsing and planning each anew
    /// took the server as long as running it. A string that sets Max Auto Prepare keeps its value.
    /// </summary>
    private static string Prepared(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Set either way (Max Auto Prepare=0 or MaxAutoPrepare=0 turns it off, as a pooler in transaction mode needs): kept.
        var set = connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("maxautoprepare", StringComparison.OrdinalIgnoreCase);
        if (!set) (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (64, 3);
        return builder.ConnectionString;
    }

    /// <summary>Where the data lives.</summary>
    public DatabaseTarget Target { get; }

    /// <summary>The engine.</summary>
    public DatabaseKind Kind => Target.Kind;

    /// <summary>An open connection, with the schema brought up to date on first use.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = await OpenRawAsync(cancel).ConfigureAwait(false);
        if (!_migrated)
        {
            await Migrator.ApplyAsync(connection, Kind, cancel).ConfigureAwait(false);
            _migrated = true;
        }
        return connection;
    }

    /// <summary>An open connection without migrating (for <c>db migrate</c> and status checks).</summary>
    public async Task<DbConnection> OpenRawAsync(CancellationToken cancel = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancel).ConfigureAwait(false);
        var path = Target.SqlitePath!;
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var connection = new SqliteConnection(Target.ConnectionString) { DefaultTimeout = 30 };
        try
        {
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync().ConfigureAwait(false);
    }
}
