using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;

namespace Tandem.Data.Notifications;

/// <summary>The two digests: yesterday's figures every morning, and the period's scorecard and recalibration when it ends.</summary>
public enum DigestKind
{
    /// <summary>Every day: yesterday's pacing, speed, depth and the open breaches.</summary>
    Daily,

    /// <summary>When a period ends: the scorecard and the recalibration proposal.</summary>
    Period,
}

/// <summary>Who gets a digest and at what time of day (in the agreement's zone).</summary>
public sealed record DigestSetting(DigestKind Kind, IReadOnlyList<string> Recipients, LocalTime SendAt);

/// <summary>
/// Digest settings, and queuing a digest in the notifications outbox: once per digest, day or
/// period and recipient list (the idempotency key), so a repeated send or a second instance queues nothing twice.
/// </summary>
public static class Digests
{
    /// <summary>The outbox channel name digests are queued under.</summary>
    public const string Channel = "digest";

    /// <summary>daily or period.</summary>
    public static string Word(DigestKind kind) => kind == DigestKind.Daily ? "daily" : "period";

    /// <summary>Reads HH:mm; null when it is not a time of day.</summary>
    public static LocalTime? ParseTime(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text ?? "") is { Success: true } r ? r.Value : null;

    /// <summary>Splits and checks comma-separated addresses.</summary>
    /// <exception cref="ArgumentException">An address is not one (names it).</exception>
    public static IReadOnlyList<string> Recipients(string text, string field)
    {
        var list = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (list.Length == 0) throw new ArgumentException($"{field}: give at least one e-mail address");
        foreach (var address in list)
            if (!System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                throw new ArgumentException($"{field}: '{address}' is not an e-mail address");
        return list;
    }

    /// <summary>Stores (or replaces) the setting of one digest.</summary>
    public static async Task SetAsync(DbConnection connection, DigestSetting setting, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        await using var command = Sql.Command(connection, null,
            "INSERT INTO digest_settings (kind, recipients, send_at, updated_at) VALUES (@kind, @to, @at, @now) " +
            "ON CONFLICT (kind) DO UPDATE SET recipients = excluded.recipients, send_at = excluded.send_at, updated_at = excluded.updated_at",
            ("@kind", Word(setting.Kind)), ("@to", string.Join(",", setting.Recipients)), ("@at", setting.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture)), ("@now", now.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The stored settings.</summary>
    public static async Task<IReadOnlyList<DigestSetting>> ListAsync(DbConnection connection, CancellationToken cancel = default)
    {
        var settings = new List<DigestSetting>();
        await using var command = Sql.Command(connection, null, "SELECT kind, recipients, send_at FROM digest_settings ORDER BY kind");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            settings.Add(new DigestSetting(reader.GetString(0) == "daily" ? DigestKind.Daily : DigestKind.Period,
                reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries), ParseTime(reader.GetString(2)) ?? new LocalTime(7, 0)));
        return settings;
    }

    /// <summary>Whether this digest was queued for these recipients already.</summary>
    public static async Task<bool> QueuedAsync(DbConnection connection, DigestKind kind, string covers, IReadOnlyList<string> recipients, CancellationToken cancel = default)
    {
        await using var command = Sql.Command(connection, null, "SELECT COUNT(*) FROM notifications WHERE idempotency_key = @key", ("@key", Key(kind, covers, recipients)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>One key per digest, what it covers (a day or a period) and recipient list, whatever their order or case.</summary>
    private static string Key(DigestKind kind, string covers, IReadOnlyList<string> recipients)
    {
        var to = string.Join(",", recipients.Select(r => r.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return $"tandem-digest-{Word(kind)}-{covers}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(to)))[..16]}";
    }

    /// <summary>Queues <paramref name="mail"/> for <paramref name="recipients"/>; false when this digest was queued for them before.</summary>
    public static async Task<bool> EnqueueAsync(DbConnection connection, DigestKind kind, string covers, DigestMail mail, IReadOnlyList<string> recipients, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(recipients);
        var key = Key(kind, covers, recipients);
        await using var command = Sql.Command(connection, null,
            "INSERT INTO notifications (event_id, channel, kind, target, subject, payload, idempotency_key, status, attempts, next_attempt_at, created_at) " +
            "VALUES (0, @channel, 'email', @target, @subject, @payload, @key, 'pending', 0, @now, @now) ON CONFLICT DO NOTHING",
            ("@channel", Channel), ("@target", string.Join(",", recipients)), ("@subject", mail.Subject), ("@payload", mail.ToPayload()), ("@key", key), ("@now", now.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }
}
