using System.Text;

namespace Tandem.Data.Import.Mapping;

/// <summary>The generic layout of one kind written as a mapping file: a starting point for a file whose columns are nearly Tandem's own.</summary>
public static class GenericMapping
{
    /// <summary>The mapping text for <paramref name="kind"/>: each field read from the column of its own name, the optional ones only when present.</summary>
    public static string Text(ImportKind kind)
    {
        var text = new StringBuilder();
        text.Append("# Tandem mapping: the generic layout of ").Append(kind.Word()).Append(" (each field from the column of its own name).\n");
        text.Append("# Rename columns to your file's, add format:, zone: and values: where it needs them (docs/import-formats.md).\n");
        text.Append(kind.Word()).Append(":\n");
        foreach (var field in GenericFields.For(kind))
        {
            text.Append("  ").Append(field.Name).Append(": ");
            text.Append(field.Required ? MappingYaml.Scalar(field.Name) : $"{{ column: {MappingYaml.Scalar(field.Name)}, optional: true }}").Append('\n');
        }
        return text.ToString();
    }
}
