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
    /// The reports of the other kinds the import wrote (a mapped deals export's stage changes and
    /// reps), by kind word; null or empty for an import of one kind.
    /// </summary>
    public IReadOnlyDictionary<string, ImportQuality>? Derived { get; init; }

    /// <summary>Every finding, this kind's first, then each other kind's, in the order of <see cref="Derived"/>.</summary>
    public IEnumerable<string> AllFindings() =>
        Findings.Concat((Derived ?? new Dictionary<string, ImportQuality>()).Values.SelectMany(d => d.Findings));

    /// <summary>
    /// The report: the tally of the rows written and rejected, the summary's flags, and (unless it
    /// was a dry run, whose writes were rolled back) counts over the store's records of the source.
    /// One section per kind the rows were read into, the imported kind's first: values not read
    /// belong to it (a rejected row yields no record at all), lead types and segments the
    /// agreement does not name to the leads' section.
    /// </summary>
    public static async Task<ImportQuality> ComputeAsync(DbConnection connection, QualityTally tally, ImportSummary summary, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(summary);
        var flagsTo = tally.Kinds.Any(k => k.Kind == ImportKind.Leads) ? ImportKind.Leads : summary.Kind;
        var sections = new List<ImportQuality>();
        foreach (var kind in tally.Kinds)
        {
            var fields = new List<QualityField>();
            var findings = new List<string>();
            var store = summary.DryRun || kind.Needs.Count == 0 ? null : await StoreCountsAsync(connection, kind.Kind, [.. kind.Needs.Select(n => n.Need)], summary.Source, cancel).ConfigureAwait(false);
            for (var i = 0; i < kind.Needs.Count; i++)
            {
                var (need, inFile, column) = kind.Needs[i];
                long? with = store?[i].With, of = store?[i].Of;
                var missing = inFile ? kind.Missing[i] : (long?)null;
                var counted = kind.Counted[i];
                fields.Add(new QualityField(need.Field, column, missing, counted, with, of));
                var none = with is { } w && of is { } o ? QualityRules.NoneInStore(need, w, o) : null;
                if (none is not null) findings.Add(none);
                else if (!inFile && counted > 0) findings.Add(QualityRules.NoColumn(need, with, of));
                else if (missing is { } m && QualityRules.Missing(need, m, counted) is { } sentence) findings.Add(sentence);
            }
            if (kind.Kind == flagsTo)
                foreach (var (flag, values) in summary.Flags)
                    if (QualityRules.Flagged(flag, values) is { } sentence) findings.Add(sentence);
            var unreadable = new List<QualityColumn>();
            if (kind.Kind == summary.Kind)
            {
                unreadable = [.. tally.Unreadable.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new QualityColumn(c.Key, c.Value))];
                if (QualityRules.Unreadable([.. unreadable.Select(u => (u.Column, u.Values))], summary.Rejected) is { } unread) findings.Add(unread);
            }
            sections.Add(new ImportQuality(fields, unreadable, findings));
        }
        var derived = new SortedDictionary<string, ImportQuality>(StringComparer.Ordinal);
        for (var k = 1; k < sections.Count; k++) derived[tally.Kinds[k].Kind.Word()] = sections[k];
        return sections[0] with { Derived = derived.Count == 0 ? null : derived };
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

/// <summary>
/// Counts, while an import runs, the records written without each needed field (per kind the rows
/// are read into) and the values its rejected rows could not read.
/// </summary>
public sealed class QualityTally
{
    private readonly RowMapper _mapper;
    private readonly Dictionary<ImportKind, QualityKindTally> _byKind = [];

    /// <summary>Starts a tally for the records <paramref name="mapper"/> binds, as far as <paramref name="context"/>'s agreement plans with their fields.</summary>
    public QualityTally(RowMapper mapper, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(context);
        _mapper = mapper;
        var planned = context.Agreement?.Plan;
        var kinds = new List<QualityKindTally>();
        foreach (var kind in new[] { mapper.Kind }.Concat(mapper.OtherKinds))
        {
            var tally = new QualityKindTally(kind, mapper, QualityRules.For(kind, planned is null || planned.Segments.Count > 0, planned is null || planned.LeadTypes.Count > 0));
            kinds.Add(tally);
            _byKind[kind] = tally;
        }
        Kinds = kinds;
    }

    /// <summary>One tally per kind, the imported kind first.</summary>
    public IReadOnlyList<QualityKindTally> Kinds { get; }

    /// <summary>The imported kind's needs (see <see cref="QualityKindTally.Needs"/>).</summary>
    public IReadOnlyList<(FieldNeed Need, bool InFile, string? Column)> Needs => Kinds[0].Needs;

    /// <summary>Problems of rejected rows, by the column they name.</summary>
    public Dictionary<string, long> Unreadable { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a record that will be written.</summary>
    public void Written(MappedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _byKind[_mapper.Records[record.Binding].Kind].Written(record);
    }

    /// <summary>Counts a problem of a rejected row.</summary>
    public void Problem(string column)
    {
        if (column == "row") return;
        Unreadable[column] = Unreadable.GetValueOrDefault(column) + 1;
    }
}

/// <summary>The tally of one kind of record: for each field the reports need, records written without it and records it matters on.</summary>
public sealed class QualityKindTally
{
    // Per need, per binding of the mapper: where the field's value sits in a record's values (-1: not carried), and where the OnlyWhere column's does.
    private readonly int[][] _at;
    private readonly int[][] _onlyAt;

    internal QualityKindTally(ImportKind kind, RowMapper mapper, IReadOnlyList<FieldNeed> needs)
    {
        Kind = kind;
        _at = [.. needs.Select(n => mapper.Records.Select(r => r.Kind == kind ? ValueAt(r, n.Column) : -1).ToArray())];
        _onlyAt = [.. needs.Select(n => mapper.Records.Select(r => r.Kind == kind && n.OnlyWhere is { } only ? ValueAt(r, only.Column) : -1).ToArray())];
        Needs = [.. needs.Select((n, i) => (n, _at[i].Any(a => a >= 0), Label(mapper, kind, n.Column)))];
        Missing = new long[needs.Count];
        Counted = new long[needs.Count];
    }

    /// <summary>The kind.</summary>
    public ImportKind Kind { get; }

    /// <summary>Each needed field, whether any of the kind's records in the file carries it, and the file's column(s) for it.</summary>
    public IReadOnlyList<(FieldNeed Need, bool InFile, string? Column)> Needs { get; }

    /// <summary>Records written without the field, by need.</summary>
    public long[] Missing { get; }

    /// <summary>Records written that the field matters on, by need.</summary>
    public long[] Counted { get; }

    internal void Written(MappedRecord record)
    {
        for (var i = 0; i < Needs.Count; i++)
        {
            var need = Needs[i].Need;
            if (need.OnlyWhere is { } only)
            {
                var o = _onlyAt[i][record.Binding];
                if (o < 0 || !Equals(record.Values[o], only.Value)) continue;
            }
            Counted[i]++;
            var at = _at[i][record.Binding];
            if (at < 0 || record.Values[at] is null) Missing[i]++;
        }
    }

    private static int ValueAt(RecordBinding binding, string column)
    {
        for (var k = 0; k < binding.Keys.Count; k++)
            if (binding.Keys[k].Field.Column == column) return 1 + k;
        for (var f = 0; f < binding.Fields.Count; f++)
            if (binding.Fields[f].Field.Column == column) return 1 + binding.Keys.Count + f;
        return -1;
    }

    private static string? Label(RowMapper mapper, ImportKind kind, string column)
    {
        for (var b = 0; b < mapper.Records.Count; b++)
            if (mapper.Records[b].Kind == kind && mapper.LabelOf(b, column) is { } label) return label;
        return null;
    }
}
