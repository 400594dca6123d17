using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Tandem.Data.Notifications;

namespace Tandem.Web.Notifications;

/// <summary>
/// Posts webhook and Slack deliveries. Every request carries <c>Idempotency-Key</c> (the same on
/// every retry, so a receiver can drop a repeat) and, when the channel has a secret,
/// <c>Tandem-Signature: sha256=HEX</c>, the HMAC-SHA256 of <c>{Tandem-Timestamp}.{body}</c>, so the
/// receiver can check the sender and reject replays.
/// </summary>
public sealed class WebhookSender(HttpClient http)
{
    /// <summary>The header with the idempotency key.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The header with the Unix time (seconds) the signature covers.</summary>
    public const string TimestampHeader = "Tandem-Timestamp";

    /// <summary>The header with the signature.</summary>
    public const string SignatureHeader = "Tandem-Signature";

    /// <summary>Sends one delivery.</summary>
    public async Task<DeliveryResult> SendAsync(OutboxItem item, string? secret, long unixSeconds, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var request = new HttpRequestMessage(HttpMethod.Post, item.Target)
        {
            Content = new StringContent(item.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyHeader, item.IdempotencyKey);
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(TimestampHeader, timestamp);
        if (!string.IsNullOrEmpty(secret)) request.Headers.Add(SignatureHeader, "sha256=" + Sign(secret, timestamp, item.Payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Tandem", "1"));
        try
        {
            using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return DeliveryResult.Delivered;
            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            return new DeliveryResult($"HTTP {(int)response.StatusCode} from {item.Target}: {(body.Length > 200 ? body[..200] : body)}".TrimEnd(' ', ':'));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new DeliveryResult($"{item.Target}: {e.Message}");
        }
    }

    /// <summary>The lower-case hex HMAC-SHA256 of <c>{timestamp}.{body}</c> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
    }
}
