using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Reps;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report speed</c>: time from handoff to first touch in a period, per day, week and rep, against the commitment.</summary>
public static class SpeedReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period of the handoffs (default: the current one, of the agreement's kind)." };
        var segment = new Option<string?>("--segment") { Description = "Only leads of this segment." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: true), ReportOutput.Out());
        var command = new Command("speed", "Speed to lead: minutes from handoff to first touch (average, median, 90th percentile), share within the commitment, leads never touched.") { period, segment, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); speed is measured against its commitment");
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, SystemClock.Instance.GetCurrentInstant());
            await DerivedData.WarnIfNeverBuiltAsync(connection, parse, cancel).ConfigureAwait(false);
            var result = await FollowUpQuery.SpeedAsync(connection, which, parse.GetValue(segment), cancel).ConfigureAwait(false);
            var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
            var commitment = agreement.Sales.Speed;
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                text => parse.GetValue(format) == FormatOption.Json ? WriteJsonAsync(text, result, agreement, names) : WriteTableAsync(text, result, agreement, names),
                () => ReportTables.Speed(result, names), () => ReportCharts.Speed(result, commitment.Minutes, commitment.Clock == ClockKind.Working)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(TextWriter output, SpeedResult r, Agreement agreement, RepNames names)
    {
        var commitment = agreement.Sales.Speed;
        var document = new
        {
            period = r.Period.ToString(),
            zone = agreement.Calendar.Zone.Id,
            segment = r.Segment,
            commitment = new { minutes = commitment.Minutes, clock = commitment.Clock == ClockKind.Working ? "working" : "wall" },
            // Nothing judged because no handoff's source has touch data: pending, and why, never 0% within.
            status = r.Total.Handoffs == 0 && r.Untimed.Count > 0 ? "pending" : null,
            reason = r.Total.Handoffs == 0 && r.Untimed.Count > 0 ? Tandem.Data.Analytics.UntimedHandoffs.ReasonFor(r.Untimed) : null,
            untimed = r.Untimed.Select(u => new { source = u.Source, handoffs = u.Handoffs, reason = u.Reason }),
            total = Json(r.Total),
            byDay = r.ByDay.Select(d => new { date = Date(d.Day), stats = Json(d.Stats) }),
            byWeek = r.ByWeek.Select(w => new { week = FollowUpQuery.WeekName(w.Monday), from = Date(w.Monday), stats = Json(w.Stats) }),
            reps = r.ByRep.Select(g => new { rep = g.Rep, repName = RepNameJson.Of(names, g.Rep), stats = Json(g.Stats) }),
        };
        return output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }

    private static async Task WriteTableAsync(TextWriter output, SpeedResult r, Agreement agreement, RepNames names)
    {
        var commitment = agreement.Sales.Speed;
        await output.WriteLineAsync($"Speed to lead, handoffs of {r.Period} ({agreement.Calendar.Zone.Id}); commitment: first touch within {commitment.Minutes} {(commitment.Clock == ClockKind.Working ? "working" : "wall-clock")} minutes").ConfigureAwait(false);
        if (FollowUpWords.Untimed(r.Untimed, r.Total.Handoffs) is { } untimed) await output.WriteLineAsync($"  {untimed}").ConfigureAwait(false);
        if (r.Total.Handoffs == 0 && r.Untimed.Count > 0) return;
        await output.WriteLineAsync($"  {FollowUpWords.SpeedSentence(r.Total, commitment)}").ConfigureAwait(false);
        var table = new TextTable("", "handoffs", "within", "never touched", "wall avg", "wall median", "wall p90", "working avg", "working median", "working p90");
        void Row(string name, SpeedStats s) => table.Row(name, s.Handoffs.ToString("N0", CultureInfo.InvariantCulture), ReportCells.Percent(s.WithinShare), s.NeverTouched.ToString("N0", CultureInfo.InvariantCulture),
            Min(s.WallAverage), Min(s.WallMedian), Min(s.WallP90), Min(s.WorkingAverage), Min(s.WorkingMedian), Min(s.WorkingP90));
        Row("Total", r.Total);
        foreach (var (monday, stats) in r.ByWeek) Row($"week {FollowUpQuery.WeekName(monday)}", stats);
        foreach (var (rep, stats) in r.ByRep) Row($"rep {names.Label(rep)}", stats);
        table.Write(output);
        await output.WriteLineAsync("  Minutes from handoff to first touch; untouched handoffs are counted apart, not in the times.").ConfigureAwait(false);
    }

    private static object Json(SpeedStats s) => new
    {
        handoffs = s.Handoffs,
        touched = s.Touched,
        neverTouched = s.NeverTouched,
        within = s.Within,
        withinShare = s.WithinShare?.ToDecimal(6),
        wall = new { average = s.WallAverage?.ToDecimal(2), median = s.WallMedian, p90 = s.WallP90 },
        working = new { average = s.WorkingAverage?.ToDecimal(2), median = s.WorkingMedian, p90 = s.WorkingP90 },
    };

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Min(Fraction? minutes) => ReportCells.Decimal1(minutes);

    private static string Min(long? minutes) => minutes is { } m ? ReportCells.Count(m) : "-";
}
