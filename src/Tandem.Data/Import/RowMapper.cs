using System.Globalization;
using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>
/// Turns rows of one file into records: reads every bound field, checks the row as a whole, and
/// collects every problem (not only the first) so a row can be fixed in one go.
/// </summary>
public sealed class RowMapper
{
    private readonly ImportContext _context;
    private readonly BoundField[] _keys;
    private readonly BoundField[] _fields;
    private readonly DerivedStage[] _derived;

    /// <summary>Binds <paramref name="bound"/> fields (every key field among them) of <paramref name="kind"/>.</summary>
    public RowMapper(ImportKind kind, ImportContext context, IReadOnlyList<BoundField> bound, IReadOnlyList<DerivedStage> derived, IReadOnlyList<string> ignoredColumns, int width)
    {
        ArgumentNullException.ThrowIfNull(bound);
        Kind = kind;
        Table = kind.Table();
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _keys = [.. Table.Key.Skip(1).Select(k => bound.Single(b => b.Field.Column == k))];
        _fields = [.. bound.Where(b => !Table.Key.Contains(b.Field.Column))];
        _derived = [.. derived];
        Fields = [.. _fields.Select(f => f.Field.Column)];
        IgnoredColumns = ignoredColumns;
        Width = width;
    }

    /// <summary>The kind of record.</summary>
    public ImportKind Kind { get; }

    /// <summary>The table the records go to.</summary>
    public TableSpec Table { get; }

    /// <summary>The non-key fields the file carries (fields it does not carry are left as they are).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Header columns the layout does not read.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>The number of columns in the header.</summary>
    public int Width { get; }

    /// <summary>The column naming the lead's current stage (HubSpot's Lifecycle Stage), or -1.</summary>
    public int CurrentStageIndex { get; init; } = -1;

    /// <summary>Whether the file yields stage changes besides its own records.</summary>
    public bool DerivesStages => _derived.Length > 0;

    /// <summary>Reads <paramref name="record"/> into <paramref name="row"/> (cleared first).</summary>
    public void Map(string[] record, MappedRow row)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(row);
        row.Problems.Clear();
        row.Flags.Clear();
        row.DerivedStages.Clear();
        var values = new object?[1 + _keys.Length + _fields.Length];
        values[0] = _context.Source;
        var i = 1;
        foreach (var field in _keys) values[i++] = Read(field, record, row);
        foreach (var field in _fields) values[i++] = Read(field, record, row);
        row.Values = values;
        row.Key = _keys.Length == 1 ? values[1] as string ?? "" : string.Join('\u001f', values.Skip(1).Take(_keys.Length).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        CheckRow(values, row);
        foreach (var stage in _derived)
        {
            var text = stage.Index < record.Length ? record[stage.Index] : "";
            if (string.IsNullOrWhiteSpace(text)) continue;
            var error = stage.Read(text, _context, out var at);
            if (error is not null) row.Problems.Add((stage.Label, error));
            else row.DerivedStages.Add([_context.Source, values[1], stage.Stage, at]);
        }
        if (CurrentStageIndex >= 0 && row.IsValid) CheckCurrentStage(record, row);
    }

    /// <summary>
    /// The key <see cref="Map"/> would give the row, reading only the key fields; null when one is
    /// empty or invalid (the row will be rejected). Cheap, for the first pass over a file.
    /// </summary>
    public string? KeyOf(string[] record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_keys.Length == 1) return Key(_keys[0], record);
        var parts = new string?[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
            if ((parts[i] = Key(_keys[i], record)) is null) return null;
        return string.Join('\u001f', parts);
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
            if (bound.Field.Required) row.Problems.Add((bound.Label, "is required but empty"));
            return null;
        }
        var error = bound.Field.Read(text, _context, out var value);
        if (error is not null) row.Problems.Add((bound.Label, error));
        return value;
    }

    private void CheckRow(object?[] values, MappedRow row)
    {
        object? Value(string column)
        {
            var index = Array.FindIndex(_fields, f => f.Field.Column == column);
            return index < 0 ? null : values[1 + _keys.Length + index];
        }

        switch (Kind)
        {
            case ImportKind.Deals when Value("status") is "won" or "lost" && Value("closed_at") is null && row.IsValid:
                row.Problems.Add((Label("closed_at", "closed_at"), $"is required for a {Value("status")} deal (the period its revenue counts in)"));
                break;
            case ImportKind.Leads:
                if (Value("lead_type") is string type && _context.LeadTypes is { } types && !types.Contains(type)) row.Flags.Add(("unknownLeadTypes", type));
                if (Value("segment") is string segment && _context.Segments is { } segments && !segments.Contains(segment)) row.Flags.Add(("unknownSegments", segment));
                break;
        }
    }

    /// <summary>Flags a current stage that the row's date columns should date but do not.</summary>
    private void CheckCurrentStage(string[] record, MappedRow row)
    {
        var text = ImportLayouts.Cell(record, CurrentStageIndex);
        var stage = string.IsNullOrWhiteSpace(text) ? null : _context.Stage(text);
        if (stage is null || !_derived.Any(d => d.Stage == stage)) return;
        if (!row.DerivedStages.Any(d => (string?)d[2] == stage)) row.Flags.Add(("undatedCurrentStages", stage));
    }

    private string Label(string column, string fallback) =>
        Array.Find(_fields, f => f.Field.Column == column)?.Label ?? fallback;

    /// <summary>How errors name the file's column(s) for database column <paramref name="column"/>; null when the file does not carry it.</summary>
    public string? LabelOf(string column) => (Array.Find(_fields, f => f.Field.Column == column) ?? Array.Find(_keys, f => f.Field.Column == column))?.Label;
}
