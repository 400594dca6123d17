using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Data.UseCases;

/// <summary>
/// Ingesting a batch of records, for every front end (the API's <c>POST /api/v1/{kind}</c>, the
/// Deliverables page's forms): each record has the generic import format's fields
/// (docs/import-formats.md) and is checked exactly like a CSV row; the valid ones are written in one
/// transaction with everything derived from them (the projector's clocks, facts and rollups), so the
/// clocks tick from the answer on. Records with the same key are applied in order (later fields
/// override earlier ones), so a retried batch changes nothing. Problems come back typed, by record
/// index and field; each front end words them (the API as JSON pointers, a page by its labels).
/// </summary>
public static class IngestRecords
{
    /// <summary>The most records one batch takes.</summary>
    public const int MaxItems = 10_000;

    /// <summary>The source of a record that names none, as for CSV imports.</summary>
    public const string DefaultSource = "default";

    /// <summary>Checks and writes <paramref name="records"/> of <paramref name="kind"/>; times without a zone are read in <paramref name="zone"/>, derived data is projected as of <paramref name="clock"/>'s now.</summary>
    public static async Task<IngestResult> RunAsync(TandemDatabase database, ImportKind kind, IReadOnlyList<RecordInput> records, DateTimeZone zone, Agreement? agreement,
        IClock clock, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(clock);
        var fields = GenericFields.For(kind);
        var table = kind.Table();
        var result = new IngestResult { Items = records.Count };
        var mappers = new Dictionary<string, RowMapper>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, ImportContext>(StringComparer.Ordinal);
        var merged = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var row = new MappedRow();
        for (var index = 0; index < records.Count; index++)
        {
            var problems = Check(records[index], fields, kind);
            if (problems.Count == 0)
            {
                var record = records[index];
                var source = record.Source?.Trim() ?? DefaultSource;
                if (!contexts.TryGetValue(source, out var context)) contexts[source] = context = new ImportContext(source, zone, agreement);
                var header = fields.Where(f => record.Fields.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
                var mapperKey = source + "\u001f" + string.Join(',', header);
                if (!mappers.TryGetValue(mapperKey, out var mapper))
                    mappers[mapperKey] = mapper = ImportLayouts.Bind(ImportLayouts.Generic, kind, header, context);
                mapper.Map([.. header.Select(h => record.Fields[h] ?? "")], row);
                problems.AddRange(row.Problems.Select(p => new FieldProblem(p.Column, record.Fields.GetValueOrDefault(p.Column), p.Reason)));
                if (problems.Count == 0)
                {
                    Merge(merged, table, mapper, row);
                    foreach (var (flag, value) in row.Flags) Flag(result, flag, value);
                    continue;
                }
            }
            result.Rejected++;
            result.Problems.AddRange(problems.Select(p => new ItemProblem(index, p)));
        }

        result.Records.Unchanged += result.Items - result.Rejected - merged.Count;
        if (merged.Count == 0) return result;
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        // The stamp is the store's own time of writing (the projector's watermark reads it), whatever clock the figures use.
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var group in merged.Values.GroupBy(r => string.Join(',', r.Keys.Where(k => !table.Key.Contains(k)))))
        {
            var columns = group.First().Keys.Where(k => !table.Key.Contains(k)).ToList();
            var rows = group.Select(r => table.Key.Concat(columns).Select(c => r[c]).ToArray()).ToList();
            result.Records.Add(await UpsertWriter.WriteAsync(transaction, table, columns, rows, stamp, cancel).ConfigureAwait(false));
        }
        // The records and everything derived from them commit together.
        await Projection.Projector.ProjectWrittenAsync(connection, transaction, stamp, clock.GetCurrentInstant(), cancel: cancel).ConfigureAwait(false);
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return result;
    }

    /// <summary>What is wrong with a record's shape: what the front end could not read, its source, fields that are not the kind's, required fields left out.</summary>
    private static List<FieldProblem> Check(RecordInput record, IReadOnlyList<ImportField> fields, ImportKind kind)
    {
        var problems = new List<FieldProblem>(record.Unreadable ?? []);
        // Not a record at all (a number where an object belongs): nothing more to say about its fields.
        if (problems.Any(p => p.Field == "item")) return problems;
        if (record.Source is { } source && string.IsNullOrWhiteSpace(source)) problems.Add(new("source", source, "must be a non-empty string"));
        foreach (var name in record.Fields.Keys.Where(n => !fields.Any(f => f.Name == n)))
            problems.Add(new(name, record.Fields[name], $"is not a field of {kind.Word()} (fields: source, {string.Join(", ", fields.Select(f => f.Name))})"));
        foreach (var required in fields.Where(f => f.Required && !record.Fields.ContainsKey(f.Name)))
            if (!problems.Any(p => p.Field == required.Name)) problems.Add(new(required.Name, null, "is required"));
        return problems;
    }

    /// <summary>Folds a valid record into the record of its key: later fields override earlier ones.</summary>
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
