using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Reps;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report depth</c>: depth judged at the end of the cadence's first step, and the attempts on leads not yet reached a week, two weeks and 30 days after handoff, per rep.</summary>
public static class DepthReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period of the handoffs (default: the current one, of the agreement's kind)." };
        var asOf = new Option<string?>("--at") { Description = "Measure as of this time (ISO 8601; default now)." };
        var segment = new Option<string?>("--segment") { Description = "Only leads of this segment." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: true), ReportOutput.Out());
        var command = new Command("depth", "Depth of follow-up: the share on cadence at the end of the cadence's first step, and attempts on leads not reached after 7, 14 and 30 days against the cadence, per rep.") { period, asOf, segment, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); depth is measured against its cadence");
            var zone = agreement.Calendar.Zone;
            var now = parse.GetValue(asOf) is { } text ? SlaCommand.ReadTime(text, "--at", zone) : SlaCommand.Now();
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, now);
            await DerivedData.WarnIfNeverBuiltAsync(connection, parse, cancel).ConfigureAwait(false);
            var result = await FollowUpQuery.DepthAsync(connection, which, parse.GetValue(segment), now, cancel).ConfigureAwait(false);
            var words = FollowUpWords.FirstStep(agreement);
            var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                writer => parse.GetValue(format) == FormatOption.Json ? WriteJsonAsync(writer, result, zone, agreement.Sales.Depth, words, names) : WriteTableAsync(writer, result, zone, words, names),
                () => [FirstStepTable.Of(result, words, names), .. ReportTables.Depth(result, names)], () => ReportCharts.Depth(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, DepthResult r, NodaTime.DateTimeZone zone, DepthCommitment depth, FirstStepWords words, RepNames names)
    {
        var first = depth.Cadence.Count == 0 ? null : depth.Cadence[0];
        var document = new
        {
            period = r.Period.ToString(),
            at = TimeOutput.Format(r.AsOf, zone),
            segment = r.Segment,
            handoffs = r.Handoffs,
            // Nothing judged because no handoff's source has touch data: pending, and why.
            status = r.Handoffs == 0 && r.Untimed.Count > 0 ? "pending" : null,
            reason = r.Handoffs == 0 && r.Untimed.Count > 0 ? Tandem.Data.Analytics.UntimedHandoffs.ReasonFor(r.Untimed) : null,
            untimed = r.Untimed.Select(u => new { source = u.Source, handoffs = u.Handoffs, reason = u.Reason }),
            firstStep = new
            {
                step = first is null ? null : new { attempts = depth.RequiredAt(first), withinDays = first.WithinDays, days = depth.Days == DayKind.Working ? "working" : "calendar" },
                judgedAt = words.At,
                standing = Json(r.FirstStep, words),
            },
            ages = r.Total.Select(Json),
            reps = r.ByRep.Select((g, i) => new { rep = g.Rep, repName = RepNameJson.Of(names, g.Rep), handoffs = g.Handoffs, firstStep = Json(r.FirstStepByRep[i].Standing, words), ages = g.Ages.Select(Json) }),
        };
        return output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }

    private static async Task WriteTableAsync(TextWriter output, DepthResult r, NodaTime.DateTimeZone zone, FirstStepWords words, RepNames names)
    {
        await output.WriteLineAsync($"Depth of follow-up, {r.Handoffs:N0} handoffs of {r.Period}, as of {TimeOutput.Format(r.AsOf, zone)}").ConfigureAwait(false);
        if (FollowUpWords.Untimed(r.Untimed, r.Handoffs) is { } untimed) await output.WriteLineAsync($"  {untimed}").ConfigureAwait(false);
        if (r.Handoffs == 0 && r.Untimed.Count > 0) return;
        await output.WriteLineAsync($"  {FollowUpWords.DepthSentence(r.FirstStep, words)}").ConfigureAwait(false);
        if (FollowUpWords.Attempts(r.FirstStep, words) is { } attempts) await output.WriteLineAsync($"  {attempts}.").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var judged = new TextTable("", "old enough", "younger", "judged", "attempts (avg)", "required (avg)", "on cadence");
        void Judged(string name, FirstStepStanding s) => judged.Row(name, Count(s.OldEnough), Count(s.Younger), Count(s.Leads),
            Avg(s.AverageAttempts), Avg(s.AverageRequired), ReportCells.Percent(s.OnCadenceShare));
        Judged("Total", r.FirstStep);
        foreach (var (rep, standing) in r.FirstStepByRep) Judged($"rep {names.Label(rep)}", standing);
        await output.WriteLineAsync($"Judged {words.At}: handoffs whose first step had ended (old enough), those not reached by then (judged) and on cadence").ConfigureAwait(false);
        judged.Write(output);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Leads not reached at each age").ConfigureAwait(false);
        var table = new TextTable("", "age", "leads", "attempts (avg)", "required (avg)", "target (avg)", "on cadence");
        void Rows(string name, IEnumerable<DepthAtAge> ages)
        {
            foreach (var d in ages)
            {
                table.Row(name, $"{d.AgeDays} days", d.Leads.ToString("N0", CultureInfo.InvariantCulture), Avg(d.AverageAttempts), Avg(d.AverageRequired), Avg(d.AverageTarget), ReportCells.Percent(d.OnCadenceShare));
                name = "";
            }
        }
        Rows("Total", r.Total);
        foreach (var (rep, _, ages) in r.ByRep) Rows($"rep {names.Label(rep)}", ages);
        table.Write(output);
    }

    /// <summary>A first-step standing; status says whether it is judged: judged, not-judged-yet (none old enough), none-to-judge (all reached or stopped by then), no-cadence.</summary>
    private static object Json(FirstStepStanding s, FirstStepWords words) => new
    {
        status = words.Step is null ? "no-cadence" : s.OldEnough == 0 ? "not-judged-yet" : s.Leads == 0 ? "none-to-judge" : "judged",
        handoffs = s.Handoffs,
        oldEnough = s.OldEnough,
        younger = s.Younger,
        leads = s.Leads,
        averageAttempts = s.AverageAttempts?.ToDecimal(2),
        averageRequired = s.AverageRequired?.ToDecimal(2),
        averageTarget = s.AverageTarget?.ToDecimal(2),
        onCadence = s.OnCadence,
        onCadenceShare = s.OnCadenceShare?.ToDecimal(6),
    };

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static object Json(DepthAtAge d) => new
    {
        ageDays = d.AgeDays,
        leads = d.Leads,
        averageAttempts = d.AverageAttempts?.ToDecimal(2),
        averageRequired = d.AverageRequired?.ToDecimal(2),
        averageTarget = d.AverageTarget?.ToDecimal(2),
        onCadence = d.OnCadence,
        onCadenceShare = d.OnCadenceShare?.ToDecimal(6),
    };

    private static string Avg(Fraction? value) => ReportCells.Decimal1(value);
}
