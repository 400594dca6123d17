using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Data.Import;

/// <summary>A field the reports need, as an import left it.</summary>
/// <param name="Field">The generic field name.</param>
/// <param name="Column">The file's column for it, or null when the file has none.</param>
/// <param name="Missing">Records written by this import without a value (null when the file has no column).</param>
/// <param name="Of">Records written by this import that the field matters on.</param>
/// <param name="StoreWith">Records of the import's source in the store that have it, after the import (null for a dry run).</param>
/// <param name="StoreOf">Records of the import's source in the store that it matters on (null for a dry run).</param>
public sealed record QualityField(string Field, string? Column, long? Missing, long Of, long? StoreWith, long? StoreOf);

/// <summary>Values of one column that could not be read (or were required and empty), counted over the rejected rows.</summary>
public sealed record QualityColumn(string Column, long Values);

/// <summary>
/// The data-quality report of one import: for each field the reports need, how many records were
/// written without it (and how many in the store have it); which columns held values that could not
/// be read; and, in words, which figures will be missing because of it.
/// </summary>
public sealed record ImportQuality(IReadOnlyList<QualityField> Fields, IReadOnlyList<QualityColumn> Unreadable, IReadOnlyList<string> Findings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The report as JSON (as the import log keeps it).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A report from <see cref="ToJson"/>; null for null or text that is not one.</summary>
    public static ImportQuality? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<ImportQuality>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The report: the tally of the rows written and rejected, the summary's flags, and (unless it
    /// was a dry run, whose writes were rolled back) counts over the store's records of the source.
    /// </summary>
    public static async Task<ImportQuality> ComputeAsync(DbConnection connection, QualityTally tally, ImportSummary summary, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(summary);
        var fields = new List<QualityField>();
        var findings = new List<string>();
        var store = summary.DryRun || tally.Needs.Count == 0 ? null : await StoreCountsAsync(connection, summary.Kind, [.. tally.Needs.Select(n => n.Need)], summary.Source, cancel).ConfigureAwait(false);
        for (var i = 0; i < tally.Needs.Count; i++)
        {
            var (need, index, column) = tally.Needs[i];
            long? with = store?[i].With, of = store?[i].Of;
            var missing = index < 0 ? (long?)null : tally.Missing[need.Field];
            var counted = tally.Counted[need.Field];
            fields.Add(new QualityField(need.Field, column, missing, counted, with, of));
            var none = with is { } w && of is { } o ? QualityRules.NoneInStore(need, w, o) : null;
            if (none is not null) findings.Add(none);
            else if (index < 0 && counted > 0) findings.Add(QualityRules.NoColumn(need, with, of));
            else if (missing is { } m && QualityRules.Missing(need, m, counted) is { } sentence) findings.Add(sentence);
        }
        foreach (var (flag, values) in summary.Flags)
            if (QualityRules.Flagged(flag, values) is { } sentence) findings.Add(sentence);
        var unreadable = tally.Unreadable.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new QualityColumn(c.Key, c.Value)).ToList();
        if (QualityRules.Unreadable([.. unreadable.Select(u => (u.Column, u.Values))], summary.Rejected) is { } unread) findings.Add(unread);
        return new ImportQuality(fields, unreadable, findings);
    }

    /// <summary>
    /// For each need, the records of the source in the store that it matters on and those that have
    /// it, in one scan of the table (an import of a million leads should not scan them three times).
    /// </summary>
    private static async Task<(long With, long Of)[]> StoreCountsAsync(DbConnection connection, ImportKind kind, IReadOnlyList<FieldNeed> needs, string source, CancellationToken cancel)
    {
        var table = kind.Table().Name;
        var where = "source = @source" + (kind == ImportKind.Leads ? " AND deleted_at IS NULL AND merged_into IS NULL" : "");
        var parameters = new List<(string, object?)> { ("@source", source) };
        var sums = new List<string>();
        for (var i = 0; i < needs.Count; i++)
        {
            var only = "1 = 1";
            if (needs[i].OnlyWhere is { } filter)
            {
                only = $"{filter.Column} = @only{i}";
                parameters.Add(($"@only{i}", filter.Value));
            }
            sums.Add($"COALESCE(SUM(CASE WHEN {only} AND {needs[i].Column} IS NOT NULL THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN {only} THEN 1 ELSE 0 END), 0)");
        }
        await using var command = Clocks.Sql.Command(connection, null, $"SELECT {string.Join(", ", sums)} FROM {table} WHERE {where}", [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        await reader.ReadAsync(cancel).ConfigureAwait(false);
        return [.. needs.Select((_, i) => (Convert.ToInt64(reader.GetValue(2 * i), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue((2 * i) + 1), System.Globalization.CultureInfo.InvariantCulture)))];
    }
}

/// <summary>Counts, while an import runs, the rows written without each needed field and the values its rejected rows could not read.</summary>
public sealed class QualityTally
{
    private readonly int _keys;

    /// <summary>Starts a tally for the fields <paramref name="mapper"/> binds, as far as <paramref name="context"/>'s agreement plans with them.</summary>
    public QualityTally(RowMapper mapper, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(context);
        _keys = mapper.Table.Key.Count - 1;
        var planned = context.Agreement?.Plan;
        Needs = [.. QualityRules.For(mapper.Kind, planned is null || planned.Segments.Count > 0, planned is null || planned.LeadTypes.Count > 0).Select(n => (n, mapper.Fields.ToList().IndexOf(n.Column), mapper.LabelOf(n.Column)))];
        foreach (var (need, _, _) in Needs)
        {
            Missing[need.Field] = 0;
            Counted[need.Field] = 0;
        }
        _only = [.. Needs.Select(n => n.Need.OnlyWhere is { } only ? mapper.Fields.ToList().IndexOf(only.Column) : -1)];
    }

    private readonly int[] _only;

    /// <summary>Each needed field, its position among the mapper's fields (-1: not in the file) and its column label.</summary>
    public IReadOnlyList<(FieldNeed Need, int Index, string? Column)> Needs { get; }

    /// <summary>Rows written without the field, by field.</summary>
    public Dictionary<string, long> Missing { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows written that the field matters on, by field.</summary>
    public Dictionary<string, long> Counted { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems of rejected rows, by the column they name.</summary>
    public Dictionary<string, long> Unreadable { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a row that will be written.</summary>
    public void Written(MappedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        for (var i = 0; i < Needs.Count; i++)
        {
            var (need, index, _) = Needs[i];
            if (_only[i] >= 0 && !Equals(row.Values[1 + _keys + _only[i]], need.OnlyWhere!.Value.Value)) continue;
            if (need.OnlyWhere is not null && _only[i] < 0) continue;
            Counted[need.Field]++;
            if (index < 0 || row.Values[1 + _keys + index] is null) Missing[need.Field]++;
        }
    }

    /// <summary>Counts a problem of a rejected row.</summary>
    public void Problem(string column)
    {
        if (column == "row") return;
        Unreadable[column] = Unreadable.GetValueOrDefault(column) + 1;
    }
}
