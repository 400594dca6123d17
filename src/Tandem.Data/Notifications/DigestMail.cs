using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Data.Notifications;

/// <summary>A chart embedded in a digest: its content id (referenced as cid: from the HTML), file name and PNG bytes.</summary>
public sealed record DigestImage(string ContentId, string FileName, byte[] Png);

/// <summary>
/// A digest e-mail as the outbox keeps it: the figures as plain text and as HTML, and the charts
/// the HTML shows inline. Stored as the delivery's payload (JSON, marked so the e-mail sender can
/// tell it from an SLA event's sentence).
/// </summary>
public sealed record DigestMail(string Subject, string Text, string Html, IReadOnlyList<DigestImage> Images)
{
    private const string Marker = "tandem-digest-1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Stored([property: JsonPropertyName("format")] string Format, string Subject, string Text, string Html, IReadOnlyList<DigestImage> Images);

    /// <summary>The payload stored in the outbox.</summary>
    public string ToPayload() => JsonSerializer.Serialize(new Stored(Marker, Subject, Text, Html, Images), Json);

    /// <summary>The digest in a delivery's payload, or null when the payload is not a digest.</summary>
    public static DigestMail? FromPayload(string payload)
    {
        if (payload is null || !payload.StartsWith("{\"format\":\"" + Marker + "\"", StringComparison.Ordinal)) return null;
        var stored = JsonSerializer.Deserialize<Stored>(payload, Json)!;
        return new DigestMail(stored.Subject, stored.Text, stored.Html, stored.Images);
    }
}
