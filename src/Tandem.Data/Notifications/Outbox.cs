using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Store;

namespace Tandem.Data.Notifications;

/// <summary>A delivery in the outbox.</summary>
public sealed record OutboxItem(long Id, long EventId, string Channel, ChannelKind Kind, string Target, string Subject, string Payload,
    string IdempotencyKey, string Status, int Attempts, Instant NextAttemptAt, string? LastError, Instant CreatedAt, Instant? SentAt);

/// <summary>
/// The notification outbox. Deliveries are queued in the transaction that records their event, so
/// an event is never without them; dispatchers claim due deliveries under a lease (PostgreSQL:
/// FOR UPDATE SKIP LOCKED, so concurrent instances never claim the same one; SQLite has one writer),
/// and record each outcome. A failure is retried with exponential backoff (1, 2, 4 ... minutes, at
/// most an hour apart) and marked failed after <see cref="MaxAttempts"/> attempts.
/// </summary>
public static class Outbox
{
    /// <summary>Attempts before a delivery is given up and listed as failed.</summary>
    public const int MaxAttempts = 10;

    /// <summary>Queues a delivery of <paramref name="e"/> on each channel that takes it. Returns how many.</summary>
    /// <param name="repEmail">The e-mail of the event's rep, for channels that write to the rep.</param>
    public static async Task<int> EnqueueAsync(DbConnection connection, DbTransaction tx, SlaEvent e, IReadOnlyList<NotificationChannel> channels, string? repEmail, DateTimeZone zone, Instant now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(channels);
        var queued = 0;
        foreach (var channel in channels.Where(c => c.Takes(e.State, e.Commitment)))
        {
            var key = $"tandem-sla-{e.Id}-{channel.Name}";
            var (target, error) = channel.Kind == ChannelKind.Email && channel.Target == "rep"
                ? (repEmail ?? "", repEmail is null ? $"rep {e.Rep} has no e-mail address in the store (tandem import reps)" : null)
                : (channel.Target, (string?)null);
            var payload = channel.Kind switch
            {
                ChannelKind.Webhook => NotificationText.WebhookJson(e, zone, key),
                ChannelKind.Slack => NotificationText.SlackJson(e, zone),
                _ => NotificationText.Sentence(e, zone),
            };
            await using var command = Sql.Command(connection, tx,
                "INSERT INTO notifications (event_id, channel, kind, target, subject, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at) " +
                "VALUES (@event, @channel, @kind, @target, @subject, @payload, @key, @status, 0, @now, @error, @now) ON CONFLICT DO NOTHING",
                ("@event", e.Id), ("@channel", channel.Name), ("@kind", NotificationChannel.Word(channel.Kind)), ("@target", target), ("@subject", NotificationText.Subject(e)),
                ("@payload", payload), ("@key", key), ("@status", error is null ? "pending" : "failed"), ("@now", now.ToUnixTimeMilliseconds()), ("@error", error));
            queued += await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        return queued;
    }

    /// <summary>Claims up to <paramref name="max"/> due deliveries for <paramref name="instance"/> until now + <paramref name="lease"/>.</summary>
    public static async Task<IReadOnlyList<OutboxItem>> ClaimAsync(DbConnection connection, DatabaseKind kind, string instance, Instant now, Duration lease, int max, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var nowMs = now.ToUnixTimeMilliseconds();
        var lockClause = kind == DatabaseKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await using var command = Sql.Command(connection, tx,
            "UPDATE notifications SET claimed_by = @instance, claimed_until = @until WHERE id IN (" +
            "SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now) ORDER BY id LIMIT @max" + lockClause + ") " +
            "RETURNING " + Columns,
            ("@instance", instance), ("@until", (now + lease).ToUnixTimeMilliseconds()), ("@now", nowMs), ("@max", (long)max));
        var items = await ReadAsync(command, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return [.. items.OrderBy(i => i.Id)];
    }

    /// <summary>Records a delivery as sent (only by the instance holding its claim).</summary>
    public static async Task MarkSentAsync(DbConnection connection, long id, string instance, Instant now, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null,
            "UPDATE notifications SET status = 'sent', attempts = attempts + 1, sent_at = @now, last_error = NULL, claimed_until = NULL WHERE id = @id AND claimed_by = @instance",
            ("@now", now.ToUnixTimeMilliseconds()), ("@id", id), ("@instance", instance));
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Records a failed attempt: retried after a backoff, or failed for good after <see cref="MaxAttempts"/>.</summary>
    public static async Task MarkFailedAsync(DbConnection connection, OutboxItem item, string instance, string error, Instant now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(item);
        var attempts = item.Attempts + 1;
        var next = now + Backoff(attempts);
        await using var command = Sql.Command(connection, null,
            "UPDATE notifications SET attempts = @attempts, status = @status, next_attempt_at = @next, last_error = @error, claimed_until = NULL WHERE id = @id AND claimed_by = @instance",
            ("@attempts", (long)attempts), ("@status", attempts >= MaxAttempts ? "failed" : "pending"), ("@next", next.ToUnixTimeMilliseconds()),
            ("@error", error.Length > 500 ? error[..500] : error), ("@id", item.Id), ("@instance", instance));
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 1, 2, 4 ... minutes, at most an hour.</summary>
    public static Duration Backoff(int attempts) => Duration.FromMinutes(Math.Min(60, 1L << Math.Min(attempts - 1, 6)));

    /// <summary>
    /// Puts a failed delivery back in the queue, due now, with a fresh set of attempts (someone fixed
    /// the webhook or the address). False when there is no such delivery, or it was sent.
    /// </summary>
    public static async Task<bool> RetryAsync(DbConnection connection, long id, Instant now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = @now, claimed_until = NULL WHERE id = @id AND status <> 'sent'",
            ("@now", now.ToUnixTimeMilliseconds()), ("@id", id));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }

    /// <summary>The newest deliveries first, or only the failed ones (given up, or failing and still retried).</summary>
    public static async Task<IReadOnlyList<OutboxItem>> ListAsync(DbConnection connection, bool failedOnly, int limit, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var where = failedOnly ? " WHERE status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL)" : "";
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM notifications{where} ORDER BY id DESC LIMIT @limit", ("@limit", (long)limit));
        return await ReadAsync(command, cancel).ConfigureAwait(false);
    }

    private const string Columns = "id, event_id, channel, kind, target, subject, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at, sent_at";

    private static async Task<List<OutboxItem>> ReadAsync(DbCommand command, CancellationToken cancel)
    {
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var items = new List<OutboxItem>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            items.Add(new OutboxItem(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), Enum.Parse<ChannelKind>(reader.GetString(3), true), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), checked((int)reader.GetInt64(9)),
                Instant.FromUnixTimeMilliseconds(reader.GetInt64(10)), Sql.Text(reader, 11), Instant.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                Sql.Long(reader, 13) is { } sent ? Instant.FromUnixTimeMilliseconds(sent) : null));
        return items;
    }
}
