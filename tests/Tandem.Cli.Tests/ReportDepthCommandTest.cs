namespace Tandem.Cli.Tests;

public sealed class ReportDepthCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-depth", Guid.NewGuid().ToString("N"));

    public ReportDepthCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    [Fact]
    public async Task Depth_Json_PerAgeAndRep()
    {
        // Cadence: 2 attempts within 7 days. A (ann): 2 attempts in the first week. B (bob): one. C (bob): reached on day 1.
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-10\nquota: 1000\ndealSize: 100\ncloseRate: 10%\nsales:\n  depth:\n    attempts: 4\n    cadence: [{ attempts: 2, within: 7 }]\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-10-05T09:00:00Z,ann\nB,2026-10-05T09:00:00Z,bob\nC,2026-10-05T09:00:00Z,bob\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-10-05T10:00:00Z\nB,MQL,2026-10-05T10:00:00Z\nC,MQL,2026-10-05T10:00:00Z\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep,outcome\nT1,A,call,2026-10-05T11:00:00Z,ann,no_answer\nT2,A,call,2026-10-07T11:00:00Z,ann,voicemail\nT3,B,email,2026-10-06T11:00:00Z,bob,\nT4,C,call,2026-10-06T11:00:00Z,bob,connected\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var json = (await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-20T00:00:00Z", "--database", Db, "--format", "json")).Json();

        Assert.Equal(3, json.GetProperty("handoffs").GetInt32());
        var week = json.GetProperty("ages")[0];
        Assert.Equal((7, 2), (week.GetProperty("ageDays").GetInt32(), week.GetProperty("leads").GetInt32()));
        Assert.Equal((1.5m, 2m, 4m), (week.GetProperty("averageAttempts").GetDecimal(), week.GetProperty("averageRequired").GetDecimal(), week.GetProperty("averageTarget").GetDecimal()));
        Assert.Equal(0.5m, week.GetProperty("onCadenceShare").GetDecimal());
        Assert.Equal(0, json.GetProperty("ages")[2].GetProperty("leads").GetInt32()); // nobody 30 days old by Oct 20
        var bob = json.GetProperty("reps").EnumerateArray().Single(r => r.GetProperty("rep").GetString() == "bob");
        Assert.Equal(1, bob.GetProperty("ages")[0].GetProperty("leads").GetInt32());
    }
}
