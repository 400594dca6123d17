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

    /// <summary>Every command that takes an agreement file runs on the starter as written, and the starter imported is active (no signatories named).</summary>
    [Fact]
    public async Task Init_EveryCommandTakingAnAgreement_RunsOnTheStarter()
    {
        var path = Path.Combine(_folder, "tandem-agreement.yaml");
        var db = Path.Combine(_folder, "tandem.db");
        var leads = Path.Combine(_folder, "leads.csv");
        await File.WriteAllTextAsync(leads, "source,id,created_at\ncrm,L1,2026-11-02T10:00:00Z\n");
        Assert.Equal(0, (await CliRun.Of("init", path)).ExitCode);

        string[][] runs =
        [
            ["plan", "--agreement", path],
            ["plan", "--agreement", path, "--daily"],
            ["capacity", "--agreement", path, "--database", db],
            ["recalibrate", "--agreement", path, "--for", "2026-12", "--database", db],
            ["report", "sheet", "--agreement", path, "--database", db],
            ["report", "pacing", "--agreement", path, "--period", "2026-11", "--database", db],
            ["calendar", "due", "--agreement", path, "--from", "2026-11-02T16:45", "--minutes", "30"],
            ["calendar", "between", "--agreement", path, "--from", "2026-11-02T16:45", "--to", "2026-11-03T09:30"],
            ["import", "leads", leads, "--agreement", path, "--database", db, "--dry-run"],
        ];
        foreach (var args in runs)
        {
            var run = await CliRun.Of(args);
            Assert.True(run.ExitCode == 0, $"tandem {string.Join(' ', args)}: exit {run.ExitCode}: {run.Error}");
        }
        var capacity = (await CliRun.Of("capacity", "--agreement", path, "--database", db, "--format", "json")).Json();
        Assert.Equal("agreement", capacity.GetProperty("source").GetString());
        Assert.Equal(10, capacity.GetProperty("minutesPerAttempt").GetDecimal());

        var imported = (await CliRun.Of("agreement", "import", path, "--database", db, "--format", "json")).Json();
        Assert.Equal("active", imported.GetProperty("status").GetString());
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
