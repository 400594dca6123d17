using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.Store;

/// <summary>How many records of a table one source has stored, and when its records last arrived.</summary>
public sealed record DataArrival(string Table, string Source, long Records, Instant LastArrivedAt);

/// <summary>
/// The per-table, per-source record counts and last arrivals (migration 0031). Kept by
/// <see cref="UpsertWriter"/> in the writing transaction so the Data page reads one small table
/// instead of counting a million leads on every request.
/// </summary>
public static class DataArrivals
{
    // The later stamp wins: two writers may commit out of the order they stamped in.
    private const string Note = """
        INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) VALUES (@table, @source, @inserted, @now)
        ON CONFLICT (table_name, source) DO UPDATE SET records = data_arrivals.records + excluded.records,
            last_arrived_at = CASE WHEN excluded.last_arrived_at > data_arrivals.last_arrived_at THEN excluded.last_arrived_at ELSE data_arrivals.last_arrived_at END
        """;

    /// <summary>Adds the rows <paramref name="outcomes"/> says were inserted to their sources' counts and stamps each source's arrival at <paramref name="now"/>.</summary>
    internal static async Task NoteAsync(DbTransaction transaction, TableSpec table, IReadOnlyList<object?[]> rows, IReadOnlyList<UpsertOutcome> outcomes, long now, CancellationToken cancel)
    {
        // Every table's first key column is its source.
        var inserted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var source = (string)rows[i][0]!;
            inserted[source] = inserted.GetValueOrDefault(source) + (outcomes[i] == UpsertOutcome.Inserted ? 1 : 0);
        }
        if (inserted.Count == 0) return;
        await using var command = Sql.Command(transaction.Connection!, transaction, Note, ("@table", table.Name), ("@source", ""), ("@inserted", 0L), ("@now", now));
        foreach (var (source, count) in inserted)
        {
            command.Parameters["@source"].Value = source;
            command.Parameters["@inserted"].Value = count;
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Every table and source with records, in table then source order.</summary>
    public static async Task<IReadOnlyList<DataArrival>> ReadAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "SELECT table_name, source, records, last_arrived_at FROM data_arrivals ORDER BY table_name, source");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var arrivals = new List<DataArrival>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            arrivals.Add(new DataArrival(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), Instant.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        return arrivals;
    }
}
