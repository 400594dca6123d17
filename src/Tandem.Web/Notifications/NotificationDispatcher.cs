using NodaTime;
using Tandem.Data.Notifications;
using Tandem.Data.Store;

namespace Tandem.Web.Notifications;

/// <summary>
/// Delivers what is due in the outbox: claims a batch under a lease, sends each delivery on its
/// channel, and records the outcome. Several instances can run it against one PostgreSQL database:
/// the claim makes each delivery theirs alone.
/// </summary>
public sealed class NotificationDispatcher(TandemDatabase database, Func<WebhookSender> webhooks, EmailSender email, IClock clock, string instance)
{
    /// <summary>How long a claim holds: a crashed instance's deliveries are claimed again after it.</summary>
    public static readonly Duration Lease = Duration.FromMinutes(5);

    /// <summary>Claims and sends until nothing is due; returns how many were delivered and how many failed.</summary>
    public async Task<(int Delivered, int Failed)> RunOnceAsync(CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        var channels = (await NotificationChannels.ListAsync(connection, null, cancel).ConfigureAwait(false)).ToDictionary(c => c.Name);
        var (delivered, failed) = (0, 0);
        var webhook = webhooks();
        while (!cancel.IsCancellationRequested)
        {
            var batch = await Outbox.ClaimAsync(connection, database.Kind, instance, clock.GetCurrentInstant(), Lease, 50, cancel).ConfigureAwait(false);
            if (batch.Count == 0) break;
            foreach (var item in batch)
            {
                var result = item.Kind == ChannelKind.Email
                    ? await email.SendAsync(item, cancel).ConfigureAwait(false)
                    : await webhook.SendAsync(item, channels.GetValueOrDefault(item.Channel)?.Secret, clock.GetCurrentInstant().ToUnixTimeSeconds(), cancel).ConfigureAwait(false);
                var now = clock.GetCurrentInstant();
                if (result.Ok)
                {
                    await Outbox.MarkSentAsync(connection, item.Id, instance, now, cancel).ConfigureAwait(false);
                    delivered++;
                }
                else
                {
                    await Outbox.MarkFailedAsync(connection, item, instance, result.Error!, now, cancel).ConfigureAwait(false);
                    failed++;
                }
            }
        }
        return (delivered, failed);
    }
}
