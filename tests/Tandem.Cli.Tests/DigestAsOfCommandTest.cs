namespace Tandem.Cli.Tests;

/// <summary>Issue 20: a daily digest for a past date counts what was true on that date, the period "so far" up to it.</summary>
public sealed class DigestAsOfCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-digest-asof", Guid.NewGuid().ToString("N"));

    public DigestAsOfCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    [Fact]
    public async Task DailyDigest_ForADate_CountsHandoffsDepthAndBreachesAsOfThatDate()
    {
        // May 2026, wall-clock speed of 30 minutes (warning at 80%), one attempt within 7 days.
        // A (4 May) touched in 5 minutes; B (11 May) after two hours: breached at 10:30; D (20 May 23:32)
        // touched the next morning: about to breach at the end of the 20th, breached at 00:02 on the 21st;
        // C (25 May) never touched: breached at 10:30 that day.
        await File.WriteAllTextAsync(PathOf("agreement.yaml"),
            "schemaVersion: 1\nname: SLA\nperiod: 2026-05\nquota: 1000\ndealSize: 100\ncloseRate: 10%\n" +
            "sales:\n  speed: { firstTouchWithin: 30 minutes, clock: wall }\n  depth: { attempts: 1, cadence: [{ attempts: 1, within: 7 }] }\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-05-04T10:00:00Z,ann\nB,2026-05-11T10:00:00Z,ann\nC,2026-05-25T10:00:00Z,ann\nD,2026-05-20T23:32:00Z,ann\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-05-04T10:00:00Z\nB,MQL,2026-05-11T10:00:00Z\nC,MQL,2026-05-25T10:00:00Z\nD,MQL,2026-05-20T23:32:00Z\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep\nT1,A,call,2026-05-04T10:05:00Z,ann\nT2,B,call,2026-05-11T12:00:00Z,ann\nT3,D,call,2026-05-21T08:00:00Z,ann\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var twentieth = await CliRun.Of("digest", "send", "--daily", "--date", "2026-05-20", "--dry-run", "--database", Db);

        Assert.True(twentieth.ExitCode == 0, twentieth.Error);
        // Three handoffs by the 20th, not the month's four; one of three within the commitment, truncated toward its verdict.
        Assert.Contains("2026-05 so far, to 2026-05-20: 3 handoffs, 33.3% within the commitment (needs 90.0%).", twentieth.Output, StringComparison.Ordinal);
        // Depth only of the handoffs that old by the 20th's end: A and B at 7 days, A at 14, none at 30.
        Assert.Contains("Not reached after 7 days: 2 leads", twentieth.Output, StringComparison.Ordinal);
        Assert.Contains("Not reached after 14 days: 1 leads", twentieth.Output, StringComparison.Ordinal);
        Assert.Contains("Not reached after 30 days: none of 2026-05's handoffs is 30 days old on 2026-05-20.", twentieth.Output, StringComparison.Ordinal);
        // B's breach only, and D about to breach at midnight.
        Assert.Contains("2026-05 so far, to 2026-05-20: 1 clocks breached, 0 of them on 2026-05-20; 1 about to breach at the end of 2026-05-20.", twentieth.Output, StringComparison.Ordinal);
        Assert.Contains("Subject: Tandem daily 2026-05-20: 2026-05 pacing", twentieth.Output, StringComparison.Ordinal);

        // C's depth clock (7 days from 25 May 10:00) warns from the 31st's first half hour.
        var last = await CliRun.Of("digest", "send", "--daily", "--date", "2026-05-31", "--dry-run", "--database", Db);
        Assert.Contains("2026-05 so far, to 2026-05-31: 4 handoffs, 25.0% within the commitment (needs 90.0%).", last.Output, StringComparison.Ordinal);
        Assert.Contains("2026-05 so far, to 2026-05-31: 3 clocks breached, 0 of them on 2026-05-31; 1 about to breach at the end of 2026-05-31.", last.Output, StringComparison.Ordinal);
        var eleventh = await CliRun.Of("digest", "send", "--daily", "--date", "2026-05-11", "--dry-run", "--database", Db);
        Assert.Contains("1 clocks breached, 1 of them on 2026-05-11", eleventh.Output, StringComparison.Ordinal);
        Assert.Contains("Not reached after 14 days: none of 2026-05's handoffs is 14 days old on 2026-05-11.", eleventh.Output, StringComparison.Ordinal);
    }
}
