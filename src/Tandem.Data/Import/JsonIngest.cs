using System.Text.Json;
using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>Why one item of an API batch was rejected: its index in the array, the field, the reason.</summary>
public sealed record ItemProblem(int Index, string Field, string Reason);

/// <summary>What one API batch did.</summary>
public sealed class IngestResult
{
    /// <summary>Items in the batch.</summary>
    public int Items { get; set; }

    /// <summary>Inserted, updated and unchanged items (an item superseded by a later one with the same key counts as unchanged).</summary>
    public ImportCounts Records { get; } = new();

    /// <summary>Items refused.</summary>
    public int Rejected { get; set; }

    /// <summary>Every problem of every refused item.</summary>
    public List<ItemProblem> Problems { get; } = [];

    /// <summary>Values kept but worth knowing, as in CSV imports.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> Flags { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Writes a JSON array of records, the body of <c>POST /api/v1/{kind}</c>. Each item is an object
/// with the generic import format's fields (docs/import-formats.md) and an optional <c>source</c>;
/// values are strings or numbers, <c>null</c> empties a field, and a field left out is left as it
/// is. Items are checked exactly like CSV rows; the valid ones are written in one transaction.
/// Items with the same key are applied in order (later fields override earlier ones), so a
/// retried batch changes nothing.
/// </summary>
public static class JsonIngest
{
    /// <summary>The most items one call takes.</summary>
    public const int MaxItems = 10_000;

    /// <summary>The default source, as for CSV imports.</summary>
    public const string DefaultSource = "default";

    /// <summary>Checks and writes <paramref name="items"/> (a JSON array), and projects what they change in the same transaction.</summary>
    public static Task<IngestResult> WriteAsync(
        TandemDatabase database, ImportKind kind, JsonElement items, NodaTime.DateTimeZone zone, Domain.Agreements.Agreement? agreement, CancellationToken cancel = default) =>
        WriteAsync(database, kind, items, zone, agreement, NodaTime.SystemClock.Instance, cancel);

    /// <summary>As the overload without <paramref name="clock"/>: the clocks are projected as of its now.</summary>
    public static async Task<IngestResult> WriteAsync(
        TandemDatabase database, ImportKind kind, JsonElement items, NodaTime.DateTimeZone zone, Domain.Agreements.Agreement? agreement, NodaTime.IClock clock, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(database);
        if (items.ValueKind != JsonValueKind.Array) throw new ArgumentException("the body must be a JSON array of objects", nameof(items));
        var fields = GenericFields.For(kind);
        var table = kind.Table();
        var result = new IngestResult { Items = items.GetArrayLength() };
        var mappers = new Dictionary<string, RowMapper>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, ImportContext>(StringComparer.Ordinal);
        var merged = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var row = new MappedRow();
        var index = -1;
        foreach (var item in items.EnumerateArray())
        {
            index++;
            var problems = new List<ItemProblem>();
            var (source, values) = ReadItem(item, index, fields, kind, problems);
            if (problems.Count == 0)
            {
                if (!contexts.TryGetValue(source, out var context)) contexts[source] = context = new ImportContext(source, zone, agreement);
                var present = fields.Where(f => values.ContainsKey(f.Name)).ToList();
                var header = present.Select(f => f.Name).ToArray();
                var mapperKey = source + "\u001f" + string.Join(',', header);
                if (!mappers.TryGetValue(mapperKey, out var mapper))
                    mappers[mapperKey] = mapper = ImportLayouts.Bind(ImportLayouts.Generic, kind, header, context);
                mapper.Map([.. header.Select(h => values[h])], row);
                problems.AddRange(row.Problems.Select(p => new ItemProblem(index, p.Column, p.Reason)));
                if (problems.Count == 0)
                {
                    Merge(merged, table, mapper, row);
                    foreach (var (flag, value) in row.Flags) Flag(result, flag, value);
                    continue;
                }
            }
            result.Rejected++;
            result.Problems.AddRange(problems);
        }

        var superseded = result.Items - result.Rejected - merged.Count;
        result.Records.Unchanged += superseded;
        if (merged.Count == 0) return result;
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var group in merged.Values.GroupBy(r => string.Join(',', r.Keys.Where(k => !table.Key.Contains(k)))))
        {
            var columns = group.First().Keys.Where(k => !table.Key.Contains(k)).ToList();
            var rows = group.Select(r => table.Key.Concat(columns).Select(c => r[c]).ToArray()).ToList();
            result.Records.Add(await UpsertWriter.WriteAsync(transaction, table, columns, rows, now, cancel).ConfigureAwait(false));
        }
        // The records and everything derived from them commit together: the clocks tick from this answer on.
        await Projection.Projector.ProjectWrittenAsync(connection, transaction, now, clock.GetCurrentInstant(), cancel: cancel).ConfigureAwait(false);
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reads one item's source and field texts, noting what is wrong with its shape.</summary>
    private static (string Source, Dictionary<string, string> Values) ReadItem(JsonElement item, int index, IReadOnlyList<ImportField> fields, ImportKind kind, List<ItemProblem> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = DefaultSource;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ItemProblem(index, "item", $"is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object"));
            return (source, values);
        }
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name == "source")
            {
                if (property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString())) source = property.Value.GetString()!.Trim();
                else problems.Add(new ItemProblem(index, "source", "must be a non-empty string"));
                continue;
            }
            if (!fields.Any(f => f.Name == property.Name))
            {
                problems.Add(new ItemProblem(index, property.Name, $"is not a field of {kind.Word()} (fields: source, {string.Join(", ", fields.Select(f => f.Name))})"));
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String: values[property.Name] = property.Value.GetString()!; break;
                case JsonValueKind.Number: values[property.Name] = property.Value.GetRawText(); break;
                case JsonValueKind.Null: values[property.Name] = ""; break;
                default: problems.Add(new ItemProblem(index, property.Name, $"is a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}; give a string or a number")); break;
            }
        }
        foreach (var required in fields.Where(f => f.Required && !values.ContainsKey(f.Name)))
            if (!problems.Any(p => p.Field == required.Name)) problems.Add(new ItemProblem(index, required.Name, "is required"));
        return (source, values);
    }

    /// <summary>Folds a valid item into the record of its key: later fields override earlier ones.</summary>
    private static void Merge(Dictionary<string, Dictionary<string, object?>> merged, TableSpec table, RowMapper mapper, MappedRow row)
    {
        var key = row.Values[0] + "\u001f" + row.Key;
        if (!merged.TryGetValue(key, out var record))
        {
            merged[key] = record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Key.Count; i++) record[table.Key[i]] = row.Values[i];
        }
        for (var i = 0; i < mapper.Fields.Count; i++) record[mapper.Fields[i]] = row.Values[table.Key.Count + i];
    }

    private static void Flag(IngestResult result, string flag, string value)
    {
        if (!result.Flags.TryGetValue(flag, out var values)) result.Flags[flag] = values = new SortedDictionary<string, long>(StringComparer.Ordinal);
        values[value] = values.GetValueOrDefault(value) + 1;
    }
}
