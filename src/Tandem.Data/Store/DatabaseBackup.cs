using Microsoft.Data.Sqlite;

namespace Tandem.Data.Store;

/// <summary>
/// A consistent backup of a live database as a SQLite file: SQLite's online backup API for a
/// SQLite database (writers may go on meanwhile), a snapshot copy for PostgreSQL. The file is a
/// complete Tandem database: open it with <c>--database FILE</c>, or restore it with <c>db copy</c>.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Backs <paramref name="database"/> up into the new file <paramref name="path"/>; returns the rows per table.</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> BackupAsync(TandemDatabase database, string path, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var target = DatabaseTarget.SqliteFile(path);
        // Write beside the final file and move it into place, so a failed backup leaves no half file.
        var partial = path + ".partial";
        File.Delete(partial);
        try
        {
            if (database.Kind == DatabaseKind.Postgres)
            {
                await using var copy = new TandemDatabase(DatabaseTarget.SqliteFile(partial));
                await DatabaseCopier.CopyAsync(database, copy, cancel).ConfigureAwait(false);
            }
            else
            {
                await using var source = (SqliteConnection)await database.OpenAsync(cancel).ConfigureAwait(false);
                await using var destination = new SqliteConnection(DatabaseTarget.SqliteFile(partial).ConnectionString);
                await destination.OpenAsync(cancel).ConfigureAwait(false);
                source.BackupDatabase(destination);
            }
            SqliteConnection.ClearAllPools();
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
            File.Delete(partial + "-wal");
            File.Delete(partial + "-shm");
        }
        await using var check = new TandemDatabase(target);
        await using var connection = await check.OpenAsync(cancel).ConfigureAwait(false);
        var counts = new List<(string, long)>();
        foreach (var table in DatabaseCopier.Tables) counts.Add((table, await DatabaseCopier.CountAsync(connection, null, table, cancel).ConfigureAwait(false)));
        return counts;
    }
}
