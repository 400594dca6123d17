namespace Tandem.Cli.Tests;

/// <summary>Every report refuses bad input in one line naming the option, with exit 2, and says when there is no agreement.</summary>
public sealed class ReportErrorsTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-report-errors", Guid.NewGuid().ToString("N"));

    public ReportErrorsTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db => Path.Combine(_folder, "t.db");

    [Theory]
    [InlineData("sheet")]
    [InlineData("pacing")]
    [InlineData("speed")]
    [InlineData("depth")]
    [InlineData("scorecard")]
    public async Task NoAgreement_Exit2_SaysWhatToDo(string report)
    {
        var run = await CliRun.Of("report", report, "--database", Db);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tandem agreement import FILE", run.Error, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines);
    }

    [Theory]
    [InlineData("--period", "sheet", "--period", "2026-13")]
    [InlineData("--period", "pacing", "--period", "Q5")]
    [InlineData("--period", "speed", "--period", "2026-13")]
    [InlineData("--period", "depth", "--period", "2026-13")]
    [InlineData("--at: 'soon' is not a time", "depth", "--at", "soon")]
    [InlineData("--period", "scorecard", "--period", "20266")]
    public async Task BadOption_Exit2_NamesIt(string message, params string[] args)
    {
        var file = Path.Combine(_folder, "agreement.yaml");
        await File.WriteAllTextAsync(file, "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 1000\ndealSize: 100\ncloseRate: 10%\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", file, "--database", Db)).ExitCode);

        var run = await CliRun.Of(["report", .. args, "--database", Db]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
