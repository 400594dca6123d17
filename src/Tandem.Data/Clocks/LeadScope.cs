using System.Data.Common;

namespace Tandem.Data.Clocks;

/// <summary>
/// Whose derived rows a projection replaces: a set of lead keys (a few leads after a write), or a
/// range of keys (a page of a rebuild, which also clears the rows of leads no longer there).
/// </summary>
internal sealed class LeadScope
{
    private LeadScope(IReadOnlyCollection<(string Source, string Id)>? keys, KeyRange? range) => (Keys, Range) = (keys, range);

    /// <summary>The keys, when the scope is a set.</summary>
    public IReadOnlyCollection<(string Source, string Id)>? Keys { get; }

    /// <summary>The range, when the scope is one.</summary>
    public KeyRange? Range { get; }

    /// <summary>These leads.</summary>
    public static LeadScope Of(IReadOnlyCollection<(string Source, string Id)> keys) => new(keys, null);

    /// <summary>The leads of a key range.</summary>
    public static LeadScope Of(KeyRange range) => new(null, range);

    /// <summary>Runs <paramref name="statement"/> (without a WHERE clause) on the scope's rows of a table keyed by (source, lead_id).</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string statement, CancellationToken cancel)
    {
        if (Range is { } range)
        {
            await using var all = range.Command(connection, statement, "lead_id", tx);
            await all.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            return;
        }
        foreach (var (source, ids) in Chunks())
        {
            await using var some = InCommand(connection, tx, statement, source, ids);
            await some.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the scope's rows of a table keyed by (source, lead_id) with <paramref name="select"/> (without a WHERE clause).</summary>
    public async Task ReadAsync(DbConnection connection, DbTransaction tx, string select, Action<DbDataReader> row, CancellationToken cancel)
    {
        if (Range is { } range)
        {
            await using var all = range.Command(connection, select, "lead_id", tx);
            await using var reader = await all.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row(reader);
            return;
        }
        foreach (var (source, ids) in Chunks())
        {
            await using var some = InCommand(connection, tx, select, source, ids);
            await using var reader = await some.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row(reader);
        }
    }

    /// <summary>Keys per statement: well under SQLite's and PostgreSQL's parameter limits.</summary>
    private const int KeysPerStatement = 400;

    /// <summary>The keys by source, a few hundred ids at a time.</summary>
    private IEnumerable<(string Source, string[] Ids)> Chunks() =>
        Keys!.GroupBy(k => k.Source, StringComparer.Ordinal)
            .SelectMany(g => g.Select(k => k.Id).Distinct(StringComparer.Ordinal).Chunk(KeysPerStatement).Select(ids => (g.Key, ids)));

    /// <summary><paramref name="statement"/> on the rows of <paramref name="ids"/>: <c>source = @s AND lead_id IN (...)</c>, which both engines answer through the (source, lead_id) indexes.</summary>
    private static DbCommand InCommand(DbConnection connection, DbTransaction tx, string statement, string source, string[] ids) =>
        Sql.Command(connection, tx, $"{statement} WHERE source = @source AND lead_id IN ({string.Join(", ", ids.Select((_, i) => $"@k{i}"))})",
            [("@source", source), .. ids.Select((id, i) => ($"@k{i}", (object?)id))]);
}
