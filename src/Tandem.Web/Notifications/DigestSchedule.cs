using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Notifications;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Notifications;

/// <summary>
/// Queues the digests that are due, from the monitor's pass: the daily digest for yesterday once
/// the configured time of day has come (in the agreement's zone), and the period-end digest in the
/// first three days of a new period. Each is queued once (the outbox's key), whichever instance gets there first.
/// </summary>
public static class DigestSchedule
{
    /// <summary>How long after a period ends its digest may still go out (a server that was down catches up, a late setting does not mail old news).</summary>
    public const int PeriodGraceDays = 3;

    /// <summary>Queues what is due at <paramref name="now"/>; returns how many digests were queued.</summary>
    public static async Task<int> QueueDueAsync(DbConnection connection, Instant now, CancellationToken cancel)
    {
        var settings = await Digests.ListAsync(connection, cancel).ConfigureAwait(false);
        if (settings.Count == 0) return 0;
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return 0;
        var agreement = agreements.Active;
        var local = now.InZone(agreement.Calendar.Zone).LocalDateTime;
        var queued = 0;
        foreach (var setting in settings.Where(s => local.TimeOfDay >= s.SendAt))
        {
            if (setting.Kind == DigestKind.Daily)
            {
                var day = local.Date.PlusDays(-1);
                var covers = day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
                if (await Digests.QueuedAsync(connection, setting.Kind, covers, setting.Recipients, cancel).ConfigureAwait(false)) continue;
                var mail = await DigestBuilder.DailyAsync(connection, agreement, day, now, cancel).ConfigureAwait(false);
                if (await Digests.EnqueueAsync(connection, setting.Kind, covers, mail, setting.Recipients, now, cancel).ConfigureAwait(false)) queued++;
            }
            else
            {
                var current = Period.Containing(local.Date, agreement.Period.Kind);
                if (local.Date >= current.Start.PlusDays(PeriodGraceDays)) continue;
                var ended = current.Plus(-1);
                if (await Digests.QueuedAsync(connection, setting.Kind, ended.ToString(), setting.Recipients, cancel).ConfigureAwait(false)) continue;
                var mail = await DigestBuilder.PeriodAsync(connection, agreement, ended, now, cancel).ConfigureAwait(false);
                if (await Digests.EnqueueAsync(connection, setting.Kind, ended.ToString(), mail, setting.Recipients, now, cancel).ConfigureAwait(false)) queued++;
            }
        }
        return queued;
    }
}
