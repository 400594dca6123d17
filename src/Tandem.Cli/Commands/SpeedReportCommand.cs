using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Calendars;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report speed</c>: time from handoff to first touch in a period, per day, week and rep, against the commitment.</summary>
public static class SpeedReportCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period of the handoffs (default: the current one, of the agreement's kind)." };
        var segment = new Option<string?>("--segment") { Description = "Only leads of this segment." };
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("speed", "Speed to lead: minutes from handoff to first touch (average, median, 90th percentile), share within the commitment, leads never touched.") { period, segment, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(null, connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("no agreement is stored (tandem agreement import FILE); speed is measured against its commitment");
            var zone = agreement.Calendar.Zone;
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, SystemClock.Instance.GetCurrentInstant());
            await ReportCatchUp.RunAsync(connection, cancel).ConfigureAwait(false);
            var samples = (await ReportFactsReader.HandoffsAsync(connection, which.Start, which.End, parse.GetValue(segment), cancel).ConfigureAwait(false)).Select(h => h.Speed).ToList();
            var weeks = samples.GroupBy(s => WeekStart(s.HandedOff)).OrderBy(g => g.Key).ToList();
            var reps = samples.GroupBy(s => s.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
            var commitment = agreement.Sales.Speed;
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new
                {
                    period = which.ToString(),
                    zone = zone.Id,
                    segment = parse.GetValue(segment),
                    commitment = new { minutes = commitment.Minutes, clock = commitment.Clock == Domain.Agreements.ClockKind.Working ? "working" : "wall" },
                    total = Json(SpeedReport.Stats(samples)),
                    byDay = samples.GroupBy(s => s.HandedOff).OrderBy(g => g.Key).Select(g => new { date = Date(g.Key), stats = Json(SpeedReport.Stats([.. g])) }),
                    byWeek = weeks.Select(g => new { week = Week(g.Key), from = Date(g.Key), stats = Json(SpeedReport.Stats([.. g])) }),
                    reps = reps.Select(g => new { rep = g.Key, stats = Json(SpeedReport.Stats([.. g])) }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"Speed to lead, handoffs of {which} ({zone.Id}); commitment: first touch within {commitment.Minutes} {(commitment.Clock == Domain.Agreements.ClockKind.Working ? "working" : "wall-clock")} minutes").ConfigureAwait(false);
            var table = new TextTable("", "handoffs", "within", "never touched", "wall avg", "wall median", "wall p90", "working avg", "working median", "working p90");
            void Row(string name, SpeedStats s) => table.Row(name, s.Handoffs.ToString("N0", CultureInfo.InvariantCulture), ReportCells.Percent(s.WithinShare), s.NeverTouched.ToString("N0", CultureInfo.InvariantCulture),
                Min(s.WallAverage), Min(s.WallMedian), Min(s.WallP90), Min(s.WorkingAverage), Min(s.WorkingMedian), Min(s.WorkingP90));
            Row("Total", SpeedReport.Stats(samples));
            foreach (var g in weeks) Row($"week {Week(g.Key)}", SpeedReport.Stats([.. g]));
            foreach (var g in reps) Row($"rep {g.Key}", SpeedReport.Stats([.. g]));
            table.Write(output);
            await output.WriteLineAsync("  Minutes from handoff to first touch; untouched handoffs are counted apart, not in the times.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
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

    private static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    private static string Week(LocalDate monday) =>
        $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):00}";

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Min(Fraction? minutes) => ReportCells.Decimal1(minutes);

    private static string Min(long? minutes) => minutes is { } m ? ReportCells.Count(m) : "-";
}
