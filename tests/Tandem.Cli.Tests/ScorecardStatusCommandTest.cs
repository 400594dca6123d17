using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tandem.Cli.Tests;

/// <summary>
/// Issue 20 on the command line: every scorecard line has a status; a month over is met or missed,
/// the month in progress is judged so far (no `met` in JSON), a quota window that ended short is
/// named, and a share below its target never prints as equal to it (table, JSON, CSV).
/// </summary>
public sealed class ScorecardStatusCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-status", Guid.NewGuid().ToString("N"));

    public ScorecardStatusCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    private static string Month(DateTime d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task ImportAsync(string agreement, params (string Kind, string Text)[] files)
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), agreement);
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var (kind, text) in files)
        {
            await File.WriteAllTextAsync(PathOf(kind + ".csv"), text);
            var run = await CliRun.Of("import", kind, PathOf(kind + ".csv"), "--database", Db);
            Assert.True(run.ExitCode == 0, $"{kind}: {run.Error}");
        }
    }

    [Fact]
    public async Task LastMonthIsMetOrMissed_TheMonthInProgressSoFar_AndAWeekThatEndedShortIsNamed()
    {
        // Goal 2 leads a month and a report a week; last month both leads came and were touched in
        // 10 minutes, and no report was delivered. This month nothing has come yet.
        var now = DateTime.UtcNow;
        var previous = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1);
        string At(int day, int minute = 0) => previous.AddDays(day - 1).AddHours(9).AddMinutes(minute).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await ImportAsync(
            $"schemaVersion: 1\nname: SLA\nperiod: {Month(previous)}\nquota: 2000\ndealSize: 1000\ncloseRate: 100%\n" +
            "sales:\n  speed: { firstTouchWithin: 30 minutes, clock: wall }\n  depth: { attempts: 1, cadence: [{ attempts: 1, within: 7 }] }\n" +
            "deliverables:\n  reports:\n    deliver: { count: 1, per: week }\n",
            ("leads", $"id,created_at,owner\nA,{At(5)},ann\nB,{At(6)},ann\n"),
            ("stages", $"lead_id,stage,changed_at\nA,MQL,{At(5)}\nB,MQL,{At(6)}\n"),
            ("touches", $"id,lead_id,channel,touched_at,rep\nT1,A,call,{At(5, 10)},ann\nT2,B,call,{At(6, 10)},ann\n"));

        var json = (await CliRun.Of("report", "scorecard", "--last", "2", "--database", Db, "--format", "json")).Json();

        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal([Month(previous), Month(now)], periods.Select(p => p.GetProperty("period").GetString()));
        JsonElement Line(int period, string commitment) => periods[period].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == commitment);
        foreach (var commitment in new[] { "leads", "speed", "depth" })
            Assert.Equal(("met", true), (Line(0, commitment).GetProperty("status").GetString(), Line(0, commitment).GetProperty("met").GetBoolean()));

        // Last month's weeks each needed a report: missed, naming the first week that ended short.
        var reports = Line(0, "reports");
        Assert.Equal(("missed", false), (reports.GetProperty("status").GetString(), reports.GetProperty("met").GetBoolean()));
        var window = reports.GetProperty("window");
        var from = DateTime.Parse(window.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((DayOfWeek.Monday, 7, 0, 1), (from.DayOfWeek, (DateTime.Parse(window.GetProperty("through").GetString()!, CultureInfo.InvariantCulture) - from).Days + 1,
            window.GetProperty("delivered").GetInt32(), window.GetProperty("required").GetInt32()));
        Assert.Equal($"the week {window.GetProperty("from").GetString()} to {window.GetProperty("through").GetString()} ended with 0 of 1", reports.GetProperty("reason").GetString());

        // This month runs: no verdict (no met), judged so far. Nothing delivered is behind the goal line from day 1; no handoff yet is pending.
        var lines = periods[1].GetProperty("lines").EnumerateArray().ToList();
        Assert.All(lines, l => Assert.False(l.TryGetProperty("met", out _), l.ToString()));
        Assert.Equal("behind", Line(1, "leads").GetProperty("status").GetString());
        Assert.Equal(("pending", "pending"), (Line(1, "speed").GetProperty("status").GetString(), Line(1, "depth").GetProperty("status").GetString()));
        // This month's reports are missed only if a week ending in it has already ended short, and then it says which.
        var thisMonth = Line(1, "reports");
        var endedShort = thisMonth.GetProperty("status").GetString() == "missed";
        Assert.Equal(endedShort, thisMonth.TryGetProperty("window", out var week));
        if (endedShort) Assert.True(DateTime.Parse(week.GetProperty("through").GetString()!, CultureInfo.InvariantCulture) < now.Date);
        else Assert.True(thisMonth.GetProperty("status").GetString() is "on-track" or "behind", thisMonth.ToString());

        var table = await CliRun.Of("report", "scorecard", "--last", "2", "--database", Db);
        Assert.Contains($"{Month(now)} (so far)", table.Output, StringComparison.Ordinal);
        Assert.Contains("met 2 (2)", table.Output, StringComparison.Ordinal);
        Assert.Contains("met 100.0%", table.Output, StringComparison.Ordinal);
        Assert.Contains("behind 0 (2)", table.Output, StringComparison.Ordinal);
        Assert.Contains($"  {Month(previous)} reports: missed, {reports.GetProperty("reason").GetString()}.", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISSED 0 (2)", table.Output, StringComparison.Ordinal);

        // A month not begun is pending, and says so.
        var next = (await CliRun.Of("report", "scorecard", "--period", Month(now.AddMonths(1)), "--last", "1", "--database", Db, "--format", "json")).Json();
        var leads = next.GetProperty("periods")[0].GetProperty("lines")[0];
        Assert.Equal(("pending", $"{Month(now.AddMonths(1))} has not begun"), (leads.GetProperty("status").GetString(), leads.GetProperty("reason").GetString()));

        var csv = await CliRun.Of("report", "scorecard", "--last", "2", "--database", Db, "--format", "csv");
        Assert.StartsWith("period,team,commitment,promise,target,actual,status,met,excused,reason", csv.Output, StringComparison.Ordinal);
        Assert.Contains($"{Month(previous)},sales,speed,first touch within 30 wall-clock minutes,0.9,1,met,met,0,", csv.Output, StringComparison.Ordinal);
        Assert.Contains($"{Month(now)},marketing,leads,2 leads,2,0,behind,,,", csv.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShareBelowItsTarget_NeverPrintsAsEqualToIt()
    {
        // January 2026: 2,000 handoffs, 1,799 touched within 30 minutes: 89.95%, which rounds half up to 90.0% against 90%.
        var leads = new StringBuilder("id,created_at,owner\n");
        var stages = new StringBuilder("lead_id,stage,changed_at\n");
        var touches = new StringBuilder("id,lead_id,channel,touched_at,rep\n");
        var start = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 2000; i++)
        {
            var at = start.AddMinutes(7 * i);
            string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            leads.Append(CultureInfo.InvariantCulture, $"L{i},{Time(at)},ann\n");
            stages.Append(CultureInfo.InvariantCulture, $"L{i},MQL,{Time(at)}\n");
            touches.Append(CultureInfo.InvariantCulture, $"T{i},L{i},call,{Time(at.AddMinutes(i < 1799 ? 5 : 45))},ann\n");
        }
        await ImportAsync("schemaVersion: 1\nname: SLA\nperiod: 2026-01\nquota: 2000\ndealSize: 1000\ncloseRate: 100%\nsales:\n  speed: { firstTouchWithin: 30 minutes, clock: wall }\n",
            ("leads", leads.ToString()), ("stages", stages.ToString()), ("touches", touches.ToString()));

        var table = await CliRun.Of("report", "scorecard", "--period", "2026-01", "--last", "1", "--database", Db);
        Assert.Contains("MISSED 89.9%", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("90.0%", table.Output, StringComparison.Ordinal);

        var speed = (await CliRun.Of("report", "scorecard", "--period", "2026-01", "--last", "1", "--database", Db, "--format", "json")).Json()
            .GetProperty("periods")[0].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == "speed");
        Assert.Equal((0.9m, 0.8995m, "missed", false), (speed.GetProperty("target").GetDecimal(), speed.GetProperty("actual").GetDecimal(), speed.GetProperty("status").GetString(), speed.GetProperty("met").GetBoolean()));

        var csv = await CliRun.Of("report", "scorecard", "--period", "2026-01", "--last", "1", "--database", Db, "--format", "csv");
        Assert.Contains("2026-01,sales,speed,first touch within 30 wall-clock minutes,0.9,0.899,missed,missed,0,", csv.Output, StringComparison.Ordinal);
    }
}
