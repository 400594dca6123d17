using System.Text.Json;

namespace Tandem.Cli.Tests;

/// <summary>The result of one in-process run of the <c>tandem</c> command line.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TandemCli.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A run with <paramref name="input"/> as its standard input.</summary>
    public static async Task<CliRun> WithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await TandemCli.RunAsync(args, output, error, reader);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Error}");
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
