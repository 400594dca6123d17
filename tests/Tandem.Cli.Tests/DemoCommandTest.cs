namespace Tandem.Cli.Tests;

public class DemoCommandTest
{
    [Fact]
    public async Task Generate_WritesTheSixFiles_AndSaysWhatItWrote()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-demo-cli", Guid.NewGuid().ToString("N"));
        var run = (await CliRun.Of("demo", "generate", "--leads", "500", "--seed", "3", "--as-of", "2026-11-24", "--out", folder, "--format", "json")).Json();

        Assert.Equal(500, run.GetProperty("leads").GetInt32());
        Assert.Equal("2026-11-25T00:00:00+00:00", run.GetProperty("asOf").GetString());
        Assert.Equal(8, run.GetProperty("reps").GetInt32());
        foreach (var file in new[] { "agreement.yaml", "leads.csv", "stages.csv", "touches.csv", "deals.csv", "reps.csv" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Equal(run.GetProperty("touches").GetInt32() + 1, File.ReadAllLines(Path.Combine(folder, "touches.csv")).Length);
    }

    [Theory]
    [InlineData("--leads", "0", "--leads: must be at least 1")]
    [InlineData("--as-of", "yesterday", "--as-of: 'yesterday' is not a date")]
    [InlineData("--months", "3", "--months: must be 9 to 60")]
    public async Task Generate_BadFlags_AreOneLineExitTwo(string flag, string value, string message)
    {
        var run = await CliRun.Of("demo", "generate", "--out", Path.GetTempPath(), flag, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
