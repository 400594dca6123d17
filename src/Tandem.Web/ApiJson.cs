using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Web;

/// <summary>The API's JSON settings: field names as the import formats spell them (snake_case), nulls left out.</summary>
public static class ApiJson
{
    /// <summary>The shared options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Offsets keep their "+" and messages their quotes; the API's JSON is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
