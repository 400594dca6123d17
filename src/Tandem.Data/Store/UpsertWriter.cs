using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tandem.Data.Store;

/// <summary>
/// Upserts rows into a table inside the caller's transaction and says, per row, whether it was
/// inserted, updated or unchanged. Rows run in order, so a repeated key within one call behaves as
/// if the rows had come one after the other (the last one wins). SQLite runs one prepared
/// statement per row in-process; PostgreSQL sends the whole call as one batch, a single round trip.
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
        var sql = UpsertSql.Build(table, fields);
        var width = table.Key.Count + fields.Count;
        foreach (var row in rows)
            if (row.Length != width) throw new ArgumentException($"a {table.Name} row needs {width} values, got {row.Length}", nameof(rows));
        return transaction.Connection switch
        {
            SqliteConnection sqlite => WriteSqlite(sqlite, (SqliteTransaction)transaction, sql, width, rows, now),
            NpgsqlConnection postgres => await WritePostgresAsync(postgres, (NpgsqlTransaction)transaction, sql, rows, now, cancel).ConfigureAwait(false),
            _ => throw new NotSupportedException($"unsupported connection {transaction.Connection?.GetType().Name}"),
        };
    }

    private static UpsertOutcome[] WriteSqlite(SqliteConnection connection, SqliteTransaction tx, string sql, int width, IReadOnlyList<object?[]> rows, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var parameters = new SqliteParameter[width + 1];
        for (var i = 0; i <= width; i++) parameters[i] = command.Parameters.Add(new SqliteParameter("@p" + i, null));
        parameters[width].Value = now;
        command.Prepare();
        var outcomes = new UpsertOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < width; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            outcomes[r] = Outcome(command.ExecuteScalar());
        }
        return outcomes;
    }

    private static async Task<UpsertOutcome[]> WritePostgresAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, IReadOnlyList<object?[]> rows, long now, CancellationToken cancel)
    {
        var outcomes = new UpsertOutcome[rows.Count];
        if (rows.Count == 0) return outcomes;
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            for (var i = 0; i < row.Length; i++) command.Parameters.Add(Parameter(i, row[i]));
            command.Parameters.Add(Parameter(row.Length, now));
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var r = 0;
        do
        {
            outcomes[r++] = await reader.ReadAsync(cancel).ConfigureAwait(false) ? Outcome(reader.GetValue(0)) : UpsertOutcome.Unchanged;
        }
        while (await reader.NextResultAsync(cancel).ConfigureAwait(false));
        return outcomes;
    }

    private static NpgsqlParameter Parameter(int index, object? value) => value switch
    {
        // An untyped null: PostgreSQL takes its type from the column (a text-typed null into a BIGINT fails).
        null => new NpgsqlParameter { ParameterName = "p" + index, Value = DBNull.Value },
        long l => new NpgsqlParameter<long>("p" + index, l),
        string s => new NpgsqlParameter<string>("p" + index, s),
        _ => throw new ArgumentException($"unsupported value type {value.GetType().Name}", nameof(value)),
    };

    private static UpsertOutcome Outcome(object? revision) => revision switch
    {
        null or DBNull => UpsertOutcome.Unchanged,
        _ when Convert.ToInt64(revision) == 1 => UpsertOutcome.Inserted,
        _ => UpsertOutcome.Updated,
    };
}
