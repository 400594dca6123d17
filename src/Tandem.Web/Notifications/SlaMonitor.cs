using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Store;

namespace Tandem.Web.Notifications;

/// <summary>
/// The breach monitor in <c>tandem serve</c>. Every interval it refreshes the clocks of the leads
/// whose records changed since the last pass and of those whose next change of state has come
/// (recording events and queuing their notifications) and the report facts, queues the digests
/// and the agreement's review reminders that are due, then delivers what is due in the outbox.
/// With several instances on PostgreSQL, an advisory lock lets one instance refresh at a time;
/// deliveries are shared out by the outbox's claims.
/// </summary>
public sealed partial class SlaMonitor(TandemDatabase database, TandemServerSettings settings, NotificationDispatcher dispatcher, ILogger<SlaMonitor> log) : BackgroundService
{
    private const long AdvisoryLockKey = 0x7A4D_0002;
    private const string Watermark = "clock_refresh_watermark";

    /// <summary>Re-reads this much before the last pass, so a transaction that committed late is not missed.</summary>
    private static readonly Duration Overlap = Duration.FromMinutes(5);

    /// <summary>One pass: refresh the clocks that need it, then deliver. Returns the refresh summary (null when no agreement is stored or another instance is refreshing).</summary>
    public async Task<ClockRefreshSummary?> RunOnceAsync(CancellationToken cancel)
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

    private async Task<ClockRefreshSummary?> RefreshAsync(CancellationToken cancel)
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
            var since = await ReadWatermarkAsync(connection, cancel).ConfigureAwait(false);
            var only = since is { } s ? await ChangedLeads.SinceAsync(connection, s - Overlap, now, cancel).ConfigureAwait(false) : null;
            var summary = only is { Count: 0 } ? new ClockRefreshSummary(0, 0, 0, 0) : await ClockRefresh.RunAsync(connection, now, only, cancel).ConfigureAwait(false);
            if (summary is not null) await WriteWatermarkAsync(connection, now, cancel).ConfigureAwait(false);
            // The reports read facts derived from the same records: keep them as current as the clocks.
            await Tandem.Data.Analytics.ReportFacts.CatchUpAsync(connection, now, cancel).ConfigureAwait(false);
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

    private static async Task<Instant?> ReadWatermarkAsync(System.Data.Common.DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM service_state WHERE name = '{Watermark}'";
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } value and not DBNull
            ? Instant.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    private static async Task WriteWatermarkAsync(System.Data.Common.DbConnection connection, Instant now, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO service_state (name, value) VALUES ('{Watermark}', {now.ToUnixTimeMilliseconds()}) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}
