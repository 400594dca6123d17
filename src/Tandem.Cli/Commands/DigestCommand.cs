using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tandem.Cli.Output;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Reports;
using Tandem.Web.Notifications;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem digest send|set|list</c>: the daily and period-end digests, sent (queued in the
/// notifications outbox, delivered at once with --smtp or by the server) or previewed, and who
/// gets them when the server sends them on its own.
/// </summary>
public static class DigestCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output) => new("digest", "The daily and period-end digests by e-mail.") { Send(output), Set(output), List(output) };

    private static Command Send(TextWriter output)
    {
        var daily = new Option<bool>("--daily") { Description = "Yesterday's pacing, speed, depth and open breaches." };
        var periodEnd = new Option<bool>("--period") { Description = "A finished period's scorecard and the recalibration proposal for the next one." };
        var date = new Option<string?>("--date") { Description = "The day a daily digest covers (default yesterday, in the agreement's zone)." };
        var of = new Option<string?>("--of") { Description = "The period a period digest covers (default the last finished one)." };
        var to = new Option<string?>("--to") { Description = "Comma-separated e-mail addresses (default: the configured recipients, tandem digest set)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the digest and queue nothing." };
        var smtp = new Option<string?>("--smtp") { Description = "Deliver at once through this SMTP server (default TANDEM_SMTP; without one the server delivers it)." };
        var mailFrom = new Option<string?>("--mail-from") { Description = "Sender address (default TANDEM_MAIL_FROM)." };
        var database = DatabaseOption.Create();
        var command = new Command("send", "Sends (or with --dry-run previews) one digest.") { daily, periodEnd, date, of, to, dryRun, smtp, mailFrom, database };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(daily) == parse.GetValue(periodEnd)) throw new CliUsageException("--daily or --period: name exactly one digest");
            var kind = parse.GetValue(daily) ? DigestKind.Daily : DigestKind.Period;
            if (kind == DigestKind.Daily && parse.GetValue(of) is not null) throw new CliUsageException("--of: is for --period; a daily digest takes --date");
            if (kind == DigestKind.Period && parse.GetValue(date) is not null) throw new CliUsageException("--date: is for --daily; a period digest takes --of");
            var explicitTo = parse.GetValue(to) is { } list ? Addresses(list, "--to") : null;
            var mail = parse.GetValue(dryRun) ? null : ServeCommand.ReadSmtp(parse.GetValue(smtp), parse.GetValue(mailFrom));

            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); the digests report against it");
            var now = SystemClock.Instance.GetCurrentInstant();
            var today = now.InZone(agreement.Calendar.Zone).Date;
            var recipients = explicitTo ?? (await Digests.ListAsync(connection, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Kind == kind)?.Recipients;
            if (recipients is null && !parse.GetValue(dryRun))
                throw new CliUsageException($"--to: no recipients given and none configured for the {Digests.Word(kind)} digest (tandem digest set {Digests.Word(kind)} --to ADDRESS)");

            string covers;
            DigestMail digest;
            if (kind == DigestKind.Daily)
            {
                var day = parse.GetValue(date) is { } text
                    ? LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : throw new CliUsageException($"--date: '{text}' is not a date such as 2026-11-24")
                    : today.PlusDays(-1);
                covers = day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
                digest = await DigestBuilder.DailyAsync(connection, agreement, day, now, cancel).ConfigureAwait(false);
            }
            else
            {
                var period = parse.GetValue(of) is { } text ? Period.Parse(text, "--of") : Period.Containing(today, agreement.Period.Kind).Plus(-1);
                covers = period.ToString();
                digest = await DigestBuilder.PeriodAsync(connection, agreement, period, now, cancel).ConfigureAwait(false);
            }

            if (parse.GetValue(dryRun))
            {
                await output.WriteLineAsync($"Subject: {digest.Subject}").ConfigureAwait(false);
                await output.WriteLineAsync($"To: {(recipients is null ? "(nobody configured)" : string.Join(", ", recipients))}").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteAsync(digest.Text).ConfigureAwait(false);
                await output.WriteLineAsync($"\nCharts (inline in the HTML part): {string.Join(", ", digest.Images.Select(i => $"{i.FileName} ({i.Png.Length:N0} bytes)"))}").ConfigureAwait(false);
                await output.WriteLineAsync("Dry run: nothing was queued.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var queued = await Digests.EnqueueAsync(connection, kind, covers, digest, recipients!, now, cancel).ConfigureAwait(false);
            await output.WriteLineAsync(queued
                ? $"Queued the {Digests.Word(kind)} digest for {covers} to {string.Join(", ", recipients!)}."
                : $"The {Digests.Word(kind)} digest for {covers} was already queued for {string.Join(", ", recipients!)}; nothing is sent twice.").ConfigureAwait(false);
            if (mail is null)
            {
                await output.WriteLineAsync("  It goes out with the server's next pass (tandem serve --smtp URL), or now with --smtp.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            using var http = new HttpClient();
            var dispatcher = new NotificationDispatcher(db, () => new WebhookSender(http), new EmailSender(mail), SystemClock.Instance, $"cli-{Environment.ProcessId}");
            var (delivered, failed) = await dispatcher.RunOnceAsync(cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"  Delivered {delivered}, failed {failed} (tandem notifications list --failed shows why).").ConfigureAwait(false);
            return failed > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(TextWriter output)
    {
        var kind = new Argument<string>("digest") { Description = "daily or period." };
        kind.AcceptOnlyFromAmong("daily", "period");
        var to = new Option<string>("--to") { Description = "Comma-separated e-mail addresses.", Required = true };
        var at = new Option<string>("--at") { Description = "Time of day it goes out, HH:mm in the agreement's zone (default 07:00).", DefaultValueFactory = _ => "07:00" };
        var database = DatabaseOption.Create();
        var command = new Command("set", "Who gets a digest, and when the server sends it.") { kind, to, at, database };
        command.SetAction(async (parse, cancel) =>
        {
            var recipients = Addresses(parse.GetValue(to)!, "--to");
            var time = Digests.ParseTime(parse.GetValue(at)!) ?? throw new CliUsageException($"--at: '{parse.GetValue(at)}' is not a time of day such as 07:30");
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var which = parse.GetValue(kind) == "daily" ? DigestKind.Daily : DigestKind.Period;
            await Digests.SetAsync(connection, new DigestSetting(which, recipients, time), SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
            await output.WriteLineAsync($"The {Digests.Word(which)} digest goes to {string.Join(", ", recipients)} at {time:HH:mm}{(which == DigestKind.Period ? " on the first day of each period" : " every day")}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("list", "The configured digests.") { database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var settings = await Digests.ListAsync(connection, cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(settings.Select(s => new { digest = Digests.Word(s.Kind), to = s.Recipients, at = s.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture) }), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("digest", "to", "at");
            foreach (var s in settings) table.Row(Digests.Word(s.Kind), string.Join(", ", s.Recipients), s.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture));
            table.Write(output);
            if (settings.Count == 0) await output.WriteLineAsync("  No digest is configured: tandem digest set daily --to ADDRESS [--at 07:30]").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<string> Addresses(string text, string flag)
    {
        try
        {
            return Digests.Recipients(text, flag);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
