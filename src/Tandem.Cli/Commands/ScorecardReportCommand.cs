using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report scorecard</c>: both teams' commitments, met or missed, period by period.</summary>
public static class ScorecardReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The last period shown (default: the current one, of the agreement's kind)." };
        var last = new Option<int>("--last") { Description = "How many periods, ending with --period (1 to 24, default 6).", DefaultValueFactory = _ => 6 };
        var segment = new Option<string?>("--segment") { Description = "Only this segment: its goal, its leads and their handoffs." };
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("scorecard", "Every commitment of both teams, met or missed, side by side, period by period.") { period, last, segment, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(last) is < 1 or > 24) throw new CliUsageException($"--last: must be 1 to 24 periods (got {parse.GetValue(last)})");
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); the scorecard judges its commitments");
            var zone = agreement.Calendar.Zone;
            var now = SlaCommand.Now();
            var end = ReportCells.PeriodOf(parse.GetValue(period), agreement, now);
            var periods = Enumerable.Range(0, parse.GetValue(last)).Select(i => end.Plus(i - parse.GetValue(last) + 1)).ToList();
            var only = parse.GetValue(segment);

            var plan = PlanCalculator.Compute(agreement.Plan);
            var cells = plan.Cells.Where(c => only is null || string.Equals(c.Segment, only, StringComparison.OrdinalIgnoreCase)).ToList();
            if (cells.Count == 0) throw new CliUsageException($"--segment: '{only}' is not a segment of the agreement");
            var value = agreement.Plan.Goal == GoalKind.Value;
            var goal = cells.Aggregate(Fraction.Zero, (sum, c) => sum + (value ? c.Figures.RevenueGoal : Fraction.FromInteger(c.Figures.LeadsNeeded)));
            var data = await SheetReader.ReadAsync(connection, agreement, cancel).ConfigureAwait(false);
            var arrivals = MarketingArrivals.Of(data, agreement, only);
            var handoffs = await Handoffs.ReadAsync(connection, periods[0].Start, end.End, only, cancel).ConfigureAwait(false) ?? [];
            var (speed, depth) = (Handoffs.Speed(handoffs), Handoffs.Depth(handoffs));

            var speedPromise = $"first touch within {agreement.Sales.Speed.Minutes} {(agreement.Sales.Speed.Clock == ClockKind.Working ? "working" : "wall-clock")} minutes";
            var depthPromise = "attempts on the cadence until reached";
            var columns = periods.Select(p =>
            {
                var delivered = arrivals.Where(a => p.Contains(a.Date)).Aggregate(Fraction.Zero, (sum, a) => sum + a.Worth);
                var handoffs = speed.Where(s => p.Contains(s.HandedOff)).ToList();
                var worked = depth.Where(s => p.Contains(s.HandedOff.InZone(zone).Date) && s.Clock.Final?.State is not (ClockState.Stopped or ClockState.Cancelled)).ToList();
                ScorecardLine[] lines =
                [
                    Scorecard.Marketing($"{goal.ToDecimal(0):N0} {(value ? "of lead value" : "leads")}", goal, delivered, agreement.Tolerance),
                    Scorecard.Sales("speed", speedPromise, handoffs.Count, handoffs.Count(s => s.WithinCommitment), agreement.Tolerance),
                    Scorecard.Sales("depth", depthPromise, worked.Count, worked.Count(s => s.Clock.StateAt(now) != ClockState.Breached), agreement.Tolerance),
                ];
                return (Period: p, Lines: lines);
            }).ToList();

            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new
                {
                    period = end.ToString(),
                    last = periods.Count,
                    segment = only,
                    tolerance = agreement.Tolerance.Band.ToString(),
                    periods = columns.Select(c => new
                    {
                        period = c.Period.ToString(),
                        lines = c.Lines.Select(l => new
                        {
                            team = l.Team == ScorecardTeam.Marketing ? "marketing" : "sales",
                            commitment = l.Commitment,
                            promise = l.Promise,
                            target = l.Target?.ToDecimal(6),
                            actual = l.Actual?.ToDecimal(6),
                            met = l.Met,
                        }),
                    }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"Scorecard {periods[0]} to {end}{(only is null ? "" : $", segment {only}")}: met within the band of {agreement.Tolerance}").ConfigureAwait(false);
            var table = new TextTable(["commitment", .. columns.Select(c => c.Period.ToString())]);
            for (var i = 0; i < 3; i++)
            {
                var first = columns[0].Lines[i];
                table.Row([$"{(first.Team == ScorecardTeam.Marketing ? "marketing" : "sales")}: {first.Promise}", .. columns.Select(c => Cell(c.Lines[i]))]);
            }
            table.Write(output);
            await output.WriteLineAsync("  Marketing: leads delivered (goal in brackets). Sales: share of the period's handoffs that kept the commitment; met from 100% - tolerance.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Cell(ScorecardLine line)
    {
        if (line.Met is null) return "-";
        var figure = line.Team == ScorecardTeam.Marketing
            ? $"{line.Actual!.Value.ToDecimal(0).ToString("N0", CultureInfo.InvariantCulture)} ({line.Target!.Value.ToDecimal(0).ToString("N0", CultureInfo.InvariantCulture)})"
            : (line.Actual!.Value * 100).ToDecimal(0).ToString("0", CultureInfo.InvariantCulture) + "%";
        return $"{(line.Met.Value ? "met" : "MISSED")} {figure}";
    }
}
