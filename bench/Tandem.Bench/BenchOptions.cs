namespace Tandem.Bench;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchOptions(string Mode, int Leads, string Engine, int Batch)
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
            int.Parse(Value("--batch", "1000"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
