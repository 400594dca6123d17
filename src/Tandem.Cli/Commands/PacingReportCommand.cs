using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Reports;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem report pacing</c>: marketing's delivery in a period against the plan's goal, per
/// segment and lead type and in total: the waterfall, the status, the projection and the daily
/// rate needed.
/// </summary>
public static class PacingReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period (default: the current one, of the agreement's kind)." };
        var asOf = new Option<string?>("--as-of") { Description = "The last date with actuals (default today, in the agreement's zone)." };
        var segment = new Option<string?>("--segment") { Description = "Only this segment: its goal and its leads." };
        var agreementFile = new Option<string?>("--agreement") { Description = "Agreement file (default: the active agreement in the store)." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: true), ReportOutput.Out());
        var command = new Command("pacing", "Leads delivered against the goal line: status, projection and the daily rate needed.") { period, asOf, segment, agreementFile, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(parse.GetValue(agreementFile), connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("--agreement: no agreement file given and none stored (tandem agreement import FILE); pacing needs its plan");
            var zone = agreement.Calendar.Zone;
            var today = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date;
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, SystemClock.Instance.GetCurrentInstant());
            var until = parse.GetValue(asOf) is { } dateText
                ? LocalDatePattern.Iso.Parse(dateText) is { Success: true } parsed ? parsed.Value : throw new CliUsageException($"--as-of: '{dateText}' is not a date such as 2026-11-24")
                : today;
            var only = parse.GetValue(segment);
            await DerivedData.WarnIfNeverBuiltAsync(connection, parse, cancel).ConfigureAwait(false);
            PacingResult result;
            try { result = await PacingQuery.RunAsync(connection, agreement, which, until, only, cancel).ConfigureAwait(false); }
            catch (ArgumentException e) when (e.ParamName == "segment") { throw ReportCells.SegmentProblem(e); }
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                text => parse.GetValue(format) == FormatOption.Json ? WriteJsonAsync(text, result, agreement) : WriteTableAsync(text, result, agreement),
                () => ReportTables.Pacing(result), () => ReportCharts.Pacing(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, PacingResult r, Agreement agreement)
    {
        var document = new
        {
            period = r.Period.ToString(),
            asOf = r.AsOf.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            zone = agreement.Calendar.Zone.Id,
            goalKind = r.ValueGoal ? "value" : "count",
            basis = agreement.Pacing == PacingBasis.WorkingDays ? "working-days" : "calendar-days",
            tolerance = agreement.Tolerance.Band.ToString(),
            segment = r.Segment,
            total = Standing(r.Total),
            groups = r.Groups.Select(g => new { segment = g.Cell.Segment, leadType = g.Cell.LeadType, standing = Standing(g.Standing) }),
            days = r.Line.Select((p, i) => new
            {
                date = p.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                goal = p.Goal.ToDecimal(2),
                lower = p.Lower.ToDecimal(2),
                upper = p.Upper.ToDecimal(2),
                actual = i < r.Total.Daily.Count ? r.Total.Daily[i].ToDecimal(2) : (decimal?)null,
            }),
        };
        return output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }

    private static async Task WriteTableAsync(TextWriter output, PacingResult r, Agreement agreement)
    {
        await output.WriteLineAsync($"Pacing {r.Period} as of {r.AsOf:uuuu-MM-dd} ({agreement.Calendar.Zone.Id}; {(r.ValueGoal ? "lead value" : "leads")} entering {SheetReader.FunnelOf(agreement)[0]}; band {agreement.Tolerance})").ConfigureAwait(false);
        var table = new TextTable("segment / lead type", "goal", "line today", "actual", "status", "projection (90%)", "needed per day");
        foreach (var (cell, s) in r.Groups) table.Row($"{cell.Segment ?? "(all)"} / {cell.LeadType ?? "(all)"}", Num(s.Goal), Num(s.LineAtAsOf), Num(s.Actual), ReportTables.Status(s.Status), Proj(s.Projection), Num(s.DailyRateNeeded));
        table.Row("Total", Num(r.Total.Goal), Num(r.Total.LineAtAsOf), Num(r.Total.Actual), ReportTables.Status(r.Total.Status), Proj(r.Total.Projection), Num(r.Total.DailyRateNeeded));
        table.Write(output);
    }

    private static object Standing(PacingStanding s) => new
    {
        goal = s.Goal.ToDecimal(2),
        actual = s.Actual.ToDecimal(2),
        line = s.LineAtAsOf.ToDecimal(2),
        status = ReportTables.Status(s.Status),
        projection = new { expected = s.Projection.Expected.ToDecimal(2), low = s.Projection.Low, high = s.Projection.High },
        dailyRateNeeded = s.DailyRateNeeded?.ToDecimal(2),
    };

    private static string Num(Fraction? value) => value is { } v ? v.ToDecimal(1).ToString("#,##0.#", CultureInfo.InvariantCulture) : "-";

    private static string Proj(Projection p) => $"{p.Expected.ToDecimal(0):N0} ({p.Low:N0}-{p.High:N0})";
}
