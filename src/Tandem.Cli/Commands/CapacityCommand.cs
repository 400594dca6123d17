using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Capacity;
using Tandem.Domain.Numbers;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem capacity</c>: how many leads sales can follow up at the committed depth, pool by pool,
/// against marketing's commitment, and what would make an infeasible agreement feasible.
/// </summary>
public static class CapacityCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var agreementFile = new Option<string?>("--agreement") { Description = "Agreement file (default: the active agreement in the store)." };
        var period = new Option<string?>("--period") { Description = "The period (default: the current one, of the agreement's kind)." };
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("capacity", "Leads sales can follow up as committed, against the leads marketing commits to.") { agreementFile, period, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(parse.GetValue(agreementFile), connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("--agreement: no agreement file given and none stored (tandem agreement import FILE)");
            var now = SlaCommand.Now();
            var when = ReportCells.PeriodOf(parse.GetValue(period), agreement, now);
            CapacityReport report;
            try
            {
                report = await CapacityQuery.RunAsync(connection, agreement, agreement.Plan, when, now, cancel).ConfigureAwait(false)
                    ?? throw new CliUsageException("capacity: the agreement has no capacity section (minutesPerAttempt, and a team size when reps are not in the store); see docs/agreement-file.md");
            }
            catch (InvalidInputException e)
            {
                throw new CliUsageException($"{e.Field}: {e.Reason}");
            }
            if (parse.GetValue(format) == FormatOption.Json) await output.WriteLineAsync(JsonSerializer.Serialize(Document(report), CliJson.Options)).ConfigureAwait(false);
            else await WriteTableAsync(output, report).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The report as JSON (docs/cli.md).</summary>
    public static object Document(CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            period = report.Period.ToString(),
            source = report.Source,
            weeks = report.Weeks.ToDecimal(4),
            minutesPerAttempt = report.MinutesPerAttempt.ToDecimal(2),
            feasible = report.Feasible,
            pools = report.Pools.Select(p => new
            {
                name = p.Pool.Name,
                segments = p.Pool.Segments,
                reps = p.Reps.Count,
                fte = p.Fte.ToDecimal(2),
                hoursAvailable = (p.MinutesAvailable / 60).ToDecimal(2),
                hoursNeeded = (p.MinutesNeeded / 60).ToDecimal(2),
                leadsCommitted = p.LeadsCommitted,
                leadsWorkable = p.LeadsWorkable,
                feasible = p.Feasible,
                leadsOver = p.LeadsOver,
                repsShort = p.RepsShort,
            }),
        };
    }

    /// <summary>One line per infeasible pool: what it lacks, in reps or in leads. Empty when feasible.</summary>
    public static IEnumerable<string> Warnings(CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var p in report.Pools.Where(p => !p.Feasible))
            yield return $"infeasible: marketing commits {Count(p.LeadsCommitted)} leads{Of(p.Pool)} but sales can follow up {Count(p.LeadsWorkable)} as committed; "
                + (p.RepsShort is { } reps ? $"{reps} more rep{(reps == 1 ? "" : "s")} or " : "") + $"{Count(p.LeadsOver)} fewer leads would make it feasible";
    }

    private static async Task WriteTableAsync(TextWriter output, CapacityReport r)
    {
        await output.WriteLineAsync($"Capacity for {r.Period}: {r.Weeks.ToDecimal(2).ToString("0.##", CultureInfo.InvariantCulture)} working weeks, "
            + $"{r.MinutesPerAttempt.ToDecimal(2).ToString("0.##", CultureInfo.InvariantCulture)} minutes an attempt, reps from the {(r.Source == "store" ? "store" : "agreement's team size")}").ConfigureAwait(false);
        var table = new TextTable("pool", "reps", "FTE", "hours free", "hours needed", "leads committed", "leads workable", "verdict");
        foreach (var p in r.Pools)
            table.Row(p.Pool.Name + Of(p.Pool), p.Reps.Count.ToString(CultureInfo.InvariantCulture), p.Fte.ToDecimal(2).ToString("0.##", CultureInfo.InvariantCulture),
                Hours(p.MinutesAvailable), Hours(p.MinutesNeeded), Count(p.LeadsCommitted), Count(p.LeadsWorkable), p.Feasible ? "feasible" : "INFEASIBLE");
        table.Write(output);
        foreach (var warning in Warnings(r)) await output.WriteLineAsync("  " + warning).ConfigureAwait(false);
        await output.WriteLineAsync("  Every committed lead is counted with all the attempts its depth commitment asks for; hours are each rep's weekly hours x working weeks x marketing share x ramp.").ConfigureAwait(false);
    }

    private static string Of(CapacityPool pool) => pool.Segments is { } s ? $" ({string.Join(", ", s)})" : "";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Hours(Fraction minutes) => (minutes / 60).ToDecimal(1).ToString("#,##0.#", CultureInfo.InvariantCulture);
}
