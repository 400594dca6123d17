using System.Diagnostics;

namespace Tandem.Cli.Tests;

/// <summary>Runs the real <c>./tandem</c> launcher at the repository root, as a user would.</summary>
public class LauncherTest
{
    [Fact]
    public async Task Launcher_PlanExample_PrintsTheFunnelTable()
    {
        var (code, output, error) = await Run("plan", "--example");

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("3,978", output, StringComparison.Ordinal);
        Assert.Contains("MQL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_UserError_ExitsTwoWithOneLine()
    {
        var (code, output, error) = await Run("plan", "--quota", "0", "--deal-size", "10", "--close-rate", "20%");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--quota", line, StringComparison.Ordinal);
    }

    private static async Task<(int, string, string)> Run(params string[] args)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "tandem")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
