using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Clocks;
using Tandem.Data.Import;
using Tandem.Data.Projection;
using Tandem.Data.Reps;
using Tandem.Data.Store;
using Tandem.Domain.Clocks;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem sla status|explain|refresh</c>: the sales-side SLA clocks of the leads handed to sales.
/// status and explain only read; refresh rebuilds the derived data.
/// </summary>
public static class SlaCommand
{
    private static readonly string[] States = [.. StatusQuery.States];

    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) => new("sla", "SLA clocks: speed to first touch and depth of follow-up.") { Status(output), Explain(output), Refresh(output) };

    private static Command Status(TextWriter output)
    {
        var at = new Option<string?>("--at") { Description = "Show the clocks as they stand at this time (ISO 8601; default now)." };
        var state = new Option<string[]>("--state") { Description = "List clocks in these states (default: running and warning).", AllowMultipleArgumentsPerToken = true };
        state.AcceptOnlyFromAmong(States);
        var limit = new Option<int>("--limit") { Description = "At most this many clocks in the table (default 50; JSON lists all).", DefaultValueFactory = _ => 50 };
        var (database, zone, format) = (DatabaseOption.Create(), ZoneOption.Create(), FormatOption.Create());
        var command = new Command("status", "Leads by clock state, soonest deadline first.") { at, state, limit, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var when = parse.GetValue(at) is { } text ? ReadTime(text, "--at", timeZone) : Now();
            IReadOnlySet<string> wanted = parse.GetValue(state) is { Length: > 0 } s ? s.ToHashSet() : ["running", "warning"];
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            _ = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored, so there are no commitments to clock: run tandem agreement import FILE first");
            await DerivedData.WarnIfNeverBuiltAsync(connection, parse, cancel).ConfigureAwait(false);
            var json = parse.GetValue(format) == FormatOption.Json;
            var status = await StatusQuery.RunAsync(connection, when, wanted, json ? null : parse.GetValue(limit), cancel).ConfigureAwait(false);
            var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
            var counts = status.Counts;
            var listed = status.Listed;
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new
                {
                    at = TimeOutput.Format(when, timeZone),
                    counts,
                    // Handoffs of a source without touch data: never clocked, so never breached; pending for the reason given.
                    untimed = status.Untimed.Select(u => new { source = u.Source, handoffs = u.Handoffs, status = "pending", reason = u.Reason }),
                    clocks = listed.Select(r => new
                    {
                        lead = r.Clock.LeadId,
                        source = r.Clock.Source,
                        episode = r.Clock.Episode,
                        commitment = r.Clock.Commitment,
                        state = r.Now.State.Word(),
                        since = TimeOutput.Format(r.Now.At, timeZone),
                        rule = r.Clock.Rule,
                        rep = r.Clock.Rep,
                        repName = RepNameJson.Of(names, r.Clock.Rep),
                        handedOffAt = TimeOutput.Format(r.Clock.StartedAt, timeZone),
                        due = TimeOutput.Format(r.Clock.Due, timeZone),
                        next = r.Clock.NextAfter(when) is { } n ? new { state = n.State.Word(), at = TimeOutput.Format(n.At, timeZone) } : null,
                    }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"SLA clocks at {TimeOutput.Format(when, timeZone)}").ConfigureAwait(false);
            var summary = new TextTable(["commitment", .. States]);
            foreach (var (commitment, byState) in counts) summary.Row([commitment, .. StatusQuery.States.Select(s => byState[s].ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            summary.Write(output);
            foreach (var u in status.Untimed)
                await output.WriteLineAsync($"Not clocked: {u.Handoffs:N0} {(u.Handoffs == 1 ? "handoff" : "handoffs")} from {u.Source}, {u.Reason} (pending: speed and depth cannot be judged)").ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            if (status.Matching == 0)
            {
                await output.WriteLineAsync($"No clock is {string.Join(" or ", wanted.Order())}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable(["lead", "commitment", "state", "next change", "rep", "rule", "handed off"]);
            foreach (var (clock, now) in listed)
            {
                var next = clock.NextAfter(when) is { } n ? $"{n.State.Word()} {TimeOutput.Format(n.At, timeZone)}" : "-";
                table.Row([clock.Source == "default" ? clock.LeadId : $"{clock.Source}/{clock.LeadId}", clock.Commitment, now.State.Word(), next, names.Label(clock.Rep), clock.Rule, TimeOutput.Format(clock.StartedAt, timeZone)]);
            }
            table.Write(output);
            if (status.Matching > listed.Count) await output.WriteLineAsync($"... and {status.Matching - listed.Count} more (--limit, or --format json for all)").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Explain(TextWriter output)
    {
        var lead = new Argument<string>("LEAD-ID") { Description = "The lead's id in its source." };
        var source = new Option<string>("--source") { Description = "The lead's source (default: default).", DefaultValueFactory = _ => "default" };
        var at = new Option<string?>("--at") { Description = "Explain the clocks as they stand at this time (default now)." };
        var (database, zone, format) = (DatabaseOption.Create(), ZoneOption.Create(), FormatOption.Create());
        var command = new Command("explain", "The handoff, the rule and calendar that applied, the deadlines, the touches and the state, in words.") { lead, source, at, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var when = parse.GetValue(at) is { } text ? ReadTime(text, "--at", timeZone) : Now();
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var explanation = await SlaExplanation.BuildAsync(connection, parse.GetValue(source)!, parse.GetValue(lead)!, when, timeZone, cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
                await output.WriteLineAsync(JsonSerializer.Serialize(explanation.Document, CliJson.Options)).ConfigureAwait(false);
            else
                foreach (var line in explanation.Lines) await output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Refresh(TextWriter output)
    {
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("refresh", "Rebuild every clock, event and report fact from the raw records (imports and the server keep them up to date; run this on a database made by an older Tandem).") { database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var bar = new ProjectionBar(parse.InvocationConfiguration.Error, "rebuilding");
            var summary = await Projector.RebuildAsync(connection, Now(), bar, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored, so there are no commitments to clock: run tandem agreement import FILE first");
            bar.Done();
            await output.WriteLineAsync(parse.GetValue(format) == FormatOption.Json
                ? JsonSerializer.Serialize(new { leads = summary.Leads, clocks = summary.Clocks, cancelled = summary.Cancelled, events = summary.EventsRecorded, handoffs = summary.Handoffs, arrivals = summary.Arrivals }, CliJson.Options)
                : $"{summary.Leads:N0} leads, {summary.Clocks:N0} clocks, {summary.Cancelled:N0} cancelled by a rule change, {summary.EventsRecorded:N0} new events, {summary.Handoffs:N0} handoff facts, {summary.Arrivals:N0} arrivals").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Now, to the whole second (printed times stay readable).</summary>
    internal static Instant Now()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        return Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
    }

    internal static Instant ReadTime(string text, string flag, DateTimeZone zone) =>
        TimeText.Iso.Parse(text, zone) ?? throw new CliUsageException($"{flag}: '{text}' is not a time; {TimeText.Iso.Expected}");
}
