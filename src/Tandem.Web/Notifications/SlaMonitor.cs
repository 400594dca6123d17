using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tandem.Data.Projection;
using Tandem.Data.Store;

namespace Tandem.Web.Notifications;

/// <summary>
/// The breach monitor in <c>tandem serve</c>. Every interval it runs the projector's catch-up (the
/// leads whose records changed since the last pass and those whose clock's next change of state has
/// come: clocks, events and their notifications, report facts), queues the digests
/// and the agreement's review reminders that are due, then delivers what is due in the outbox.
/// With several instances on PostgreSQL, an advisory lock lets one instance refresh at a time;
/// deliveries are shared out by the outbox's claims.
/// </summary>
public sealed partial class SlaMonitor(TandemDatabase database, TandemServerSettings settings, NotificationDispatcher dispatcher, ILogger<SlaMonitor> log) : BackgroundService
{
    private const long AdvisoryLockKey = 0x7A4D_0002;
    /// <summary>One pass: refresh the clocks that need it, then deliver. Returns the refresh summary (null when no agreement is stored or another instance is refreshing).</summary>
    public async Task<ProjectionSummary?> RunOnceAsync(CancellationToken cancel)
    {
        var summary = await RefreshAsync(cancel).ConfigureAwait(false);
        await dispatcher.RunOnceAsync(cancel).ConfigureAwait(false);
        return summary;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass is retried on the next one; the server keeps serving.
                PassFailed(log, e);
            }
            try
            {
                await Task.Delay(settings.MonitorInterval.ToTimeSpan(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ProjectionSummary?> RefreshAsync(CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        if (database.Kind == DatabaseKind.Postgres)
        {
            await using var tryLock = connection.CreateCommand();
            tryLock.CommandText = $"SELECT pg_try_advisory_lock({AdvisoryLockKey})";
            if (await tryLock.ExecuteScalarAsync(cancel).ConfigureAwait(false) is not true) return null;
        }
        try
        {
            var now = settings.Clock.GetCurrentInstant();
            // One projector brings clocks, events, the outbox and the report facts up to date together.
            var summary = await Projector.CatchUpAsync(connection, now, cancel).ConfigureAwait(false);
            await DigestSchedule.QueueDueAsync(connection, now, cancel).ConfigureAwait(false);
            await Tandem.Data.Notifications.ReviewReminders.QueueDueAsync(connection, now, cancel).ConfigureAwait(false);
            return summary;
        }
        finally
        {
            if (database.Kind == DatabaseKind.Postgres)
            {
                await using var unlock = connection.CreateCommand();
                unlock.CommandText = $"SELECT pg_advisory_unlock({AdvisoryLockKey})";
                await unlock.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA monitor pass failed; retrying on the next pass")]
    private static partial void PassFailed(ILogger logger, Exception error);
}
