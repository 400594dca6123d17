using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Tandem.Data.Import;

/// <summary>One row of a preview: its line, each field's value as Tandem read it (null: empty), its problems, and the stage changes it yields (HubSpot's "Became a ... Date", a mapping's stages section).</summary>
public sealed record PreviewRow(int Line, IReadOnlyList<string?> Values, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> Stages)
{
    /// <summary>
    /// The records of other kinds the row yields through a mapping (a deals export's reps), by kind
    /// word as in <see cref="ImportPreview.OtherKinds"/>: each record's fields and values as Tandem
    /// read them (<c>id 4b8b</c>); stage changes are in <see cref="Stages"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Others { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>A field of a preview: Tandem's name for it and the file's column(s) it is read from.</summary>
public sealed record PreviewField(string Field, string Column);

/// <summary>
/// The first rows of a file as an import would read them, with nothing written: the same file
/// opening, layout binding and row checks as <see cref="CsvImporter"/>, so what the preview shows is
/// what the import will store (a repeated key, which only the whole file shows, aside).
/// </summary>
/// <param name="Sheet">The sheet read, for a workbook.</param>
/// <param name="Fields">The fields the layout binds, key fields first.</param>
/// <param name="Rows">The first rows.</param>
/// <param name="IgnoredColumns">Header columns the layout does not read.</param>
/// <param name="More">Whether the file has rows after these.</param>
public sealed record ImportPreview(string? Sheet, IReadOnlyList<PreviewField> Fields, IReadOnlyList<PreviewRow> Rows, IReadOnlyList<string> IgnoredColumns, bool More)
{
    /// <summary>Whether the layout derives stage changes from the rows (then each row lists its own).</summary>
    public bool DerivesStages { get; init; }

    /// <summary>Kinds besides the imported one (and stage changes) the rows yield through a mapping, in the mapping's order.</summary>
    public IReadOnlyList<string> OtherKinds { get; init; } = [];

    /// <summary>Header columns the mapping lists under <c>ignore</c>.</summary>
    public IReadOnlyList<string> MappingIgnored { get; init; } = [];

    private static readonly OffsetDateTimePattern Time = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFo<Z+HH:mm>");


    /// <summary>Reads the first <paramref name="limit"/> data rows of <paramref name="request"/>'s file, through its mapping if it has one.</summary>
    /// <exception cref="ImportFileException">The file would be refused whole (a mapping that does not fit its header among the reasons).</exception>
    public static ImportPreview Read(ImportRequest request, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var rows = request.OpenRows();
        var mapper = ImportLayouts.Bind(request, rows.Header);
        var first = mapper.Records[0];
        var columns = first.Keys.Select(k => k.Field.Column).Concat(first.Columns).ToList();
        var fields = columns.Select(c => new PreviewField(FieldName(request.Kind, c), rows.Column(mapper.LabelOf(0, c) ?? FieldName(request.Kind, c)))).ToList();
        var others = mapper.Records.Skip(1).Where(r => r.Kind != ImportKind.Stages).Select(r => r.Kind.Word()).Distinct().ToList();
        var zone = request.Context.Zone;
        var list = new List<PreviewRow>();
        var row = new MappedRow();
        while (list.Count < limit && rows.NextRow() is { } csv)
        {
            // A row refused for its shape (width, quoting) is not mapped at all: no values to show.
            row.Values = [];
            row.Records.Clear();
            CsvImporter.Read(mapper, csv, row);
            var values = columns.Select((c, i) => row.Values.Length > i + 1 ? Show(request.Kind, c, row.Values[i + 1], zone) : null).ToList();
            var stages = new List<string>();
            var records = others.ToDictionary(k => k, _ => new List<string>());
            if (row.IsValid)
            {
                foreach (var record in row.Records.Where(r => r.Binding > 0))
                {
                    var binding = mapper.Records[record.Binding];
                    if (binding.Kind == ImportKind.Stages) stages.Add($"{record.Values[2]} {Show(ImportKind.Stages, "at", record.Values[3], zone)}");
                    else records[binding.Kind.Word()].Add(Describe(binding, record, zone));
                }
            }
            list.Add(new PreviewRow(csv.Line, values, [.. row.Problems.Select(p => new ImportProblem(csv.Line, rows.Column(p.Column), p.Reason))], stages)
            {
                Others = records.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value),
            });
        }
        return new ImportPreview(rows.Sheet, fields, list, mapper.IgnoredColumns, rows.NextRow() is not null)
        {
            DerivesStages = mapper.DerivesStages,
            OtherKinds = others,
            MappingIgnored = mapper.MappingIgnored,
        };
    }

    /// <summary>A record of another kind in words: each field with a value, by Tandem's name (<c>id 4b8b, team sales</c>).</summary>
    private static string Describe(RecordBinding binding, MappedRecord record, DateTimeZone zone)
    {
        var columns = binding.Keys.Select(k => k.Field.Column).Concat(binding.Columns).ToList();
        return string.Join(", ", columns.Select((c, i) => (c, Value: Show(binding.Kind, c, record.Values[i + 1], zone))).Where(v => v.Value is not null).Select(v => $"{FieldName(binding.Kind, v.c)} {v.Value}"));
    }

    /// <summary>A stored value as a person reads it: a time in the import's zone with its offset, ten-thousandths as a decimal.</summary>
    private static string? Show(ImportKind kind, string column, object? value, DateTimeZone zone) => value switch
    {
        null => null,
        long ms when IsTime(kind, column) => Time.Format(Instant.FromUnixTimeMilliseconds(ms).InZone(zone).ToOffsetDateTime()),
        long e4 when column == "marketing_share_e4" => (e4 / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        long e4 when column.EndsWith("_e4", StringComparison.Ordinal) => (e4 / 10_000m).ToString("0.####", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Whether <paramref name="kind"/>'s <paramref name="column"/> holds a time (stored as Unix
    /// milliseconds): a field read with the time reader, so a kind's new time field shows as a time without a list to keep.
    /// </summary>
    private static bool IsTime(ImportKind kind, string column) =>
        GenericFields.For(kind).Any(f => f.Column == column && f.Read == GenericFields.IsoTime);

    private static string FieldName(ImportKind kind, string column) =>
        GenericFields.For(kind).FirstOrDefault(f => f.Column == column)?.Name ?? column;
}
