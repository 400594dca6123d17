using System.Globalization;
using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>
/// Turns rows of one file into records: the records of the kind imported and, through a mapping,
/// of other kinds too (a deals export's reps and stage changes). Reads every bound field, checks
/// each record as a whole, and collects every problem of the row (not only the first) so it can be
/// fixed in one go. A row is stored whole or not at all: one bad field rejects all its records.
/// </summary>
public sealed class RowMapper
{
    private readonly ImportContext _context;
    private readonly RecordBinding[] _records;

    /// <summary>Binds <paramref name="records"/>; those of <paramref name="kind"/> come first.</summary>
    public RowMapper(ImportKind kind, ImportContext context, IReadOnlyList<RecordBinding> records, IReadOnlyList<string> ignoredColumns, int width)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0 || records[0].Kind != kind) throw new ArgumentException($"the first record must be of {kind.Word()}", nameof(records));
        Kind = kind;
        Table = kind.Table();
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _records = [.. records];
        Fields = _records[0].Columns;
        IgnoredColumns = ignoredColumns;
        Width = width;
        OtherKinds = [.. ImportKinds.All.Where(k => k != kind && _records.Any(r => r.Kind == k))];
    }

    /// <summary>The kind of record imported.</summary>
    public ImportKind Kind { get; }

    /// <summary>The table the kind's records go to.</summary>
    public TableSpec Table { get; }

    /// <summary>The non-key fields the first record carries (fields it does not carry are left as they are).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Every record a row may yield.</summary>
    public IReadOnlyList<RecordBinding> Records => _records;

    /// <summary>Kinds besides <see cref="Kind"/> the rows yield, in the order they are written.</summary>
    public IReadOnlyList<ImportKind> OtherKinds { get; }

    /// <summary>Header columns nothing reads and no mapping lists as ignored.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Header columns the mapping lists under <c>ignore</c>.</summary>
    public IReadOnlyList<string> MappingIgnored { get; init; } = [];

    /// <summary>The number of columns in the header.</summary>
    public int Width { get; }

    /// <summary>Reads the lead's current stage (HubSpot's Lifecycle Stage), or null.</summary>
    public BoundField? CurrentStage { get; init; }

    /// <summary>Stages the rows' stage records date (a current stage among them should have a date).</summary>
    public IReadOnlySet<string> DatedStages { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the file yields stage changes besides its own records.</summary>
    public bool DerivesStages => OtherKinds.Contains(ImportKind.Stages);

    /// <summary>Reads <paramref name="record"/> into <paramref name="row"/> (cleared first).</summary>
    public void Map(string[] record, MappedRow row)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(row);
        row.Problems.Clear();
        row.Flags.Clear();
        row.Records.Clear();
        row.Values = [];
        row.Key = "";
        for (var b = 0; b < _records.Length; b++)
        {
            var binding = _records[b];
            if (Skipped(binding, record)) continue;
            var values = new object?[1 + binding.Keys.Count + binding.Fields.Count];
            values[0] = _context.Source;
            var i = 1;
            foreach (var field in binding.Keys) values[i++] = Read(field, record, row);
            foreach (var field in binding.Fields) values[i++] = Read(field, record, row);
            var key = binding.Keys.Count == 1
                ? values[1] as string ?? ""
                : string.Join('\u001f', values.Skip(1).Take(binding.Keys.Count).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
            CheckRecord(binding, values, row);
            row.Records.Add(new MappedRecord(b, values, key));
            if (b == 0) (row.Values, row.Key) = (values, key);
        }
        if (CurrentStage is not null && row.IsValid) CheckCurrentStage(record, row);
    }

    /// <summary>
    /// The key <see cref="Map"/> would give the record of binding <paramref name="binding"/>,
    /// reading only its key fields; null when the row yields no such record or a key is empty or
    /// invalid (the row will be rejected). Cheap, for the first pass over a file.
    /// </summary>
    public string? KeyOf(int binding, string[] record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var keys = _records[binding];
        if (Skipped(keys, record)) return null;
        if (keys.Keys.Count == 1) return Key(keys.Keys[0], record);
        var parts = new string?[keys.Keys.Count];
        for (var i = 0; i < parts.Length; i++)
            if ((parts[i] = Key(keys.Keys[i], record)) is null) return null;
        return string.Join('\u001f', parts);
    }

    /// <summary>
    /// The lead that binding <paramref name="binding"/>'s record of <paramref name="record"/> belongs
    /// to, reading only that field: a lead's own id, or the lead_id of a stage change, touch, deal or
    /// campaign lead; null for other kinds, or when the field is empty or invalid. For the first pass.
    /// </summary>
    public string? LeadOf(int binding, string[] record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bound = _records[binding];
        // lead_id is a key of stage changes and campaign leads, a field of touches and deals.
        var field = bound.Kind switch
        {
            ImportKind.Leads => bound.Keys[0],
            ImportKind.Stages or ImportKind.Touches or ImportKind.Deals or ImportKind.CampaignLeads => bound.Keys.Concat(bound.Fields).FirstOrDefault(f => f.Field.Column == "lead_id"),
            _ => null,
        };
        return field is null || Skipped(bound, record) ? null : Key(field, record);
    }

    /// <summary>The key of the first record (see <see cref="KeyOf(int, string[])"/>).</summary>
    public string? KeyOf(string[] record) => KeyOf(0, record);

    private static bool Skipped(RecordBinding binding, string[] record)
    {
        foreach (var field in binding.OnlyIf)
            if (string.IsNullOrWhiteSpace(field.Read(record))) return true;
        return false;
    }

    private string? Key(BoundField bound, string[] record)
    {
        var text = bound.Read(record);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return bound.Field.Read(text, _context, out var value) is null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }

    private object? Read(BoundField bound, string[] record, MappedRow row)
    {
        var text = bound.Read(record);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bound.Field.Required) Problem(row, bound.Label, "is required but empty");
            return null;
        }
        var error = bound.Field.Read(text, _context, out var value);
        if (error is not null) Problem(row, bound.Label, error);
        return value;
    }

    /// <summary>Adds a problem once: a column several records read is reported once.</summary>
    private static void Problem(MappedRow row, string column, string reason)
    {
        if (!row.Problems.Contains((column, reason))) row.Problems.Add((column, reason));
    }

    private void CheckRecord(RecordBinding binding, object?[] values, MappedRow row)
    {
        object? Value(string column)
        {
            for (var f = 0; f < binding.Fields.Count; f++)
                if (binding.Fields[f].Field.Column == column) return values[1 + binding.Keys.Count + f];
            return null;
        }

        switch (binding.Kind)
        {
            case ImportKind.Deals when Value("status") is "won" or "lost" && Value("closed_at") is null && row.IsValid:
                var label = binding.Fields.FirstOrDefault(f => f.Field.Column == "closed_at")?.Label ?? "closed_at";
                Problem(row, label, $"is required for a {Value("status")} deal (the period its revenue counts in)");
                break;
            case ImportKind.Leads:
                if (Value("lead_type") is string type && _context.LeadTypes is { } types && !types.Contains(type)) row.Flags.Add(("unknownLeadTypes", type));
                if (Value("segment") is string segment && _context.Segments is { } segments && !segments.Contains(segment)) row.Flags.Add(("unknownSegments", segment));
                break;
        }
    }

    /// <summary>Flags a current stage that the row's stage records should date but do not.</summary>
    private void CheckCurrentStage(string[] record, MappedRow row)
    {
        var text = CurrentStage!.Read(record);
        var stage = string.IsNullOrWhiteSpace(text) ? null : _context.Stage(text);
        if (stage is null || !DatedStages.Contains(stage)) return;
        var dated = row.Records.Any(r => _records[r.Binding].Kind == ImportKind.Stages && (string?)r.Values[2] == stage);
        if (!dated) row.Flags.Add(("undatedCurrentStages", stage));
    }

    /// <summary>How errors name the file's column(s) for database column <paramref name="column"/> of binding <paramref name="binding"/>; null when the file does not carry it.</summary>
    public string? LabelOf(int binding, string column)
    {
        var record = _records[binding];
        return (record.Fields.FirstOrDefault(f => f.Field.Column == column) ?? record.Keys.FirstOrDefault(f => f.Field.Column == column))?.Label;
    }
}
