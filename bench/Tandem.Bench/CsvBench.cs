using System.Diagnostics;
using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Bench;

/// <summary>CSV import rows/s for leads and touches, next to the sqlite3 shell's .import of the same files into a bare table.</summary>
public static class CsvBench
{
    public static async Task RunAsync(BenchOptions options, DataSet data)
    {
        await Databases.WithFreshAsync(options.Engine, async target =>
        {
            await using var database = new TandemDatabase(target);
            await RunOnAsync(database, data);
        });
    }

    private static async Task RunOnAsync(TandemDatabase database, DataSet data)
    {
        await (await database.OpenAsync()).DisposeAsync();
        Console.WriteLine("| file | rows | Tandem import | rows/s | sqlite3 .import (bare table) | rows/s | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in new[] { ImportKind.Leads, ImportKind.Touches })
        {
            var request = new ImportRequest(kind, data.File(kind.Word()), ImportLayouts.Generic, new ImportContext("default", DateTimeZone.Utc, null));
            var clock = Stopwatch.StartNew();
            var summary = await CsvImporter.RunAsync(database, request);
            var seconds = clock.Elapsed.TotalSeconds;
            if (summary.Rejected > 0 || summary.Records.Inserted != summary.Rows) throw new InvalidOperationException($"{kind}: {summary.Rejected} rejected");
            var (floorSeconds, floorRows) = SqliteShellImport(data.File(kind.Word()));
            var rate = summary.Rows / seconds;
            var floorRate = floorRows / floorSeconds;
            Console.WriteLine($"| {kind.Word()}.csv | {summary.Rows:N0} | {seconds:0.00} s | {rate:N0} | {floorSeconds:0.00} s | {floorRate:N0} | {rate / floorRate:0.00} |");
        }
    }

    /// <summary>sqlite3's .import into a new bare table (no key, no index, no checks): the floor for writing these rows into SQLite.</summary>
    private static (double Seconds, long Rows) SqliteShellImport(string file)
    {
        var db = Path.Combine(Path.GetTempPath(), "tandem-bench", $"bare-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(db);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 is not installed (apt-get install sqlite3)");
        process.StandardInput.WriteLine(".mode csv");
        process.StandardInput.WriteLine($".import '{file}' bare");
        process.StandardInput.WriteLine("SELECT COUNT(*) FROM bare;");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        File.Delete(db);
        return (seconds, long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
