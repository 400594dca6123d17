using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Tandem.Data.Store;

/// <summary>
/// Upserts rows into a table inside the caller's transaction and says, per row, whether it was
/// inserted, updated or unchanged. Rows run in order, so a repeated key within one call behaves as
/// if the rows had come one after the other (the last one wins). SQLite runs one prepared
/// statement per row in-process; PostgreSQL copies the call's rows into a staging table and upserts
/// them in one statement (<see cref="PostgresUpsert"/>).
/// </summary>
public static class UpsertWriter
{
    /// <summary>
    /// Writes <paramref name="rows"/>: each holds the key values then the <paramref name="fields"/> values,
    /// as <see cref="long"/>, <see cref="string"/> or null. <paramref name="now"/> (Unix ms) stamps updated_at.
    /// </summary>
    public static async Task<UpsertOutcome[]> WriteAsync(
        DbTransaction transaction, TableSpec table, IReadOnlyList<string> fields, IReadOnlyList<object?[]> rows, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        UpsertSql.CheckFields(table, fields);
        var width = table.Key.Count + fields.Count;
        foreach (var row in rows)
            if (row.Length != width) throw new ArgumentException($"a {table.Name} row needs {width} values, got {row.Length}", nameof(rows));
        var outcomes = transaction.Connection switch
        {
            SqliteConnection sqlite => WriteSqlite(sqlite, table, fields, width, rows, now),
            NpgsqlConnection postgres => await PostgresUpsert.WriteAsync(postgres, (NpgsqlTransaction)transaction, table, fields, rows, now, cancel).ConfigureAwait(false),
            _ => throw new NotSupportedException($"unsupported connection {transaction.Connection?.GetType().Name}"),
        };
        // The counts the Data page shows commit with the records they count.
        await DataArrivals.NoteAsync(transaction, table, rows, outcomes, now, cancel).ConfigureAwait(false);
        return outcomes;
    }

    private static UpsertOutcome[] WriteSqlite(SqliteConnection connection, TableSpec table, IReadOnlyList<string> fields, int width, IReadOnlyList<object?[]> rows, long now)
    {
        // Straight to SQLite's C API on the connection's own handle, inside the caller's transaction,
        // parameters bound by position: ADO.NET's per-command overhead, and RETURNING, were most of
        // an import's time (docs/benchmarks.md). A row is first inserted if its key is new (one
        // cheap statement for a fresh import); only when it exists does the update run, and
        // sqlite3_changes says whether it changed anything.
        var db = connection.Handle!;
        var (insert, update) = UpsertSql.BuildPair(table, fields);
        Check(db, raw.sqlite3_prepare_v2(db, insert, out var insertStatement));
        sqlite3_stmt? updateStatement = null;
        if (update is not null) Check(db, raw.sqlite3_prepare_v2(db, update, out updateStatement));
        using (insertStatement)
        using (updateStatement)
        {
            var outcomes = new UpsertOutcome[rows.Count];
            var buffer = new byte[1024];
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                outcomes[r] = Run(db, insertStatement, row, width, now, ref buffer) ? UpsertOutcome.Inserted
                    : updateStatement is not null && Run(db, updateStatement, row, width, now, ref buffer) ? UpsertOutcome.Updated
                    : UpsertOutcome.Unchanged;
            }
            return outcomes;
        }
    }

    /// <summary>Binds the row and <paramref name="now"/>, runs the statement, and says whether it changed a row.</summary>
    private static bool Run(sqlite3 db, sqlite3_stmt statement, object?[] row, int width, long now, ref byte[] buffer)
    {
        Bind(db, statement, row, width, ref buffer);
        Check(db, raw.sqlite3_bind_int64(statement, width + 1, now));
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE) throw Error(db, step);
        return raw.sqlite3_changes(db) > 0;
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, object?[] row, int count, ref byte[] buffer)
    {
        for (var i = 0; i < count; i++)
        {
            var code = row[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                long l => raw.sqlite3_bind_int64(statement, i + 1, l),
                string text => BindText(statement, i + 1, text, ref buffer),
                var other => throw new ArgumentException($"unsupported value type {other.GetType().Name}", nameof(row)),
            };
            Check(db, code);
        }
    }

    /// <summary>Binds text as UTF-8 from a reused buffer (SQLite copies it), sparing an allocation per value.</summary>
    private static int BindText(sqlite3_stmt statement, int index, string text, ref byte[] buffer)
    {
        var size = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (size > buffer.Length) buffer = new byte[Math.Max(size, buffer.Length * 2)];
        var length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }

    private static void Check(sqlite3 db, int code)
    {
        if (code != raw.SQLITE_OK) throw Error(db, code);
    }

    private static SqliteException Error(sqlite3 db, int code) => new(raw.sqlite3_errmsg(db).utf8_to_string(), code);
}
