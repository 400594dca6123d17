namespace Tandem.Bench;

/// <summary>The benchmark's command line.</summary>
/// <param name="Keep">SQLite file to keep the imported data in and reuse on the next run (reports only), or null for a fresh, dropped database.</param>
public sealed record BenchOptions(string Mode, int Leads, string Engine, int Batch, string? Keep, IReadOnlySet<string> Flags)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string flag, string fallback)
        {
            var i = Array.IndexOf(args, flag);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new BenchOptions(
            args.Length > 0 ? args[0] : "csv",
            int.Parse(Value("--leads", "1000000"), System.Globalization.CultureInfo.InvariantCulture),
            Value("--engine", "sqlite"),
            int.Parse(Value("--batch", "1000"), System.Globalization.CultureInfo.InvariantCulture),
            Array.IndexOf(args, "--keep") >= 0 ? Value("--keep", "") : null,
            args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet());
    }
}
