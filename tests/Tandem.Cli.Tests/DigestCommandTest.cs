namespace Tandem.Cli.Tests;

public sealed class DigestCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-digest", Guid.NewGuid().ToString("N"));

    public DigestCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 1000\ndealSize: 100\ncloseRate: 10%\ncalendar:\n  timeZone: America/New_York\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-11-23T08:00:00-05:00,ann\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-11-23T10:00:00-05:00\n");
        // A touch, so the source has touch data and its handoff is judged (UntimedSourceCommandTest covers one without).
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep,outcome\nT1,A,call,2026-11-23T10:20:00-05:00,ann,no_answer\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);
    }

    [Fact]
    public async Task DryRun_PrintsTheDigest_AndQueuesNothing()
    {
        await SeedAsync();
        var run = await CliRun.Of("digest", "send", "--daily", "--date", "2026-11-23", "--dry-run", "--database", Db);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Tandem daily digest for 2026-11-23", run.Output, StringComparison.Ordinal);
        Assert.Contains("2026-11-23: 1 handoffs", run.Output, StringComparison.Ordinal);
        Assert.Contains("pacing.png", run.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was queued", run.Output, StringComparison.Ordinal);
        Assert.Contains("[]", (await CliRun.Of("notifications", "list", "--database", Db, "--format", "json")).Output, StringComparison.Ordinal);

        var period = await CliRun.Of("digest", "send", "--period", "--of", "2026-11", "--dry-run", "--database", Db);
        Assert.True(period.ExitCode == 0, period.Error);
        Assert.Contains("Recalibration proposal for 2026-12", period.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_QueuesOnce_ForConfiguredOrGivenRecipients()
    {
        await SeedAsync();
        Assert.Equal(0, (await CliRun.Of("digest", "set", "daily", "--to", "a@example.com,b@example.com", "--at", "07:30", "--database", Db)).ExitCode);
        var list = (await CliRun.Of("digest", "list", "--database", Db, "--format", "json")).Json();
        Assert.Equal("07:30", list[0].GetProperty("at").GetString());
        Assert.Equal(2, list[0].GetProperty("to").GetArrayLength());

        var first = await CliRun.Of("digest", "send", "--daily", "--date", "2026-11-23", "--database", Db);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Queued the daily digest for 2026-11-23 to a@example.com, b@example.com", first.Output, StringComparison.Ordinal);
        var again = await CliRun.Of("digest", "send", "--daily", "--date", "2026-11-23", "--database", Db);
        Assert.Contains("already queued", again.Output, StringComparison.Ordinal);
        var other = await CliRun.Of("digest", "send", "--daily", "--date", "2026-11-23", "--to", "c@example.com", "--database", Db);
        Assert.Contains("Queued", other.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to: 'nope' is not an e-mail address", "digest", "send", "--daily", "--to", "nope")]
    [InlineData("--daily or --period", "digest", "send", "--daily", "--period", "--dry-run")]
    [InlineData("--daily or --period", "digest", "send", "--dry-run")]
    [InlineData("--of: is for --period", "digest", "send", "--daily", "--of", "2026-11", "--dry-run")]
    [InlineData("--date: 'x' is not a date", "digest", "send", "--daily", "--date", "x", "--dry-run")]
    [InlineData("--to: no recipients given and none configured", "digest", "send", "--period")]
    [InlineData("--at: '25:00' is not a time of day", "digest", "set", "daily", "--to", "a@example.com", "--at", "25:00")]
    public async Task Errors_NameTheOption(string message, params string[] args)
    {
        await SeedAsync();
        var run = await CliRun.Of([.. args, "--database", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
