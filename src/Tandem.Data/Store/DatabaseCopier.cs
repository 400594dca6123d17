using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Tandem.Data.Store;

/// <summary>
/// Copies every record from one Tandem database to another, SQLite or PostgreSQL either way, from
/// one consistent snapshot of the source (a read transaction; REPEATABLE READ on PostgreSQL), into
/// an empty target in one transaction: the copy is whole or not there at all.
/// </summary>
public static class DatabaseCopier
{
    /// <summary>The tables copied, in order.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["leads", "stage_changes", "touches", "deals", "reps",
        "content_pieces", "content_uses", "campaigns", "campaign_leads", "performance_reports", "report_feedback", "product_launches", "trainings", "training_attendance", "data_arrivals",
        "agreements", "agreement_signatures", "api_tokens"];

    private static readonly string[] IdentityTables = ["agreements", "agreement_signatures", "api_tokens"];

    /// <summary>Copies <paramref name="from"/> into <paramref name="to"/>; returns the rows copied per table.</summary>
    /// <exception cref="InvalidOperationException">The target already holds records.</exception>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CopyAsync(TandemDatabase from, TandemDatabase to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        await using var source = await from.OpenAsync(cancel).ConfigureAwait(false);
        await using var target = await to.OpenAsync(cancel).ConfigureAwait(false);
        foreach (var table in Tables)
            if (await CountAsync(target, null, table, cancel).ConfigureAwait(false) > 0)
                throw new InvalidOperationException($"{to.Target.Display()} already holds {table}; copy into an empty database");

        // A deferred SQLite transaction reads one snapshot of the write-ahead log without blocking writers.
        await using DbTransaction read = source is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await source.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel).ConfigureAwait(false);
        await using var write = await target.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            await using var select = source.CreateCommand();
            select.Transaction = read;
            select.CommandText = $"SELECT * FROM {table}";
            await using var reader = await select.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = target is NpgsqlConnection postgres
                ? await CopyIntoPostgresAsync(postgres, table, columns, reader, cancel).ConfigureAwait(false)
                : await InsertIntoSqliteAsync((SqliteConnection)target, (SqliteTransaction)write, table, columns, reader, cancel).ConfigureAwait(false);
            counts.Add((table, rows));
        }
        if (target is NpgsqlConnection)
            foreach (var table in IdentityTables)
            {
                await using var reset = target.CreateCommand();
                reset.Transaction = write;
                reset.CommandText = $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)";
                await reset.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        await write.CommitAsync(cancel).ConfigureAwait(false);
        return counts;
    }

    /// <summary>The number of rows in <paramref name="table"/>.</summary>
    public static async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> InsertIntoSqliteAsync(SqliteConnection target, SqliteTransaction tx, string table, string[] columns, DbDataReader reader, CancellationToken cancel)
    {
        await using var insert = target.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        insert.Prepare();
        long rows = 0;
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            for (var i = 0; i < columns.Length; i++) parameters[i].Value = reader.IsDBNull(i) ? DBNull.Value : reader.GetValue(i);
            await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            rows++;
        }
        return rows;
    }

    private static async Task<long> CopyIntoPostgresAsync(NpgsqlConnection target, string table, string[] columns, DbDataReader reader, CancellationToken cancel)
    {
        // Binary COPY: one stream per table, the fastest way into PostgreSQL.
        var types = await ColumnTypesAsync(target, table, cancel).ConfigureAwait(false);
        await using var copy = await target.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false);
        long rows = 0;
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            await copy.StartRowAsync(cancel).ConfigureAwait(false);
            for (var i = 0; i < columns.Length; i++)
            {
                if (reader.IsDBNull(i)) await copy.WriteNullAsync(cancel).ConfigureAwait(false);
                else if (types[columns[i]] == NpgsqlDbType.Bigint) await copy.WriteAsync(Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancel).ConfigureAwait(false);
                else await copy.WriteAsync(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, cancel).ConfigureAwait(false);
            }
            rows++;
        }
        await copy.CompleteAsync(cancel).ConfigureAwait(false);
        return rows;
    }

    private static async Task<Dictionary<string, NpgsqlDbType>> ColumnTypesAsync(NpgsqlConnection connection, string table, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var types = new Dictionary<string, NpgsqlDbType>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            types[reader.GetString(0)] = reader.GetString(1) == "bigint" ? NpgsqlDbType.Bigint : NpgsqlDbType.Text;
        return types;
    }
}
