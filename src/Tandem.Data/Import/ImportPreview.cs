using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Tandem.Data.Import;

/// <summary>One row of a preview: its line, each field's value as Tandem read it (null: empty), its problems, and the stage changes it yields (HubSpot's "Became a ... Date").</summary>
public sealed record PreviewRow(int Line, IReadOnlyList<string?> Values, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> Stages);

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

    private static readonly OffsetDateTimePattern Time = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFo<Z+HH:mm>");

    // Columns holding Unix milliseconds and ten-thousandths, shown as times and decimals.
    private static readonly HashSet<string> TimeColumns = new(StringComparer.Ordinal) { "created_at", "at", "closed_at" };

    /// <summary>Reads the first <paramref name="limit"/> data rows of <paramref name="request"/>'s file.</summary>
    /// <exception cref="ImportFileException">The file would be refused whole.</exception>
    public static ImportPreview Read(ImportRequest request, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var rows = TableFile.Open(request.Path, request.Sheet);
        var mapper = ImportLayouts.Bind(request.Layout, request.Kind, rows.Header, request.Context);
        var columns = mapper.Table.Key.Skip(1).Concat(mapper.Fields).ToList();
        var fields = columns.Select(c => new PreviewField(FieldName(request.Kind, c), rows.Column(mapper.LabelOf(c) ?? FieldName(request.Kind, c)))).ToList();
        var zone = request.Context.Zone;
        var list = new List<PreviewRow>();
        var row = new MappedRow();
        while (list.Count < limit && rows.NextRow() is { } csv)
        {
            // A row refused for its shape (width, quoting) is not mapped at all: no values to show.
            row.Values = [];
            CsvImporter.Read(mapper, csv, row);
            var values = columns.Select((c, i) => row.Values.Length > i + 1 ? Show(c, row.Values[i + 1], zone) : null).ToList();
            var stages = row.IsValid ? row.DerivedStages.Select(d => $"{d[2]} {Show("at", d[3], zone)}").ToList() : [];
            list.Add(new PreviewRow(csv.Line, values, [.. row.Problems.Select(p => new ImportProblem(csv.Line, rows.Column(p.Column), p.Reason))], stages));
        }
        return new ImportPreview(rows.Sheet, fields, list, mapper.IgnoredColumns, rows.NextRow() is not null) { DerivesStages = mapper.DerivesStages };
    }

    /// <summary>A stored value as a person reads it: a time in the import's zone with its offset, ten-thousandths as a decimal.</summary>
    private static string? Show(string column, object? value, DateTimeZone zone) => value switch
    {
        null => null,
        long ms when TimeColumns.Contains(column) => Time.Format(Instant.FromUnixTimeMilliseconds(ms).InZone(zone).ToOffsetDateTime()),
        long e4 when column == "marketing_share_e4" => (e4 / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        long e4 when column.EndsWith("_e4", StringComparison.Ordinal) => (e4 / 10_000m).ToString("0.####", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string FieldName(ImportKind kind, string column) =>
        GenericFields.For(kind).FirstOrDefault(f => f.Column == column)?.Name ?? column;
}
