using NodaTime;
using Tandem.Data.Demo;

namespace Tandem.Bench;

/// <summary>The demo generator's files for N leads, generated once into /tmp and reused.</summary>
public sealed record DataSet(string Folder)
{
    public static readonly Instant AsOf = Instant.FromUtc(2026, 11, 1, 0, 0);

    public string File(string kind) => Path.Combine(Folder, kind + ".csv");

    public static DataSet Ensure(int leads)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-bench", $"demo-{leads}");
        var done = Path.Combine(folder, ".complete");
        if (!System.IO.File.Exists(done))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var counts = DemoGenerator.Write(new DemoOptions(leads, 2026, AsOf), folder);
            System.IO.File.WriteAllText(done, "");
            Console.WriteLine($"# generated {counts.Leads:N0} leads, {counts.Touches:N0} touches, {counts.Stages:N0} stage changes in {clock.Elapsed.TotalSeconds:0.0} s into {folder}");
        }
        return new DataSet(folder);
    }
}
