using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Notifications;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem notifications list [--failed]</c> and <c>tandem notifications channel add|list|remove</c>:
/// where SLA events go, and what was delivered.
/// </summary>
public static class NotificationsCommand
{
    private static readonly string[] States = ["warning", "breached", "met", "stopped", "cancelled"];
    private static readonly string[] Commitments = ["speed", "depth"];

    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) =>
        new("notifications", "SLA notifications: channels and deliveries.") { List(output), new Command("channel", "Where SLA events are sent.") { Add(output), Channels(output), Remove(output) } };

    private static Command List(TextWriter output)
    {
        var failed = new Option<bool>("--failed") { Description = "Only deliveries that failed (given up, or failing and still retried)." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (default 100).", DefaultValueFactory = _ => 100 };
        var (database, zone, format) = (DatabaseOption.Create(), ZoneOption.Create(), FormatOption.Create());
        var command = new Command("list", "Deliveries, newest first.") { failed, limit, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var items = await Outbox.ListAsync(connection, parse.GetValue(failed), Math.Max(1, parse.GetValue(limit)), cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var rows = items.Select(i => new
                {
                    id = i.Id,
                    channel = i.Channel,
                    kind = NotificationChannel.Word(i.Kind),
                    target = i.Target,
                    subject = i.Subject,
                    status = i.Status,
                    attempts = i.Attempts,
                    idempotencyKey = i.IdempotencyKey,
                    createdAt = TimeOutput.Format(i.CreatedAt, timeZone),
                    sentAt = i.SentAt is { } s ? TimeOutput.Format(s, timeZone) : null,
                    nextAttemptAt = i.Status == "pending" ? TimeOutput.Format(i.NextAttemptAt, timeZone) : null,
                    lastError = i.LastError,
                });
                await output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            if (items.Count == 0)
            {
                await output.WriteLineAsync(parse.GetValue(failed) ? "No failed deliveries." : "No deliveries yet.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("id", "status", "attempts", "channel", "subject", "when", "error");
            foreach (var i in items)
                table.Row(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Status, i.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Channel, i.Subject,
                    TimeOutput.Format(i.SentAt ?? i.CreatedAt, timeZone), i.LastError ?? "");
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = "A name for the channel (e.g. sales-slack)." };
        var webhook = new Option<string?>("--webhook") { Description = "POST each event as JSON to this URL." };
        var slack = new Option<string?>("--slack") { Description = "POST each event to this Slack incoming-webhook URL." };
        var email = new Option<string?>("--email") { Description = "E-mail each event: rep (the lead's rep) or comma-separated addresses." };
        var secret = new Option<string?>("--secret") { Description = "Sign webhook bodies with HMAC-SHA256 under this key (Tandem-Signature header)." };
        var on = new Option<string[]>("--on") { Description = "The states to notify (default warning breached).", AllowMultipleArgumentsPerToken = true };
        on.AcceptOnlyFromAmong(States);
        var commitment = new Option<string[]>("--commitment") { Description = "speed, depth or both (default both).", AllowMultipleArgumentsPerToken = true };
        commitment.AcceptOnlyFromAmong(Commitments);
        var database = DatabaseOption.Create();
        var command = new Command("add", "Send SLA events to a webhook, a Slack channel or e-mail.") { name, webhook, slack, email, secret, on, commitment, database };
        command.SetAction(async (parse, cancel) =>
        {
            var targets = new[] { (ChannelKind.Webhook, parse.GetValue(webhook)), (ChannelKind.Slack, parse.GetValue(slack)), (ChannelKind.Email, parse.GetValue(email)) }.Where(t => t.Item2 is not null).ToList();
            if (targets.Count != 1) throw new CliUsageException("channel add: give exactly one of --webhook URL, --slack URL or --email rep|ADDRESSES");
            var (kind, target) = targets[0];
            if (parse.GetValue(secret) is not null && kind != ChannelKind.Webhook) throw new CliUsageException("--secret: only webhooks are signed");
            var channel = new NotificationChannel(parse.GetValue(name)!, kind, target!.Trim(), parse.GetValue(secret),
                parse.GetValue(on) is { Length: > 0 } states ? states.ToHashSet() : NotificationChannel.DefaultStates,
                parse.GetValue(commitment) is { Length: > 0 } c ? c.ToHashSet() : NotificationChannel.BothCommitments);
            if (NotificationChannels.Check(channel) is { } problem)
                throw new CliUsageException(problem);
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            if (!await NotificationChannels.AddAsync(connection, channel, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false))
                throw new CliUsageException($"NAME: a channel named '{channel.Name}' exists; remove it first (tandem notifications channel remove {channel.Name})");
            await output.WriteLineAsync($"channel {channel.Name}: {string.Join(", ", channel.States.Order())} of {string.Join(" and ", channel.Commitments.Order())} clocks to {NotificationChannel.Word(kind)} {channel.Target}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Channels(TextWriter output)
    {
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("list", "The channels (never their secrets).") { database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var channels = await NotificationChannels.ListAsync(connection, null, cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(channels.Select(c => new
                {
                    name = c.Name,
                    kind = NotificationChannel.Word(c.Kind),
                    target = c.Target,
                    signed = c.Secret is not null,
                    on = c.States.Order(),
                    commitments = c.Commitments.Order(),
                }), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("name", "kind", "target", "on", "commitments");
            foreach (var c in channels) table.Row(c.Name, NotificationChannel.Word(c.Kind), c.Target, string.Join(",", c.States.Order()), string.Join(",", c.Commitments.Order()));
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(TextWriter output)
    {
        var name = new Argument<string>("NAME") { Description = "The channel to remove (deliveries already queued are kept)." };
        var database = DatabaseOption.Create();
        var command = new Command("remove", "Stop sending to a channel.") { name, database };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            if (!await NotificationChannels.RemoveAsync(connection, parse.GetValue(name)!, cancel).ConfigureAwait(false))
                throw new CliUsageException($"NAME: no channel named '{parse.GetValue(name)}'");
            await output.WriteLineAsync($"removed channel {parse.GetValue(name)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
