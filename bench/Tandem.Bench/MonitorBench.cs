using System.Diagnostics;
using Npgsql;
using Tandem.Data.Projection;
using Tandem.Data.Store;

namespace Tandem.Bench;

/// <summary>
/// The SLA monitor's pass on a database where nothing was written since the last one: what every
/// idle interval of the server costs. Runs <c>Projector.CatchUpAsync</c> on an existing, projected
/// database (<c>--keep FILE.db</c> or <c>--database CONNSTRING</c>) <c>--repeat</c> times, with the
/// real clock, and prints each pass's time and the clocks it found due. The first pass may find due
/// clocks (the time since the import); the later ones show what nothing-to-do costs.
/// </summary>
public static class MonitorBench
{
    public static async Task RunAsync(BenchOptions options)
    {
        var target = options.Database is { } connection
            ? new DatabaseTarget(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(connection).ConnectionString)
            : DatabaseTarget.SqliteFile(options.Keep ?? throw new InvalidOperationException("monitor needs --keep FILE.db or --database CONNSTRING (a projected database)"));
        await using var database = new TandemDatabase(target);
        await using var db = await database.OpenAsync();
        var times = new List<double>();
        Console.WriteLine("| pass | time | leads projected | clocks stored |");
        Console.WriteLine("|---:|---:|---:|---:|");
        for (var i = 1; i <= Math.Max(options.Repeat, 2); i++)
        {
            var watch = Stopwatch.StartNew();
            var pass = await Projector.CatchUpAsync(db, NodaTime.SystemClock.Instance.GetCurrentInstant());
            watch.Stop();
            if (i > 1) times.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"| {i} | {watch.Elapsed.TotalMilliseconds:0.0} ms | {pass?.Leads ?? 0:N0} | {pass?.Clocks ?? 0:N0} |");
        }
        times.Sort();
        Console.WriteLine($"# idle passes after the first: median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms");
    }
}
