using Tandem.Reports;

namespace Tandem.Cli.Tests;

/// <summary>
/// The headlines of <c>tandem report speed|depth</c>: speed's median and 90th percentile in working
/// and in wall-clock time, each labelled; depth judged at the end of the cadence's first step over
/// the leads old enough, with their count, or "not judged yet" while none is.
/// </summary>
public sealed class ReportHeadlinesCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-headlines", Guid.NewGuid().ToString("N"));

    public ReportHeadlinesCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>Cadence: 2 attempts within 7 days. A (ann) makes them; B (bob) one; C (bob) is reached on day 1; D (ann) is handed off on the 18th.</summary>
    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-10\nquota: 1000\ndealSize: 100\ncloseRate: 10%\nsales:\n  depth:\n    attempts: 4\n    cadence: [{ attempts: 2, within: 7 }, { attempts: 3, within: 14 }]\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-10-05T09:00:00Z,ann\nB,2026-10-05T09:00:00Z,bob\nC,2026-10-05T09:00:00Z,bob\nD,2026-10-18T09:00:00Z,ann\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-10-05T10:00:00Z\nB,MQL,2026-10-05T10:00:00Z\nC,MQL,2026-10-05T10:00:00Z\nD,MQL,2026-10-18T10:00:00Z\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep,outcome\nT1,A,call,2026-10-05T11:00:00Z,ann,no_answer\nT2,A,call,2026-10-07T11:00:00Z,ann,voicemail\nT3,B,email,2026-10-06T11:00:00Z,bob,\nT4,C,call,2026-10-06T11:00:00Z,bob,connected\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);
    }

    [Fact]
    public async Task Depth_IsJudgedAtTheEndOfTheFirstStep_OverTheLeadsOldEnough()
    {
        await SeedAsync();

        // On the 10th no lead is 7 days old: nothing is judged (D is not handed off yet, so not counted at all).
        var early = (await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-10T00:00:00Z", "--database", Db, "--format", "json")).Json().GetProperty("firstStep");
        Assert.Equal((2, 7, "calendar"), (early.GetProperty("step").GetProperty("attempts").GetInt32(), early.GetProperty("step").GetProperty("withinDays").GetInt32(), early.GetProperty("step").GetProperty("days").GetString()));
        var standing = early.GetProperty("standing");
        Assert.Equal("not-judged-yet", standing.GetProperty("status").GetString());
        Assert.Equal((3, 0, 3, 0), (standing.GetProperty("handoffs").GetInt32(), standing.GetProperty("oldEnough").GetInt32(), standing.GetProperty("younger").GetInt32(), standing.GetProperty("leads").GetInt32()));
        Assert.False(standing.TryGetProperty("onCadenceShare", out _));
        var earlyTable = await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-10T00:00:00Z", "--database", Db);
        Assert.Contains("Depth judged at 7 days (first step: 2 attempts within 7 days): not judged yet (3 leads younger than 7 days).", earlyTable.Output, StringComparison.Ordinal);

        // On the 20th: A kept the step, B did not, C was reached before it; D is younger.
        var json = (await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-20T00:00:00Z", "--database", Db, "--format", "json")).Json();
        var total = json.GetProperty("firstStep").GetProperty("standing");
        Assert.Equal("judged", total.GetProperty("status").GetString());
        Assert.Equal((4, 3, 1, 2, 1), (total.GetProperty("handoffs").GetInt32(), total.GetProperty("oldEnough").GetInt32(), total.GetProperty("younger").GetInt32(),
            total.GetProperty("leads").GetInt32(), total.GetProperty("onCadence").GetInt32()));
        Assert.Equal((0.5m, 1.5m, 2m), (total.GetProperty("onCadenceShare").GetDecimal(), total.GetProperty("averageAttempts").GetDecimal(), total.GetProperty("averageRequired").GetDecimal()));
        var bob = json.GetProperty("reps").EnumerateArray().Single(r => r.GetProperty("rep").GetString() == "bob").GetProperty("firstStep");
        Assert.Equal((2, 1, 0), (bob.GetProperty("oldEnough").GetInt32(), bob.GetProperty("leads").GetInt32(), bob.GetProperty("onCadence").GetInt32()));
        // The fields scripts read are still there.
        Assert.Equal(7, json.GetProperty("ages")[0].GetProperty("ageDays").GetInt32());

        var table = await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-20T00:00:00Z", "--database", Db);
        Assert.Contains("Depth judged at 7 days (first step: 2 attempts within 7 days): 50.0% on cadence, judged over 2 leads not reached by day 7, of 3 handed off at least 7 days ago; 1 younger than 7 days, not judged yet.", table.Output, StringComparison.Ordinal);
        Assert.Contains("Attempts by day 7: 1.5 on average; the first step asks 2.", table.Output, StringComparison.Ordinal);

        var csv = await CliRun.Of("report", "depth", "--period", "2026-10", "--at", "2026-10-20T00:00:00Z", "--database", Db, "--format", "csv");
        Assert.Contains("Total,,4,3,1,2,1.5,2,1,0.5", csv.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speed_ShowsMedianAndP90_InWorkingAndWallClockTime_EachLabelled()
    {
        await SeedAsync();

        var json = (await CliRun.Of("report", "speed", "--period", "2026-10", "--database", Db, "--format", "json")).Json().GetProperty("total");
        // Wall-clock: A waited 60 minutes, B and C 1,500; nearest rank: the median and the 90th percentile are 1,500.
        Assert.Equal((1500, 1500), (json.GetProperty("wall").GetProperty("median").GetInt32(), json.GetProperty("wall").GetProperty("p90").GetInt32()));
        var (working, workingP90) = (json.GetProperty("working").GetProperty("median").GetInt64(), json.GetProperty("working").GetProperty("p90").GetInt64());
        Assert.True(working < 1500, "working time leaves the night out");

        var table = (await CliRun.Of("report", "speed", "--period", "2026-10", "--database", Db)).Output;
        Assert.Contains($"median: {Figures.Minutes(working)} working time, 25 h 00 min wall-clock; 90th percentile: {Figures.Minutes(workingP90)} working time, 25 h 00 min wall-clock; 1 not touched yet.", table, StringComparison.Ordinal);
    }
}
