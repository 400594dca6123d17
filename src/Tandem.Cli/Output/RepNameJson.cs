using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Data.Reps;

namespace Tandem.Cli.Output;

/// <summary>
/// A row's <c>repName</c> in <c>--format json</c> (issue 21): the rep's name, or an explicit null when
/// it has none. A struct, so the CLI's "absent values left out" never drops it: a script reads the
/// field on every row that has a <c>rep</c>, and the <c>rep</c> id beside it is unchanged.
/// </summary>
[JsonConverter(typeof(RepNameJsonConverter))]
public readonly record struct RepNameJson(string? Name)
{
    /// <summary>The name of <paramref name="repId"/> in <paramref name="names"/>, if any.</summary>
    public static RepNameJson Of(RepNames names, string? repId)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new RepNameJson(names.NameOf(repId));
    }
}

/// <summary>Writes a <see cref="RepNameJson"/> as its name or null.</summary>
public sealed class RepNameJsonConverter : JsonConverter<RepNameJson>
{
    /// <inheritdoc />
    public override RepNameJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RepNameJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Name is null) writer.WriteNullValue();
        else writer.WriteStringValue(value.Name);
    }
}
