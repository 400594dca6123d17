namespace Tandem.Cli.Tests;

public sealed class InitCommandTest : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tandem-init-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Init_WritesAStarterThatPlansTheSeedsExample()
    {
        var path = Path.Combine(_folder, "agreement.yaml");

        var init = await CliRun.Of("init", path);

        Assert.Equal(0, init.ExitCode);
        Assert.Contains(path, init.Output, StringComparison.Ordinal);
        var json = (await CliRun.Of("plan", "--agreement", path, "--format", "json")).Json();
        Assert.Equal(3978, json.GetProperty("leadsNeeded").GetInt64());
        Assert.Equal(250, json.GetProperty("customers").GetInt64());
    }

    [Fact]
    public async Task Init_StarterIsCommentedForAPerson()
    {
        var path = Path.Combine(_folder, "agreement.yaml");
        await CliRun.Of("init", path);

        var comments = File.ReadAllLines(path).Count(l => l.TrimStart().StartsWith('#'));

        Assert.True(comments >= 20, $"only {comments} comment lines");
    }

    [Fact]
    public async Task Init_ExistingFile_IsRefusedWithoutForce()
    {
        var path = Path.Combine(_folder, "agreement.yaml");
        await File.WriteAllTextAsync(path, "mine");

        var run = await CliRun.Of("init", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.Error, StringComparison.Ordinal);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Init_Force_Overwrites()
    {
        var path = Path.Combine(_folder, "agreement.yaml");
        await File.WriteAllTextAsync(path, "mine");

        var run = await CliRun.Of("init", path, "--force");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("schemaVersion", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_MissingFolder_IsAUsageError()
    {
        var run = await CliRun.Of("init", Path.Combine(_folder, "nope", "agreement.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_AgreementWithQuotaOverride_UsesTheFlag()
    {
        var path = Path.Combine(_folder, "agreement.yaml");
        await CliRun.Of("init", path);

        var json = (await CliRun.Of("plan", "--agreement", path, "--quota", "1000000", "--format", "json")).Json();

        Assert.Equal(7956, json.GetProperty("leadsNeeded").GetInt64());
        Assert.Equal(500, json.GetProperty("customers").GetInt64());
    }

    [Fact]
    public async Task Plan_InvalidAgreement_NamesFileLineAndField()
    {
        var path = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(path, "schemaVersion: 1\nname: Bad\nperiod: 2026-11\nquota: -5\ndealSize: 2000\nfunnel:\n  - stage: MQL\n    rate: 23\n");

        var run = await CliRun.Of("plan", "--agreement", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("bad.yaml:4", StringComparison.Ordinal) && l.Contains("quota", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("bad.yaml:8", StringComparison.Ordinal) && l.Contains("ambiguous", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
