using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report scorecard</c>: both teams' commitments, period by period: met or missed, and the period so far on track or not.</summary>
public static class ScorecardReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The last period shown (default: the current one, of the agreement's kind)." };
        var last = new Option<int>("--last") { Description = "How many periods, ending with --period (1 to 24, default 6).", DefaultValueFactory = _ => 6 };
        var segment = new Option<string?>("--segment") { Description = "Only this segment: its goal, its leads and their handoffs." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: false), ReportOutput.Out());
        var command = new Command("scorecard", "Every commitment of both teams, met or missed, side by side, period by period.") { period, last, segment, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(last) is < 1 or > 24) throw new CliUsageException($"--last: must be 1 to 24 periods (got {parse.GetValue(last)})");
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); the scorecard judges its commitments");
            var now = SlaCommand.Now();
            var end = ReportCells.PeriodOf(parse.GetValue(period), agreement, now);
            ScorecardResult result;
            try { result = await ScorecardQuery.RunAsync(connection, agreement, end, parse.GetValue(last), parse.GetValue(segment), now, cancel).ConfigureAwait(false); }
            catch (ArgumentException e) when (e.ParamName == "segment") { throw ReportCells.SegmentProblem(e); }
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                text => parse.GetValue(format) == FormatOption.Json ? WriteJsonAsync(text, result, agreement) : WriteTableAsync(text, result, agreement),
                () => ReportTables.Scorecard(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, ScorecardResult r, Agreement agreement)
    {
        var document = new
        {
            period = r.Periods[^1].Period.ToString(),
            last = r.Periods.Count,
            segment = r.Segment,
            tolerance = agreement.Tolerance.Band.ToString(),
            periods = r.Periods.Select(c => new
            {
                period = c.Period.ToString(),
                lines = c.Lines.Select(l => new
                {
                    team = l.Team == ScorecardTeam.Marketing ? "marketing" : "sales",
                    commitment = l.Commitment,
                    promise = l.Promise,
                    target = ScorecardFigures.Target(l, 6),
                    actual = ScorecardFigures.Actual(l, 6),
                    status = ScorecardStatus.Word(l.Status),
                    // Scripts read met as the period's verdict: a period still running has none.
                    met = l.Open ? null : l.Met,
                    reason = l.Reason,
                    window = l.ShortWindow is { } w ? new { from = Date(w.Start), through = Date(w.End.PlusDays(-1)), delivered = w.Delivered, required = ScorecardFigures.QuotaCount(l) } : null,
                    excused = l.Team == ScorecardTeam.Sales ? l.Excused : (long?)null,
                }),
            }),
        };
        return output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }

    private static async Task WriteTableAsync(TextWriter output, ScorecardResult r, Agreement agreement)
    {
        var columns = r.Periods;
        await output.WriteLineAsync($"Scorecard {columns[0].Period} to {columns[^1].Period}{(r.Segment is null ? "" : $", segment {r.Segment}")}: met within the band of {agreement.Tolerance}").ConfigureAwait(false);
        var table = new TextTable(["commitment", .. columns.Select(c => c.Period.ToString() + (c.Lines.Any(l => l.Open) ? " (so far)" : ""))]);
        for (var i = 0; i < columns[0].Lines.Count; i++)
        {
            var first = columns[0].Lines[i];
            table.Row([$"{(first.Team == ScorecardTeam.Marketing ? "marketing" : "sales")}: {first.Promise}", .. columns.Select(c => Cell(c.Lines[i]))]);
        }
        table.Write(output);
        foreach (var (period, lines) in columns)
            foreach (var line in lines.Where(l => l.Reason is not null))
                await output.WriteLineAsync($"  {period} {line.Commitment}: {ScorecardStatus.Word(line.Status)}, {line.Reason}.").ConfigureAwait(false);
        await output.WriteLineAsync("  Marketing: leads delivered (goal in brackets). Sales: share of the period's handoffs that kept the commitment; met from 100% - tolerance; excused breaches counted apart, out of the share.").ConfigureAwait(false);
        if (columns.Any(c => c.Lines.Any(l => l.Open)))
            await output.WriteLineAsync("  A period so far is judged against where it should be by today: on-track, at-risk (on track, but projected below the band), behind, or pending (nothing to judge yet); MISSED only once a window in it ended short.").ConfigureAwait(false);
        if (columns[0].Lines.Count > 3)
            await output.WriteLineAsync("  Content, campaigns, reports: delivered in the period's weeks, months or quarters (required in brackets); each window must reach its count. Use, follow-up, feedback, training: share of the period's items done in time; waiting items are not judged yet.").ConfigureAwait(false);
    }

    private static string Cell(ScorecardLine line)
    {
        var excused = line.Excused > 0 ? $" ({line.Excused} excused)" : "";
        var word = line.Status == LineStatus.Missed ? "MISSED" : ScorecardStatus.Word(line.Status);
        if (line.Actual is not { } actual || line.Target is not { } target) return word + excused;
        var figure = line.Measure == ScorecardMeasure.Count
            ? $"{actual.ToDecimal(0).ToString("N0", CultureInfo.InvariantCulture)} ({target.ToDecimal(0).ToString("N0", CultureInfo.InvariantCulture)})"
            : ScorecardFigures.Percent(actual, target);
        return $"{word} {figure}{excused}";
    }

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
