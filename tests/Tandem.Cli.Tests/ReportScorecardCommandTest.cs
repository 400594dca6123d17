using System.Text.Json;

namespace Tandem.Cli.Tests;

public sealed class ReportScorecardCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-score", Guid.NewGuid().ToString("N"));

    public ReportScorecardCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    [Fact]
    public async Task Scorecard_BothTeamsPeriodByPeriod()
    {
        // Goal 2 leads a month (quota 2,000 / deal 1,000 / 100%), wall-clock speed 30 minutes.
        // October: A and B delivered, both touched in 10 minutes: all met. November: only C, touched after an hour: both missed.
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-10\nquota: 2000\ndealSize: 1000\ncloseRate: 100%\nsales:\n  speed: { firstTouchWithin: 30 minutes, clock: wall }\n  depth: { attempts: 1, cadence: [{ attempts: 1, within: 7 }] }\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-10-05T09:00:00Z,ann\nB,2026-10-06T09:00:00Z,ann\nC,2026-11-05T09:00:00Z,ann\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-10-05T09:00:00Z\nB,MQL,2026-10-06T09:00:00Z\nC,MQL,2026-11-05T09:00:00Z\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep\nT1,A,call,2026-10-05T09:10:00Z,ann\nT2,B,call,2026-10-06T09:10:00Z,ann\nT3,C,call,2026-11-05T10:00:00Z,ann\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var json = (await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db, "--format", "json")).Json();

        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2026-10", "2026-11"], periods.Select(p => p.GetProperty("period").GetString()));
        bool Met(int period, string commitment) => periods[period].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == commitment).GetProperty("met").GetBoolean();
        Assert.True(Met(0, "leads") && Met(0, "speed") && Met(0, "depth"));
        Assert.False(Met(1, "leads"));
        Assert.False(Met(1, "speed"));
        Assert.True(Met(1, "depth")); // one attempt within 7 days: kept
        Assert.Equal(["missed", "missed", "met"], periods[1].GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()));
        var lead = periods[1].GetProperty("lines")[0];
        Assert.Equal(("marketing", 2m, 1m), (lead.GetProperty("team").GetString(), lead.GetProperty("target").GetDecimal(), lead.GetProperty("actual").GetDecimal()));

        // A manager excuses C's speed breach: it leaves the share (nothing left to judge) and is counted apart; reopened, it is missed again.
        async Task ActAsync(string action, string? reason)
        {
            await using var db = new Tandem.Data.Store.TandemDatabase(Tandem.Data.Store.DatabaseLocation.Resolve(Db));
            await using var connection = await db.OpenAsync(default);
            var at = NodaTime.SystemClock.Instance.GetCurrentInstant();
            await Tandem.Data.Clocks.BreachActions.AddAsync(connection, new Tandem.Data.Clocks.BreachAction(new("default", "C", 1, "speed"), action, reason, null, "manager", at));
        }
        JsonElement SpeedOfNovember(JsonElement scorecard) =>
            scorecard.GetProperty("periods")[1].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == "speed");
        await ActAsync("excuse", "the rep was at the customer's site");
        var excused = SpeedOfNovember((await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db, "--format", "json")).Json());
        Assert.Equal(1, excused.GetProperty("excused").GetInt64());
        Assert.False(excused.TryGetProperty("met", out _));
        Assert.False(excused.TryGetProperty("actual", out _));
        var table = await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db);
        Assert.Contains("pending (1 excused)", table.Output, StringComparison.Ordinal);
        Assert.Equal("pending", excused.GetProperty("status").GetString());
        await ActAsync("reopen", null);
        var reopened = SpeedOfNovember((await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db, "--format", "json")).Json());
        Assert.Equal((0L, false), (reopened.GetProperty("excused").GetInt64(), reopened.GetProperty("met").GetBoolean()));

        var bad = await CliRun.Of("report", "scorecard", "--last", "0", "--database", Db);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--last: must be 1 to 24", bad.Error, StringComparison.Ordinal);
    }
}
