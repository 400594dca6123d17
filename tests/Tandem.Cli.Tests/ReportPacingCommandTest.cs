namespace Tandem.Cli.Tests;

public sealed class ReportPacingCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-pacing", Guid.NewGuid().ToString("N"));

    public ReportPacingCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>A goal of 300 leads in November (quota 300,000 / deal 1,000 / 100%); 10 leads a day on the 1st to the 10th.</summary>
    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 300000\ndealSize: 1000\ncloseRate: 100%\ncalendar:\n  timeZone: America/New_York\n");
        var rows = Enumerable.Range(1, 10).SelectMany(day => Enumerable.Range(0, 10).Select(i => $"L{day}-{i},2026-11-{day:00}T12:00:00-05:00"));
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\n" + string.Join("\n", rows) + "\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        var run = await CliRun.Of("import", "leads", PathOf("leads.csv"), "--database", Db);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task Pacing_Json_OnTrackWithAProjection()
    {
        await SeedAsync();

        var json = (await CliRun.Of("report", "pacing", "--period", "2026-11", "--as-of", "2026-11-10", "--database", Db, "--format", "json")).Json();

        var total = json.GetProperty("total");
        Assert.Equal((300m, 100m, 100m), (total.GetProperty("goal").GetDecimal(), total.GetProperty("actual").GetDecimal(), total.GetProperty("line").GetDecimal()));
        Assert.Equal("on-track", total.GetProperty("status").GetString());
        Assert.Equal(10m, total.GetProperty("dailyRateNeeded").GetDecimal());
        Assert.Equal(300m, total.GetProperty("projection").GetProperty("expected").GetDecimal()); // no history before November: a flat week
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal(100m, days[9].GetProperty("actual").GetDecimal());
        Assert.False(days[10].TryGetProperty("actual", out _));
        Assert.Equal(300m, days[29].GetProperty("goal").GetDecimal());
    }

    [Fact]
    public async Task Pacing_BehindLaterInTheMonth_AndErrors()
    {
        await SeedAsync();
        var json = (await CliRun.Of("report", "pacing", "--period", "2026-11", "--as-of", "2026-11-20", "--database", Db, "--format", "json")).Json();
        Assert.Equal("behind", json.GetProperty("total").GetProperty("status").GetString()); // 100 against a line of 200
        Assert.Equal(20m, json.GetProperty("total").GetProperty("dailyRateNeeded").GetDecimal());

        var bad = await CliRun.Of("report", "pacing", "--as-of", "tomorrow", "--database", Db);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--as-of: 'tomorrow' is not a date", bad.Error, StringComparison.Ordinal);
        var segment = await CliRun.Of("report", "pacing", "--segment", "Mars", "--database", Db);
        Assert.Equal(2, segment.ExitCode);
        Assert.Contains("--segment: 'Mars' is not a segment", segment.Error, StringComparison.Ordinal);
    }
}
