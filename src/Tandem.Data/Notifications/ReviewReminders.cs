using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Data.Notifications;

/// <summary>
/// The agreement's review reminder: when the active version's review falls due (every
/// <c>reviewEvery</c> months from its activation, <see cref="ReviewSchedule"/>), an e-mail through
/// the notifications outbox to every signatory with an e-mail address and every admin with one.
/// Each recipient is queued once per version and review date (the outbox's idempotency key), so
/// several instances sharing one database, or a pass run twice, never mail anyone twice.
/// </summary>
public static class ReviewReminders
{
    /// <summary>The outbox channel name reminders are queued under.</summary>
    public const string Channel = "review";

    /// <summary>The time of day (in the agreement's zone) from which a due reminder goes out.</summary>
    public static readonly LocalTime SendFrom = new(8, 0);

    /// <summary>How many days after the review date a reminder may still go out (a server that was down catches up; a late one does not mail old news).</summary>
    public const int GraceDays = 7;

    /// <summary>The next review of <paramref name="version"/> seen at <paramref name="now"/>: for the active version only, else null.</summary>
    public static LocalDate? Next(StoredAgreement version, Agreement agreement, Instant now)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(agreement);
        if (version.Status != AgreementStatus.Active || version.ActivatedAt is not { } activated) return null;
        var zone = agreement.Calendar.Zone;
        return ReviewSchedule.Next(Instant.FromUnixTimeMilliseconds(activated).InZone(zone).Date, agreement.ReviewMonths, now.InZone(zone).Date);
    }

    /// <summary>Queues the reminders due at <paramref name="now"/>; returns how many deliveries were queued.</summary>
    public static async Task<int> QueueDueAsync(DbConnection connection, Instant now, CancellationToken cancel = default)
    {
        var active = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false);
        if (active?.ActivatedAt is not { } activatedMs) return 0;
        Agreement agreement;
        try
        {
            agreement = AgreementLifecycle.Parse(active);
        }
        catch (Agreements.AgreementFileException)
        {
            return 0; // written by a newer Tandem: that one reminds
        }
        var zone = agreement.Calendar.Zone;
        var local = now.InZone(zone).LocalDateTime;
        var activated = Instant.FromUnixTimeMilliseconds(activatedMs).InZone(zone).Date;
        if (ReviewSchedule.LastDue(activated, agreement.ReviewMonths, local.Date) is not { } due) return 0;
        if (local.Date == due && local.TimeOfDay < SendFrom) return 0;
        if (local.Date > due.PlusDays(GraceDays)) return 0;

        var recipients = await RecipientsAsync(connection, agreement, cancel).ConfigureAwait(false);
        var next = ReviewSchedule.Next(activated, agreement.ReviewMonths, due.PlusDays(1));
        var subject = $"Tandem: the agreement \"{agreement.Name}\" is due for review ({Date(due)})";
        var text = Text(active, agreement, activated, due, next);
        var queued = 0;
        foreach (var address in recipients)
        {
            var key = $"tandem-review-{active.Id}-{Date(due)}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.ToLowerInvariant())))[..16]}";
            await using var command = Sql.Command(connection, null,
                "INSERT INTO notifications (event_id, channel, kind, target, subject, payload, idempotency_key, status, attempts, next_attempt_at, created_at) " +
                "VALUES (0, @channel, 'email', @target, @subject, @payload, @key, 'pending', 0, @now, @now) ON CONFLICT DO NOTHING",
                ("@channel", Channel), ("@target", address), ("@subject", subject), ("@payload", text), ("@key", key), ("@now", now.ToUnixTimeMilliseconds()));
            queued += await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        return queued;
    }

    /// <summary>The owners: signatories with an e-mail address, then admins with one (enabled), each address once whatever its case.</summary>
    public static async Task<IReadOnlyList<string>> RecipientsAsync(DbConnection connection, Agreement agreement, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var admins = (await UserStore.ListAsync(connection, cancel).ConfigureAwait(false))
            .Where(u => u.Role == Roles.Admin && u.DisabledAt is null && u.Email is not null).Select(u => u.Email!);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. agreement.Signatories.Where(s => s.Email is not null).Select(s => s.Email!).Concat(admins).Where(seen.Add)];
    }

    private static string Text(StoredAgreement version, Agreement agreement, LocalDate activated, LocalDate due, LocalDate next)
    {
        var owners = agreement.Signatories.Count == 0 ? "The agreement names no signatories."
            : "Signatories: " + string.Join(", ", agreement.Signatories.Select(s => $"{s.Name} ({Signatory.Word(s.Side)})")) + ".";
        return $"""
            The agreement "{agreement.Name}" (version #{version.Id}, active since {Date(activated)}) is due for its review on {Date(due)}: it is reviewed every {Months(agreement.ReviewMonths)} from its activation (reviewEvery).

            Look at both teams' scorecard and the recalibration's proposal, then make a draft revision: on the Agreement page (/agreement), the Recalibration page, or with tandem recalibrate --for PERIOD --draft. Propose it, both sides sign it, and activate it.

            {owners}
            The review after this one: {Date(next)}.
            """;
    }

    private static string Months(int months) => months == 1 ? "month" : $"{months} months";

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
