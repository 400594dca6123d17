using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report depth</c>: attempts on leads not yet reached a week, two weeks and 30 days after handoff, per rep.</summary>
public static class DepthReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period of the handoffs (default: the current one, of the agreement's kind)." };
        var asOf = new Option<string?>("--at") { Description = "Measure as of this time (ISO 8601; default now)." };
        var segment = new Option<string?>("--segment") { Description = "Only leads of this segment." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: true), ReportOutput.Out());
        var command = new Command("depth", "Depth of follow-up: attempts on leads not reached after 7, 14 and 30 days against the cadence, share on cadence, per rep.") { period, asOf, segment, database, format, file };
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
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                writer => parse.GetValue(format) == FormatOption.Json ? WriteJsonAsync(writer, result, zone) : WriteTableAsync(writer, result, zone),
                () => ReportTables.Depth(result), () => ReportCharts.Depth(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, DepthResult r, NodaTime.DateTimeZone zone)
    {
        var document = new
        {
            period = r.Period.ToString(),
            at = TimeOutput.Format(r.AsOf, zone),
            segment = r.Segment,
            handoffs = r.Handoffs,
            ages = r.Total.Select(Json),
            reps = r.ByRep.Select(g => new { rep = g.Rep, handoffs = g.Handoffs, ages = g.Ages.Select(Json) }),
        };
        return output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }

    private static async Task WriteTableAsync(TextWriter output, DepthResult r, NodaTime.DateTimeZone zone)
    {
        await output.WriteLineAsync($"Depth of follow-up, {r.Handoffs:N0} handoffs of {r.Period}, as of {TimeOutput.Format(r.AsOf, zone)}: leads not reached at each age").ConfigureAwait(false);
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
        foreach (var (rep, _, ages) in r.ByRep) Rows($"rep {rep}", ages);
        table.Write(output);
    }

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
