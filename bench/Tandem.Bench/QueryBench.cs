using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Npgsql;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Deliverables;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Bench;

/// <summary>
/// The reads of <c>tandem sla status</c> and the Deliverables page timed in process, on an existing,
/// projected database (<c>--keep FILE.db</c> or <c>--database CONNSTRING</c>), so a figure says what
/// the query costs without the process start or the web stack around it. Each read runs once cold
/// (the first call of the process: JIT and a cold page cache) and <c>--repeat</c> times warm; the
/// periods are the last two whole months before now, as the pages bench asks for.
/// </summary>
public static class QueryBench
{
    public static async Task RunAsync(BenchOptions options)
    {
        var target = options.Database is { } connection
            ? new DatabaseTarget(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(connection).ConnectionString)
            : DatabaseTarget.SqliteFile(options.Keep ?? throw new InvalidOperationException("queries needs --keep FILE.db or --database CONNSTRING (a projected database)"));
        var watch = Stopwatch.StartNew();
        await using var database = new TandemDatabase(target);
        await using var db = await database.OpenAsync();
        Console.WriteLine($"# opened (migrations checked) in {watch.Elapsed.TotalMilliseconds:0.0} ms; load average {Load()}");
        watch.Restart();
        var stored = await AgreementStore.ActiveAsync(db) ?? throw new InvalidOperationException("no agreement is stored");
        var agreement = AgreementFile.Parse(stored.Content, "stored");
        Console.WriteLine($"# active agreement read and parsed in {watch.Elapsed.TotalMilliseconds:0.0} ms");

        var now = SystemClock.Instance.GetCurrentInstant();
        var zone = agreement.Calendar.Zone;
        var month = now.InZone(zone).Date;
        var latest = Period.Month(month.Year, month.Month).Plus(-1);
        Period[] periods = [latest, latest.Plus(-1)];
        var repeat = Math.Max(1, options.Repeat);

        Console.WriteLine("| read | cold | warm median | warm max | runs |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        await TimeAsync("sla status (running, warning; 50 listed)", repeat, () => StatusQuery.RunAsync(db, now, new HashSet<string> { "running", "warning" }, 50));
        foreach (var period in periods)
        {
            var (from, to) = (zone.AtStartOfDay(period.Start).ToInstant(), zone.AtStartOfDay(period.End).ToInstant());
            var name = period.ToString();
            await TimeAsync($"deliverables {name}: lines (DeliverableReader + scorecard)", repeat, async () =>
            {
                var records = await DeliverableReader.ReadAsync(db, agreement, from, to, now);
                return DeliverableScorecard.Lines(agreement.Deliverables, period.Start, period.End, agreement.Calendar, agreement.Tolerance, now, records);
            });
            await TimeAsync($"deliverables {name}: log (DeliverableLog.ReadAsync)", repeat, () => DeliverableLog.ReadAsync(db, from, to, zone));
            await TimeAsync($"deliverables {name}: names (DeliverableLog.NamesAsync)", repeat,
                () => DeliverableLog.NamesAsync(db, (now < to ? now : to) - Duration.FromDays(92), Instant.Max(to, now) + Duration.FromDays(1)));
        }
        // The daily digest for the period's last day, whole and read by read (issue 18's 2 s target for `digest send --daily --date`).
        var last = latest.End.PlusDays(-1);
        var (start, dayStart) = (zone.AtStartOfDay(latest.Start).ToInstant(), zone.AtStartOfDay(last).ToInstant());
        var asOf = Instant.Min(now, zone.AtStartOfDay(last.PlusDays(1)).ToInstant());
        await TimeAsync($"daily digest {last} (DigestBuilder.DailyAsync)", repeat, () => Tandem.Reports.DigestBuilder.DailyAsync(db, agreement, last, now));
        await TimeAsync("  pacing", repeat, () => PacingQuery.RunAsync(db, agreement, latest, last, null));
        await TimeAsync("  speed of the period", repeat, () => FollowUpQuery.SpeedAsync(db, latest, null));
        await TimeAsync("  speed up to the day", repeat, () => ReportFactsReader.SpeedAsync(db, latest.Start, last.PlusDays(1), null));
        await TimeAsync("  depth as of the day's end", repeat, () => FollowUpQuery.DepthAsync(db, latest, null, asOf));
        await TimeAsync("  breaches and warnings then (DigestClocks.AtAsync)", repeat, () => Tandem.Data.Notifications.DigestClocks.AtAsync(db, start, dayStart, asOf));
        await TimeAsync("  untimed handoffs", repeat, () => UntimedHandoffs.ReadAsync(db, latest.Start, last.PlusDays(1), null));
        Console.WriteLine($"# load average after: {Load()}");
    }

    private static async Task TimeAsync<T>(string name, int repeat, Func<Task<T>> read)
    {
        var cold = Stopwatch.StartNew();
        await read();
        cold.Stop();
        var warm = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await read();
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {cold.Elapsed.TotalMilliseconds:0.0} ms | {warm[warm.Count / 2]:0.0} ms | {warm[^1]:0.0} ms | {repeat} |"));
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
