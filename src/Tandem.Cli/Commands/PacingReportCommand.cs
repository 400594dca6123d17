using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
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
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("pacing", "Leads delivered against the goal line: status, projection and the daily rate needed.") { period, asOf, segment, agreementFile, database, format };
        command.SetAction(async (parse, cancel) =>
        {
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
            var plan = PlanCalculator.Compute(agreement.Plan);
            if (only is not null && !plan.Cells.Any(c => string.Equals(c.Segment, only, StringComparison.OrdinalIgnoreCase)))
                throw new CliUsageException($"--segment: '{only}' is not a segment of the agreement ({string.Join(", ", agreement.Plan.Segments.Select(s => s.Name))})");

            await ReportCatchUp.RunAsync(connection, cancel).ConfigureAwait(false);
            var from = which.Start.PlusDays(-56);
            var arrivals = MarketingArrivals.FromRollup(await ReportFactsReader.ArrivalsAsync(connection, from, which.End, only, cancel).ConfigureAwait(false), agreement);
            var value = agreement.Plan.Goal == GoalKind.Value;
            var weights = PacingReport.WeekdayWeights(Daily(arrivals.Where(a => a.Date < which.Start)));

            PacingStanding Stand(Fraction goal, string? segment, string? leadType) =>
                PacingReport.Stand(goal, which, until, Daily(arrivals.Where(a => which.Contains(a.Date) && a.In(segment, leadType))), weights, agreement.Tolerance, agreement.Pacing, agreement.Calendar);

            var cells = plan.Cells.Where(c => only is null || string.Equals(c.Segment, only, StringComparison.OrdinalIgnoreCase)).ToList();
            Fraction GoalOf(PlanPart part) => value ? part.RevenueGoal : Fraction.FromInteger(part.LeadsNeeded);
            var totalGoal = cells.Aggregate(Fraction.Zero, (sum, c) => sum + GoalOf(c.Figures));
            var total = Stand(totalGoal, null, null);
            var groups = cells.Select(c => (Cell: c, Standing: Stand(GoalOf(c.Figures), c.Segment, c.LeadType))).ToList();
            var line = GoalLine.Daily(totalGoal, which, agreement.Tolerance, agreement.Pacing, agreement.Calendar);

            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new
                {
                    period = which.ToString(),
                    asOf = until.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                    zone = zone.Id,
                    goalKind = value ? "value" : "count",
                    basis = agreement.Pacing == PacingBasis.WorkingDays ? "working-days" : "calendar-days",
                    tolerance = agreement.Tolerance.Band.ToString(),
                    segment = only,
                    total = Standing(total),
                    groups = groups.Select(g => new { segment = g.Cell.Segment, leadType = g.Cell.LeadType, standing = Standing(g.Standing) }),
                    days = line.Select((p, i) => new
                    {
                        date = p.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                        goal = p.Goal.ToDecimal(2),
                        lower = p.Lower.ToDecimal(2),
                        upper = p.Upper.ToDecimal(2),
                        actual = i < total.Daily.Count ? total.Daily[i].ToDecimal(2) : (decimal?)null,
                    }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"Pacing {which} as of {until:uuuu-MM-dd} ({zone.Id}; {(value ? "lead value" : "leads")} entering {SheetReader.FunnelOf(agreement)[0]}; band {agreement.Tolerance})").ConfigureAwait(false);
            var table = new TextTable("segment / lead type", "goal", "line today", "actual", "status", "projection (90%)", "needed per day");
            foreach (var (cell, s) in groups) table.Row($"{cell.Segment ?? "(all)"} / {cell.LeadType ?? "(all)"}", Num(s.Goal), Num(s.LineAtAsOf), Num(s.Actual), Word(s.Status), Proj(s.Projection), Num(s.DailyRateNeeded));
            table.Row("Total", Num(total.Goal), Num(total.LineAtAsOf), Num(total.Actual), Word(total.Status), Proj(total.Projection), Num(total.DailyRateNeeded));
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Dictionary<LocalDate, Fraction> Daily(IEnumerable<Arrival> arrivals) =>
        arrivals.GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.Aggregate(Fraction.Zero, (sum, a) => sum + a.Worth));

    private static object Standing(PacingStanding s) => new
    {
        goal = s.Goal.ToDecimal(2),
        actual = s.Actual.ToDecimal(2),
        line = s.LineAtAsOf.ToDecimal(2),
        status = Word(s.Status),
        projection = new { expected = s.Projection.Expected.ToDecimal(2), low = s.Projection.Low, high = s.Projection.High },
        dailyRateNeeded = s.DailyRateNeeded?.ToDecimal(2),
    };

    private static string Word(PacingStatus status) => status switch
    {
        PacingStatus.Behind => "behind",
        PacingStatus.OnTrack => "on-track",
        _ => "over-delivering",
    };

    private static string Num(Fraction? value) => value is { } v ? v.ToDecimal(1).ToString("#,##0.#", CultureInfo.InvariantCulture) : "-";

    private static string Proj(Projection p) => $"{p.Expected.ToDecimal(0):N0} ({p.Low:N0}-{p.High:N0})";
}
