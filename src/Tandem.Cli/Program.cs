namespace Tandem.Cli;

/// <summary>The <c>tandem</c> executable.</summary>
public static class Program
{
    /// <summary>Runs one verb; exit 0 on success, 1 when some input rows were rejected, 2 on a usage or input error.</summary>
    public static async Task<int> Main(string[] args) =>
        await TandemCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
}
