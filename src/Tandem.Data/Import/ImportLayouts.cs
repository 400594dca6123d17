using Tandem.Data.Import.Mapping;

namespace Tandem.Data.Import;

/// <summary>
/// The file layouts <c>--from</c> names: <c>generic</c> (Tandem's own columns, every kind), and
/// the mappings that ship with Tandem (<c>hubspot</c>: a HubSpot contacts export, <c>salesforce</c>:
/// a Salesforce leads report), read like any <c>--map</c> file. Binding a layout to a file's
/// header finds each field's column or refuses the file.
/// </summary>
public static class ImportLayouts
{
    /// <summary>Tandem's own columns.</summary>
    public const string Generic = "generic";

    /// <summary>A HubSpot contacts export.</summary>
    public const string HubSpot = "hubspot";

    /// <summary>A Salesforce leads report.</summary>
    public const string Salesforce = "salesforce";

    /// <summary>What an import through a user's mapping file (<c>--map</c>) records as its layout.</summary>
    public const string Map = "map";

    /// <summary>The layout names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Generic, HubSpot, Salesforce];

    /// <summary>The column an errors file adds; every layout ignores it, so a fixed errors file imports as it is.</summary>
    public const string ErrorColumn = "tandem_error";

    /// <summary>Binds <paramref name="layout"/> for <paramref name="kind"/> to <paramref name="header"/>.</summary>
    /// <exception cref="ImportFileException">The header lacks a required column, repeats one, or the layout does not hold this kind.</exception>
    public static RowMapper Bind(string layout, ImportKind kind, IReadOnlyList<string> header, ImportContext context) =>
        Bind(layout, kind, header, context, "the file");

    private static RowMapper Bind(string layout, ImportKind kind, IReadOnlyList<string> header, ImportContext context, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (layout == Generic) return BindGeneric(kind, new HeaderColumns(header), context);
        var shipped = ShippedMappings.Find(layout)
            ?? throw new ImportFileException("layout", $"'{layout}' is not one of {string.Join(", ", Names)}", $"--from: '{layout}' is not a layout ({string.Join(", ", Names)})");
        if (shipped.Kind != kind)
            throw new ImportFileException("layout", $"{layout} reads {shipped.Kind.Word()} only ({shipped.Describes}); import {kind.Word()} with the generic layout or a mapping",
                $"--from {layout} reads {shipped.Kind.Word()} only ({shipped.Describes}); import {kind.Word()} with --from generic or a mapping (--map)");
        return MappingBinder.Bind(ShippedMappings.Mapping(shipped), kind, header, context, dataFile);
    }

    /// <summary>Binds the request's mapping, else its layout, to <paramref name="header"/>.</summary>
    /// <exception cref="ImportFileException">The header does not fit.</exception>
    public static RowMapper Bind(ImportRequest request, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Mapping is { } mapping
            ? MappingBinder.Bind(mapping, request.Kind, header, request.Context, request.Path)
            : Bind(request.Layout, request.Kind, header, request.Context, request.Path);
    }

    private static RowMapper BindGeneric(ImportKind kind, HeaderColumns columns, ImportContext context)
    {
        var fields = GenericFields.For(kind);
        columns.RequirePresent(fields.Where(f => f.Required).Select(f => f.Name), kind);
        var bound = new List<BoundField>();
        foreach (var field in fields)
        {
            var index = columns.IndexOf(field.Name);
            if (index >= 0) bound.Add(new BoundField(field, field.Name, r => Cell(r, index)));
        }
        return new RowMapper(kind, context, [new RecordBinding(kind, bound)], columns.Unused(), columns.Count);
    }

    /// <summary>The cell at <paramref name="index"/>, or empty when the row is short.</summary>
    public static string Cell(string[] record, int index) => index < record.Length ? record[index] : "";
}
