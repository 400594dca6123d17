using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

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
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("depth", "Depth of follow-up: attempts on leads not reached after 7, 14 and 30 days against the cadence, share on cadence, per rep.") { period, asOf, segment, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); depth is measured against its cadence");
            var zone = agreement.Calendar.Zone;
            var now = parse.GetValue(asOf) is { } text ? SlaCommand.ReadTime(text, "--at", zone) : SlaCommand.Now();
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, now);
            await ReportCatchUp.RunAsync(connection, cancel).ConfigureAwait(false);
            var samples = await ReportFactsReader.HandoffsAsync(connection, which.Start, which.End, parse.GetValue(segment), cancel).ConfigureAwait(false);
            var reps = samples.GroupBy(s => s.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new
                {
                    period = which.ToString(),
                    at = TimeOutput.Format(now, zone),
                    segment = parse.GetValue(segment),
                    handoffs = samples.Count,
                    ages = ReportFactsReader.DepthAt(samples, now).Select(Json),
                    reps = reps.Select(g => new { rep = g.Key, handoffs = g.Count(), ages = ReportFactsReader.DepthAt(g, now).Select(Json) }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"Depth of follow-up, {samples.Count:N0} handoffs of {which}, as of {TimeOutput.Format(now, zone)}: leads not reached at each age").ConfigureAwait(false);
            var table = new TextTable("", "age", "leads", "attempts (avg)", "required (avg)", "target (avg)", "on cadence");
            void Rows(string name, IEnumerable<StoredHandoff> set)
            {
                foreach (var d in ReportFactsReader.DepthAt(set, now))
                {
                    table.Row(name, $"{d.AgeDays} days", d.Leads.ToString("N0", CultureInfo.InvariantCulture), Avg(d.AverageAttempts), Avg(d.AverageRequired), Avg(d.AverageTarget), ReportCells.Percent(d.OnCadenceShare));
                    name = "";
                }
            }
            Rows("Total", samples);
            foreach (var g in reps) Rows($"rep {g.Key}", g);
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
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
