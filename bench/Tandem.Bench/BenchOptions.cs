using System.Globalization;

namespace Tandem.Bench;

/// <summary>The benchmark's command line.</summary>
/// <param name="Keep">SQLite file to keep the imported data in and reuse on the next run (reports, pages), or null for a fresh, dropped database.</param>
public sealed record BenchOptions(string Mode, int Leads, string Engine, int Batch, string? Keep, IReadOnlySet<string> Flags)
{
    /// <summary>pages: a PostgreSQL database to import into and serve (a connection string), or null for a fresh one.</summary>
    public string? Database { get; init; }

    /// <summary>A folder of demo CSVs to use instead of the generated set, or null.</summary>
    public string? Data { get; init; }

    /// <summary>pages: timed requests per page, period and segment (and runs per read verb).</summary>
    public int Repeat { get; init; } = 5;

    /// <summary>pages: untimed requests before them, per page, period and segment.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>pages: seconds before a page request is given up.</summary>
    public int Timeout { get; init; } = 300;

    /// <summary>pages: seconds before a read verb is given up.</summary>
    public int VerbTimeout { get; init; } = 900;

    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback)
        {
            var i = Array.IndexOf(args, flag);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        string? Optional(string flag) => Array.IndexOf(args, flag) >= 0 ? Value(flag, "") : null;
        int Number(string flag, string fallback) => int.Parse(Value(flag, fallback), CultureInfo.InvariantCulture);

        return new BenchOptions(
            args.Length > 0 ? args[0] : "csv",
            Number("--leads", "1000000"),
            Value("--engine", "sqlite"),
            Number("--batch", "1000"),
            Optional("--keep"),
            args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet())
        {
            Database = Optional("--database"),
            Data = Optional("--data"),
            Repeat = Number("--repeat", "5"),
            Warmup = Number("--warmup", "1"),
            Timeout = Number("--timeout", "300"),
            VerbTimeout = Number("--verb-timeout", "900"),
        };
    }
}
