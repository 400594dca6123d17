using System.Text.Json;
using Tandem.Data.UseCases;

namespace Tandem.Web;

/// <summary>
/// Reads the API's JSON array into the records <see cref="IngestRecords"/> takes: an item is an
/// object of field texts (strings or numbers; null empties a field) with an optional <c>source</c>.
/// What is not of that shape is kept as the record's unreadable problems, so the item is refused in
/// its place and the others go on.
/// </summary>
public static class JsonRecords
{
    /// <summary>The records of <paramref name="items"/>, a JSON array.</summary>
    public static IReadOnlyList<RecordInput> Read(JsonElement items)
    {
        if (items.ValueKind != JsonValueKind.Array) throw new ArgumentException("the body must be a JSON array of objects", nameof(items));
        return [.. items.EnumerateArray().Select(Item)];
    }

    /// <summary>The JSON pointer of a problem's field in the batch, e.g. /3/email (RFC 6901: ~ and / escaped).</summary>
    public static string Locate(ItemProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var index = problem.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem.Field == "item" ? $"/{index}" : $"/{index}/{problem.Field.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
    }

    private static RecordInput Item(JsonElement item)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var unreadable = new List<FieldProblem>();
        if (item.ValueKind != JsonValueKind.Object)
            return new RecordInput(null, fields, [new FieldProblem("item", item.GetRawText(), $"is a JSON {Kind(item)}, not an object")]);
        string? source = null;
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name == "source")
            {
                if (property.Value.ValueKind == JsonValueKind.String) source = property.Value.GetString();
                else unreadable.Add(new FieldProblem("source", property.Value.GetRawText(), "must be a non-empty string"));
                continue;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String: fields[property.Name] = property.Value.GetString(); break;
                case JsonValueKind.Number: fields[property.Name] = property.Value.GetRawText(); break;
                case JsonValueKind.Null: fields[property.Name] = null; break;
                default: unreadable.Add(new FieldProblem(property.Name, property.Value.GetRawText(), $"is a JSON {Kind(property.Value)}; give a string or a number")); break;
            }
        }
        return new RecordInput(source, fields, unreadable);
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
