namespace Tandem.Cli.Tests;

public sealed class ReportSpeedCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-speed", Guid.NewGuid().ToString("N"));

    public ReportSpeedCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    [Fact]
    public async Task Speed_Json_WallAndWorkingMinutes_PerRepAndWeek()
    {
        // Monday-Friday 09:00-17:00 New York; 30 working minutes. A: handed off Monday 16:50, touched
        // Tuesday 09:10 (16 h 20 min wall, 20 working). B: Monday 10:00, touched 10:45 (45 and 45).
        // C: Monday 11:00, never touched.
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 1000\ndealSize: 100\ncloseRate: 10%\ncalendar:\n  timeZone: America/New_York\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-11-23T08:00:00-05:00,ann\nB,2026-11-23T08:00:00-05:00,bob\nC,2026-11-23T08:00:00-05:00,bob\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at,rep\nA,MQL,2026-11-23T16:50:00-05:00,ann\nB,MQL,2026-11-23T10:00:00-05:00,bob\nC,MQL,2026-11-23T11:00:00-05:00,bob\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep\nT1,A,call,2026-11-24T09:10:00-05:00,ann\nT2,B,email,2026-11-23T10:45:00-05:00,bob\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var json = (await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "json")).Json();

        var total = json.GetProperty("total");
        Assert.Equal((3, 2, 1, 1), (total.GetProperty("handoffs").GetInt32(), total.GetProperty("touched").GetInt32(), total.GetProperty("neverTouched").GetInt32(), total.GetProperty("within").GetInt32()));
        Assert.Equal(0.333333m, total.GetProperty("withinShare").GetDecimal());
        Assert.Equal((45, 980), (total.GetProperty("wall").GetProperty("median").GetInt32(), total.GetProperty("wall").GetProperty("p90").GetInt32()));
        Assert.Equal((20, 45), (total.GetProperty("working").GetProperty("median").GetInt32(), total.GetProperty("working").GetProperty("p90").GetInt32()));
        Assert.Equal(32.5m, total.GetProperty("working").GetProperty("average").GetDecimal());
        Assert.Equal(["ann", "bob"], json.GetProperty("reps").EnumerateArray().Select(r => r.GetProperty("rep").GetString()));
        Assert.Equal("2026-W48", json.GetProperty("byWeek")[0].GetProperty("week").GetString());
        Assert.Equal(30, json.GetProperty("commitment").GetProperty("minutes").GetInt32());
    }
}
