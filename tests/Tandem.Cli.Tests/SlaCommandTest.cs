using System.Text.Json;

namespace Tandem.Cli.Tests;

public sealed class SlaCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-sla", Guid.NewGuid().ToString("N"));

    public SlaCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>L1 handed to ann and touched in time; L2 handed to bob, never touched; L3 disqualified.</summary>
    private async Task SeedAsync()
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
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,lead_type,segment,owner\nL1,2026-11-23T09:00:00-05:00,Ebook,SMB,ann\nL2,2026-11-23T09:00:00-05:00,Ebook,SMB,bob\nL3,2026-11-23T09:00:00-05:00,Ebook,SMB,ann\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at,rep\nL1,MQL,2026-11-23T10:00:00-05:00,ann\nL2,MQL,2026-11-23T10:00:00-05:00,bob\nL3,MQL,2026-11-23T10:00:00-05:00,ann\nL3,Disqualified,2026-11-23T10:05:00-05:00,\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep,outcome\nT1,L1,call,2026-11-23T10:10:00-05:00,ann,no_answer\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);
    }

    [Fact]
    public async Task Status_Json_CountsAndListsTheOpenClocksSoonestFirst()
    {
        await SeedAsync();

        var json = (await CliRun.Of("sla", "status", "--at", "2026-11-23T10:26:00-05:00", "--database", Db, "--zone", "America/New_York", "--format", "json")).Json();

        Assert.Equal("2026-11-23T10:26:00-05:00", json.GetProperty("at").GetString());
        var speed = json.GetProperty("counts").GetProperty("speed");
        Assert.Equal((1, 1, 1), (speed.GetProperty("warning").GetInt32(), speed.GetProperty("met").GetInt32(), speed.GetProperty("stopped").GetInt32()));
        var clocks = json.GetProperty("clocks").EnumerateArray().ToList();
        // Warnings first: L2's speed clock (24 of 30 minutes gone), then the running depth clocks by their next change.
        Assert.Equal(("L2", "speed", "warning"), (clocks[0].GetProperty("lead").GetString(), clocks[0].GetProperty("commitment").GetString(), clocks[0].GetProperty("state").GetString()));
        Assert.Equal("2026-11-23T10:30:00-05:00", clocks[0].GetProperty("due").GetString());
        Assert.Equal("breached", clocks[0].GetProperty("next").GetProperty("state").GetString());
        Assert.Equal("bob", clocks[0].GetProperty("rep").GetString());
        Assert.All(clocks, c => Assert.True(c.GetProperty("state").GetString() is "running" or "warning"));
    }

    /// <summary>Reads never derive: a database whose clocks were never built is said so, and tandem sla refresh builds them with its counts.</summary>
    [Fact]
    public async Task Reads_OnADatabaseNeverProjected_SaySo_UntilRefresh()
    {
        await SeedAsync();
        // As a database from before the projector: migration 0015 forgets the old watermarks.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM service_state WHERE name = 'projector_watermark'";
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }
        foreach (var verb in new[] { new[] { "sla", "status" }, ["report", "speed", "--period", "2026-11"] })
        {
            var stale = await CliRun.Of([.. verb, "--database", Db]);
            Assert.Equal(0, stale.ExitCode);
            Assert.Contains("have not been built yet", stale.Error, StringComparison.Ordinal);
            Assert.Contains("run tandem sla refresh", stale.Error, StringComparison.Ordinal);
        }

        // Three leads, each handed off (L3 before it was disqualified) and arrived at MQL.
        var refresh = (await CliRun.Of("sla", "refresh", "--database", Db, "--format", "json")).Json();
        Assert.Equal((3, 3, 3), (refresh.GetProperty("leads").GetInt32(), refresh.GetProperty("handoffs").GetInt32(), refresh.GetProperty("arrivals").GetInt32()));
        Assert.DoesNotContain("have not been built", (await CliRun.Of("sla", "status", "--database", Db)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StateFilter_AndTable()
    {
        await SeedAsync();

        var breached = (await CliRun.Of("sla", "status", "--at", "2026-11-23T11:00:00-05:00", "--state", "breached", "--database", Db, "--format", "json")).Json();
        Assert.Equal(["L2"], breached.GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("lead").GetString()));

        var table = await CliRun.Of("sla", "status", "--at", "2026-11-23T11:00:00-05:00", "--database", Db);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("commitment  running  warning  breached  met  stopped  cancelled", table.Output, StringComparison.Ordinal);
        Assert.Contains("L1", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_SaysWhatAppliedAndWhereItStands()
    {
        await SeedAsync();

        var run = await CliRun.Of("sla", "explain", "L2", "--at", "2026-11-23T10:26:00-05:00", "--database", Db, "--zone", "America/New_York");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Handoff 1: to bob at 2026-11-23T10:00:00-05:00.", run.Output, StringComparison.Ordinal);
        Assert.Contains("the agreement's default terms", run.Output, StringComparison.Ordinal);
        Assert.Contains("America/New_York, Mon-Fri 09:00-17:00", run.Output, StringComparison.Ordinal);
        Assert.Contains("due within 30 minutes of working time, by 2026-11-23T10:30:00-05:00", run.Output, StringComparison.Ordinal);
        Assert.Contains("No touch yet.", run.Output, StringComparison.Ordinal);
        Assert.Contains("WARNING since 2026-11-23T10:24:00-05:00: it can still be saved; breached at 2026-11-23T10:30:00-05:00", run.Output, StringComparison.Ordinal);

        var stopped = (await CliRun.Of("sla", "explain", "L3", "--database", Db, "--format", "json")).Json();
        var handoff = stopped.GetProperty("handoffs")[0];
        Assert.Equal("stopped", handoff.GetProperty("speed").GetProperty("state").GetString());
        Assert.False(handoff.GetProperty("speed").TryGetProperty("next", out _)); // a final clock has no next change
    }

    [Fact]
    public async Task Errors_UnknownLead_NoAgreement_BadTime()
    {
        await SeedAsync();
        var unknown = await CliRun.Of("sla", "explain", "L9", "--database", Db);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no lead 'L9' in source 'default'", unknown.Error, StringComparison.Ordinal);

        var bad = await CliRun.Of("sla", "status", "--at", "soon", "--database", Db);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--at: 'soon' is not a time", bad.Error, StringComparison.Ordinal);

        var empty = await CliRun.Of("sla", "status", "--database", PathOf("empty.db"));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no agreement is stored", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_SaysWhatItDid()
    {
        await SeedAsync();
        var json = (await CliRun.Of("sla", "refresh", "--database", Db, "--format", "json")).Json();
        Assert.Equal((3, 6), (json.GetProperty("leads").GetInt32(), json.GetProperty("clocks").GetInt32()));
    }
}
