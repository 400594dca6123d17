using Tandem.Data.Projection;
using System.Diagnostics;
using DuckDB.NET.Data;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Bench;

/// <summary>
/// Report latency at scale: imports the demo set, builds the report facts, then times a month's
/// pacing, speed and depth for one segment, warm and in process (what the server does per request);
/// then a catch-up after new touches arrive; then, for reference, the same month's figures by DuckDB
/// with plain SQL over the same raw rows.
/// </summary>
public static class ReportBench
{
    private const int Runs = 30;
    private const int Warmup = 60;

    public static async Task RunAsync(BenchOptions options, DataSet data)
    {
        if (options.Keep is { Length: > 0 } keep)
        {
            // Reruns of the read path skip the import: the file keeps the data and facts of the first run.
            var imported = File.Exists(keep);
            await using var kept = new TandemDatabase(DatabaseTarget.SqliteFile(Path.GetFullPath(keep)));
            await RunOnAsync(kept, data, import: !imported, reference: !options.Flags.Contains("--no-reference"));
            return;
        }
        await Databases.WithFreshAsync(options.Engine, async target =>
        {
            await using var database = new TandemDatabase(target);
            await RunOnAsync(database, data, import: true);
        });
    }

    private static async Task RunOnAsync(TandemDatabase database, DataSet data, bool import, bool reference = true)
    {
        var clock = Stopwatch.StartNew();
        if (import) await ImportAsync(database, data, clock);
        await ReadAsync(database, data, clock, reference);
    }

    private static async Task ImportAsync(TandemDatabase database, DataSet data, Stopwatch clock)
    {
        await using (var connection = await database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "demo", "2026-10", await File.ReadAllTextAsync(Path.Combine(data.Folder, "agreement.yaml")), DataSet.AsOf.ToUnixTimeMilliseconds() - 1);
        foreach (var kind in new[] { ImportKind.Reps, ImportKind.Leads, ImportKind.Stages, ImportKind.Touches })
        {
            var summary = await CsvImporter.RunAsync(database, new ImportRequest(kind, data.File(kind.Word()), ImportLayouts.Generic, new ImportContext("default", DateTimeZone.Utc, null)));
            Console.WriteLine($"# imported {summary.Rows:N0} {kind.Word()} ({clock.Elapsed.TotalSeconds:0} s)");
        }
    }

    private static async Task ReadAsync(TandemDatabase database, DataSet data, Stopwatch clock, bool reference)
    {
        await using var db = await database.OpenAsync();
        clock.Restart();
        var built = await Projector.CatchUpAsync(db, SystemClock.Instance.GetCurrentInstant());
        Console.WriteLine($"# report facts built: {built!.Handoffs:N0} handoffs, {built.Arrivals:N0} arrivals from {built.Leads:N0} leads in {clock.Elapsed.TotalSeconds:0.0} s");

        var agreement = AgreementFile.Parse(await File.ReadAllTextAsync(Path.Combine(data.Folder, "agreement.yaml")), "demo");
        var month = Period.Parse("2026-10", "month");
        var segment = agreement.Plan.Segments[1].Name;
        var asOf = Instant.FromUtc(2026, 11, 1, 0, 0);
        Console.WriteLine($"| report ({month}, segment {segment}) | rows read | median | p90 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        await TimeAsync("pacing", async () => (await PacingQuery.RunAsync(db, agreement, month, month.End.PlusDays(-1), segment)).Line.Count);
        await TimeAsync("speed", async () => (int)(await FollowUpQuery.SpeedAsync(db, month, segment)).Total.Handoffs);
        await TimeAsync("depth", async () => (await FollowUpQuery.DepthAsync(db, month, segment, asOf)).Handoffs);
        await TimeAsync("speed: the rollup's read alone", async () => (await ReportFactsReader.SpeedAsync(db, month.Start, month.End, segment)).Count);
        await TimeAsync("depth: the rollup's read alone", async () => (int)(await ReportFactsReader.DepthAsync(db, month.Start, month.End, segment, asOf)).Handoffs());
        await TimeAsync("speed, all segments", async () => (int)(await FollowUpQuery.SpeedAsync(db, month, null)).Total.Handoffs);

        // New data: 1,000 touches on 1,000 October leads, then the catch-up a monitor pass or report runs.
        var run = SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds(); // new touch keys on every run, also on a kept database
        await using (var tx = await db.BeginTransactionAsync())
        {
            var rows = Enumerable.Range(0, 1000).Select(i => new object?[] { "default", $"bench-{run}-{i}", $"L{800_000 + i * 37:0000000}", "rep-01", "call", Instant.FromUtc(2026, 10, 20, 15, 0).ToUnixTimeMilliseconds(), "connected" }).ToList();
            await UpsertWriter.WriteAsync(tx, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], rows, SystemClock.Instance.GetCurrentInstant().ToUnixTimeMilliseconds());
            await tx.CommitAsync();
        }
        clock.Restart();
        var caught = await Projector.CatchUpAsync(db, SystemClock.Instance.GetCurrentInstant());
        Console.WriteLine($"# catch-up after 1,000 new touches: {caught!.Leads:N0} leads refreshed in {clock.Elapsed.TotalMilliseconds:0} ms");
        clock.Restart();
        caught = await Projector.CatchUpAsync(db, SystemClock.Instance.GetCurrentInstant());
        Console.WriteLine($"# catch-up with nothing written since the last ({caught!.Leads:N0} leads refreshed): {clock.Elapsed.TotalMilliseconds:0} ms");

        if (reference) await DuckDbReferenceAsync(db, month, segment);
    }

    private static async Task TimeAsync(string name, Func<Task<int>> run)
    {
        var rows = 0;
        // Warm as a server is after a few minutes: enough calls for the JIT to finish its optimised tier.
        for (var i = 0; i < Warmup; i++) rows = await run();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| {name} | {rows:N0} | {times[Runs / 2]:0.0} ms | {times[Runs * 9 / 10]:0.0} ms | {times[^1]:0.0} ms |");
    }

    /// <summary>
    /// DuckDB over the same raw rows, copied in: the month's daily arrivals of the segment, speed
    /// (wall-clock minutes from the first MQL to the first touch after it; no calendars) and depth
    /// at 7 days (attempts on leads not connected by then). Plain SQL, approximations of Tandem's
    /// rules, as a reference for what a columnar engine does with the raw rows.
    /// </summary>
    private static async Task DuckDbReferenceAsync(System.Data.Common.DbConnection source, Period month, string segment)
    {
        var clock = Stopwatch.StartNew();
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, "CREATE TABLE leads (id VARCHAR, segment VARCHAR, lead_type VARCHAR); CREATE TABLE stages (lead_id VARCHAR, stage VARCHAR, ts BIGINT); CREATE TABLE touches (lead_id VARCHAR, ts BIGINT, outcome VARCHAR)");
        await CopyAsync(source, duck, "SELECT id, segment, lead_type FROM leads", "leads", 3);
        await CopyAsync(source, duck, "SELECT lead_id, stage, at FROM stage_changes", "stages", 3);
        await CopyAsync(source, duck, "SELECT lead_id, at, outcome FROM touches", "touches", 3);
        Console.WriteLine($"# DuckDB {duck.ServerVersion}: raw rows copied in {clock.Elapsed.TotalSeconds:0} s");
        var (from, to) = (month.Start.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["America/New_York"]).ToInstant().ToUnixTimeMilliseconds(),
            month.End.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["America/New_York"]).ToInstant().ToUnixTimeMilliseconds());
        var handoffs = $"SELECT s.lead_id, MIN(s.ts) AS handed FROM stages s JOIN leads l ON l.id = s.lead_id WHERE s.stage = 'MQL' AND l.segment = '{segment}' GROUP BY s.lead_id HAVING MIN(s.ts) >= {from} AND MIN(s.ts) < {to}";
        var queries = new (string Name, string Sql)[]
        {
            ("pacing (daily arrivals)", $"SELECT COUNT(*) FROM (SELECT CAST(to_timestamp(handed / 1000) AT TIME ZONE 'America/New_York' AS DATE) AS day, COUNT(*) FROM ({handoffs}) GROUP BY day)"),
            ("speed (avg, median, p90)", $"SELECT COUNT(*), AVG(m), quantile_disc(m, 0.5), quantile_disc(m, 0.9) FROM (SELECT h.lead_id, (MIN(t.ts) - h.handed) // 60000 AS m FROM ({handoffs}) h LEFT JOIN touches t ON t.lead_id = h.lead_id AND t.ts >= h.handed GROUP BY h.lead_id, h.handed)"),
            ("depth (7 days)", $"SELECT COUNT(*), AVG(n) FROM (SELECT h.lead_id, COUNT(t.ts) AS n, BOOL_OR(t.outcome IN ('connected', 'replied')) AS reached FROM ({handoffs}) h LEFT JOIN touches t ON t.lead_id = h.lead_id AND t.ts >= h.handed AND t.ts < h.handed + 7 * 86400000 GROUP BY h.lead_id) WHERE reached IS NOT TRUE"),
        };
        Console.WriteLine("| DuckDB reference | median | p90 | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, sql) in queries)
        {
            for (var i = 0; i < 3; i++) Scalar(duck, sql);
            var times = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                var timer = Stopwatch.StartNew();
                Scalar(duck, sql);
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {name} | {times[Runs / 2]:0.0} ms | {times[Runs * 9 / 10]:0.0} ms | {times[^1]:0.0} ms |");
        }
    }

    private static async Task CopyAsync(System.Data.Common.DbConnection source, DuckDBConnection duck, string select, string table, int columns)
    {
        await using var command = source.CreateCommand();
        command.CommandText = select;
        await using var reader = await command.ExecuteReaderAsync();
        using var appender = duck.CreateAppender(table);
        while (await reader.ReadAsync())
        {
            var row = appender.CreateRow();
            for (var i = 0; i < columns; i++)
            {
                if (reader.IsDBNull(i)) row.AppendNullValue();
                else if (reader.GetFieldType(i) == typeof(long)) row.AppendValue(reader.GetInt64(i));
                else row.AppendValue(reader.GetString(i));
            }
            row.EndRow();
        }
    }

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
