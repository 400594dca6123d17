using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Tandem.Data.Store;

/// <summary>
/// PostgreSQL's bulk path for <see cref="UpsertWriter"/>: the rows go by binary COPY into a
/// temporary staging table, then one INSERT ... SELECT ... ON CONFLICT upserts them all and returns
/// the keys it inserted or changed. Three round trips per call instead of a statement per row,
/// which made an import twenty times slower (docs/benchmarks.md).
/// </summary>
internal static class PostgresUpsert
{
    public static async Task<UpsertOutcome[]> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, TableSpec table, IReadOnlyList<string> fields, IReadOnlyList<object?[]> rows, long now, CancellationToken cancel)
    {
        var outcomes = new UpsertOutcome[rows.Count];
        var staging = await PrepareStagingAsync(connection, tx, table, cancel).ConfigureAwait(false);
        var columns = table.Key.Concat(fields).ToList();
        var upsert = UpsertSql.BuildFromStaging(table, fields, staging);

        // One statement cannot change a row twice, so a key repeated within the call starts a new run:
        // the runs go in order, and the last row for a key wins as it would row by row.
        var start = 0;
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r <= rows.Count; r++)
        {
            if (r < rows.Count && keys.TryAdd(KeyOf(rows[r], table.Key.Count), r)) continue;
            await RunAsync(connection, tx, staging, columns, upsert, rows, start, r, keys, outcomes, now, cancel).ConfigureAwait(false);
            keys.Clear();
            start = r;
            if (r < rows.Count) keys.Add(KeyOf(rows[r], table.Key.Count), r);
        }
        return outcomes;
    }

    /// <summary>A temporary table with the upsert table's key and field columns, empty, kept for the session.</summary>
    private static async Task<string> PrepareStagingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TableSpec table, CancellationToken cancel)
    {
        var staging = "tandem_staging_" + table.Name;
        var columns = string.Join(", ", table.Key.Concat(table.Fields));
        await using var command = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS AS SELECT {columns} FROM {table.Name} WITH NO DATA; TRUNCATE {staging}",
            connection, tx);
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return staging;
    }

    private static async Task RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, string staging, List<string> columns, string upsert,
        IReadOnlyList<object?[]> rows, int start, int end, Dictionary<string, int> keys, UpsertOutcome[] outcomes, long now, CancellationToken cancel)
    {
        if (end == start) return;
        if (start > 0) // an earlier run of this call left its rows in the staging table
        {
            await using var truncate = new NpgsqlCommand($"TRUNCATE {staging}", connection, tx);
            await truncate.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {staging} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false))
        {
            for (var r = start; r < end; r++)
            {
                await copy.StartRowAsync(cancel).ConfigureAwait(false);
                foreach (var value in rows[r])
                {
                    switch (value)
                    {
                        case null: await copy.WriteNullAsync(cancel).ConfigureAwait(false); break;
                        case long l: await copy.WriteAsync(l, NpgsqlDbType.Bigint, cancel).ConfigureAwait(false); break;
                        case string s: await copy.WriteAsync(s, NpgsqlDbType.Text, cancel).ConfigureAwait(false); break;
                        default: throw new ArgumentException($"unsupported value type {value.GetType().Name}", nameof(rows));
                    }
                }
            }
            await copy.CompleteAsync(cancel).ConfigureAwait(false);
        }

        for (var r = start; r < end; r++) outcomes[r] = UpsertOutcome.Unchanged;
        await using var command = new NpgsqlCommand(upsert, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<long>("now", now));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var keyCount = reader.FieldCount - 1;
        var returned = new object?[keyCount];
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            for (var i = 0; i < keyCount; i++) returned[i] = reader.GetValue(i);
            var revision = reader.GetInt64(keyCount);
            outcomes[keys[KeyOf(returned, keyCount)]] = revision == 1 ? UpsertOutcome.Inserted : UpsertOutcome.Updated;
        }
    }

    /// <summary>The key values as one string, each prefixed with its length so no id can run into the next.</summary>
    private static string KeyOf(object?[] row, int count)
    {
        var key = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var part = row[i] switch
            {
                long l => l.ToString(CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            };
            key.Append(part.Length).Append(':').Append(part);
        }
        return key.ToString();
    }
}
