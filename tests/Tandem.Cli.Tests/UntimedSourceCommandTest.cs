using System.Text.Json;

namespace Tandem.Cli.Tests;

/// <summary>
/// Judge only what the data can judge (issue 20) on the command line: a source with no touch in the
/// store (as Olist's funnel) has its handoffs neither clocked nor judged; sla status, report speed,
/// report depth, report scorecard (table and JSON) and the digests say "no touch data from SOURCE",
/// pending, never breached, missed or 0% kept. A store where another source has touches judges
/// that one and says how many handoffs were left out.
/// </summary>
public sealed class UntimedSourceCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-untimed", Guid.NewGuid().ToString("N"));

    public UntimedSourceCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>Two olist leads handed off on 23 November 2026 and never touched (olist has no touch at all); with <paramref name="web"/>, a web lead handed off and touched in time.</summary>
    private async Task SeedAsync(bool web)
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), """
            schemaVersion: 1
            name: SLA
            period: 2026-11
            quota: 500000
            dealSize: 2000
            closeRate: 20%
            calendar:
              timeZone: America/New_York
            sales:
              speed: { firstTouchWithin: 30 minutes }
            """);
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,lead_type,segment,owner\nO1,2026-11-23T09:00:00-05:00,Ebook,SMB,ann\nO2,2026-11-23T09:00:00-05:00,Ebook,SMB,bob\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at,rep\nO1,MQL,2026-11-23T10:00:00-05:00,ann\nO2,MQL,2026-11-23T10:00:00-05:00,bob\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--source", "olist", "--database", Db)).ExitCode);
        if (!web) return;
        await File.WriteAllTextAsync(PathOf("web-leads.csv"), "id,created_at,lead_type,segment,owner\nW1,2026-11-23T09:00:00-05:00,Ebook,SMB,ann\n");
        await File.WriteAllTextAsync(PathOf("web-stages.csv"), "lead_id,stage,changed_at,rep\nW1,MQL,2026-11-23T10:00:00-05:00,ann\n");
        await File.WriteAllTextAsync(PathOf("web-touches.csv"), "id,lead_id,channel,touched_at,rep,outcome\nT1,W1,call,2026-11-23T10:10:00-05:00,ann,no_answer\n");
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"web-{kind}.csv"), "--source", "web", "--database", Db)).ExitCode);
    }

    [Fact]
    public async Task ASourceWithoutTouches_IsPendingWithItsReason_Everywhere_NeverBreachedOrMissed()
    {
        await SeedAsync(web: false);

        // sla status: no clock in any state; the handoffs not clocked, and why.
        var status = (await CliRun.Of("sla", "status", "--at", "2026-11-25T12:00:00-05:00", "--state", "breached", "--database", Db, "--format", "json")).Json();
        Assert.All(status.GetProperty("counts").EnumerateObject().SelectMany(c => c.Value.EnumerateObject()), s => Assert.Equal(0, s.Value.GetInt32()));
        Assert.Empty(status.GetProperty("clocks").EnumerateArray());
        var untimed = status.GetProperty("untimed").EnumerateArray().Single();
        Assert.Equal(("olist", 2, "pending", "no touch data from olist"),
            (untimed.GetProperty("source").GetString(), untimed.GetProperty("handoffs").GetInt32(), untimed.GetProperty("status").GetString(), untimed.GetProperty("reason").GetString()));
        var table = await CliRun.Of("sla", "status", "--at", "2026-11-25T12:00:00-05:00", "--state", "breached", "--database", Db);
        Assert.Contains("Not clocked: 2 handoffs from olist, no touch data from olist (pending: speed and depth cannot be judged)", table.Output, StringComparison.Ordinal);
        Assert.Contains("No clock is breached.", table.Output, StringComparison.Ordinal);

        // sla explain: the handoff, its rep and calendar, and why no clock runs; never BREACHED.
        var explain = await CliRun.Of("sla", "explain", "O2", "--source", "olist", "--at", "2026-11-25T12:00:00-05:00", "--database", Db);
        Assert.True(explain.ExitCode == 0, explain.Error);
        Assert.Contains("Speed and depth: pending, no touch data from olist: with no touch of olist stored, neither can be judged, so no clock runs and nothing breaches.", explain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BREACHED", explain.Output, StringComparison.Ordinal);
        var handoff = (await CliRun.Of("sla", "explain", "O2", "--source", "olist", "--database", Db, "--format", "json")).Json().GetProperty("handoffs")[0];
        Assert.Equal(("bob", "pending", "no touch data from olist"), (handoff.GetProperty("rep").GetString(), handoff.GetProperty("status").GetString(), handoff.GetProperty("reason").GetString()));
        Assert.False(handoff.TryGetProperty("speed", out _));

        // The speed and depth reports: pending with the reason, no figure to misread.
        foreach (var report in new[] { "speed", "depth" })
        {
            var json = (await CliRun.Of("report", report, "--period", "2026-11", "--database", Db, "--format", "json")).Json();
            Assert.Equal(("pending", "no touch data from olist"), (json.GetProperty("status").GetString(), json.GetProperty("reason").GetString()));
            Assert.Equal(2, json.GetProperty("untimed").EnumerateArray().Single().GetProperty("handoffs").GetInt32());
            var text = await CliRun.Of("report", report, "--period", "2026-11", "--database", Db);
            Assert.True(text.ExitCode == 0, text.Error);
            Assert.Contains("No verdict: no touch data from olist (2 handoffs).", text.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("0.0%", text.Output, StringComparison.Ordinal);
        }

        // The scorecard: sales' lines pending with the reason, in JSON and the table; never missed.
        var scorecard = (await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "1", "--database", Db, "--format", "json")).Json();
        var sales = scorecard.GetProperty("periods")[0].GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("team").GetString() == "sales").ToList();
        Assert.Equal(2, sales.Count);
        foreach (var line in sales)
        {
            Assert.Equal(("pending", "no touch data from olist"), (line.GetProperty("status").GetString(), line.GetProperty("reason").GetString()));
            Assert.False(line.TryGetProperty("actual", out _));
            Assert.False(line.TryGetProperty("met", out _));
        }
        var card = await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "1", "--database", Db);
        Assert.Contains("2026-11 speed: pending, no touch data from olist.", card.Output, StringComparison.Ordinal);
        Assert.Contains("2026-11 depth: pending, no touch data from olist.", card.Output, StringComparison.Ordinal);
        // Marketing's lead goal is missed (two leads of 1,250): a verdict the data can support. Sales' rows are not.
        Assert.All(card.Output.Split('\n').Where(l => l.TrimStart().StartsWith("sales:", StringComparison.Ordinal)), l => Assert.DoesNotContain("MISSED", l, StringComparison.Ordinal));

        // The digests: the daily one says it instead of a share; the period one gives the lines' reason.
        var daily = await CliRun.Of("digest", "send", "--daily", "--date", "2026-11-23", "--dry-run", "--database", Db);
        Assert.True(daily.ExitCode == 0, daily.Error);
        Assert.Contains("2026-11 so far, to 2026-11-23: No verdict: no touch data from olist (2 handoffs).", daily.Output, StringComparison.Ordinal);
        Assert.Contains("speed not judged (no touch data)", daily.Output, StringComparison.Ordinal);
        Assert.Contains("0 clocks breached", daily.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0%", daily.Output, StringComparison.Ordinal);
        var period = await CliRun.Of("digest", "send", "--period", "--of", "2026-11", "--dry-run", "--database", Db);
        Assert.True(period.ExitCode == 0, period.Error);
        Assert.Contains("Sales, first touch within 30 working minutes: no verdict; no touch data from olist.", period.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kept it", period.Output, StringComparison.Ordinal);
        Assert.All(period.Output.Split('\n').Where(l => l.Contains("Sales,", StringComparison.Ordinal)), l => Assert.DoesNotContain("MISSED", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMixedStore_JudgesTheSourceWithTouches_AndSaysHowManyWereLeftOut()
    {
        await SeedAsync(web: true);

        var speed = (await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "json")).Json();
        Assert.False(speed.TryGetProperty("status", out _));
        Assert.Equal((1, 1), (speed.GetProperty("total").GetProperty("handoffs").GetInt32(), speed.GetProperty("total").GetProperty("within").GetInt32()));
        Assert.Equal("no touch data from olist", speed.GetProperty("untimed")[0].GetProperty("reason").GetString());
        var text = await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db);
        Assert.Contains("Left out: 2 handoffs, no touch data from olist.", text.Output, StringComparison.Ordinal);
        Assert.Contains("1 handoffs, 100.0% first touched within", text.Output, StringComparison.Ordinal);

        var scorecard = (await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "1", "--database", Db, "--format", "json")).Json();
        var line = scorecard.GetProperty("periods")[0].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == "speed");
        Assert.Equal(("met", "2 handoffs left out, no touch data from olist"), (line.GetProperty("status").GetString(), line.GetProperty("reason").GetString()));

        var status = (await CliRun.Of("sla", "status", "--at", "2026-11-25T12:00:00-05:00", "--database", Db, "--format", "json")).Json();
        Assert.Equal(1, status.GetProperty("counts").GetProperty("speed").GetProperty("met").GetInt32());
        Assert.Equal(0, status.GetProperty("counts").GetProperty("speed").GetProperty("breached").GetInt32());
        Assert.Equal("olist", status.GetProperty("untimed")[0].GetProperty("source").GetString());
    }
}
