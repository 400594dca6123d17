using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Cli.Output;

/// <summary>The JSON settings of every verb's <c>--format json</c>: camelCase names, absent values left out, indented.</summary>
public static class CliJson
{
    /// <summary>The shared options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // Readable quotes and non-ASCII names in a terminal; the output is JSON text, never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
