using System.Text.Json;

namespace Tandem.Cli.Tests;

/// <summary>The deliverable commitments on the command line: imported with tandem import, judged by tandem report scorecard (table, JSON, CSV).</summary>
public sealed class DeliverablesCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-deliverables", Guid.NewGuid().ToString("N"));

    public DeliverablesCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    private async Task SetUpAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), """
            schemaVersion: 1
            name: SLA
            period: 2026-10
            quota: 2000
            dealSize: 1000
            closeRate: 100%
            deliverables:
              content:
                pieces:
                  - { kind: blog post, count: 2, per: month }
              campaigns:
                followUp: { within: 48 hours }
              reports:
                deliver: { count: 1, per: month }
                feedback: { within: 7 days }

            """);
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        (string Kind, string Text)[] files =
        [
            ("content", "id,kind,published_at\nP1,blog post,2026-10-05T10:00:00Z\nP2,Blog Post,2026-10-20T10:00:00Z\nP3,blog post,2026-11-03T10:00:00Z\n"),
            ("campaign-leads", "campaign_id,lead_id,responded_at\nC1,A,2026-11-02T10:00:00Z\n"),
            ("touches", "id,lead_id,channel,touched_at\nT1,A,call,2026-11-05T10:00:00Z\n"),
            ("reports", "id,title,delivered_at\nR1,October,2026-11-02T08:00:00Z\n"),
            ("report-feedback", "id,report_id,given_at,rep\nF1,R1,2026-11-04T08:00:00Z,ann\n"),
        ];
        foreach (var (kind, text) in files)
        {
            await File.WriteAllTextAsync(PathOf(kind + ".csv"), text);
            var run = await CliRun.Of("import", kind, PathOf(kind + ".csv"), "--database", Db);
            Assert.True(run.ExitCode == 0, $"{kind}: {run.Error}");
        }
    }

    [Fact]
    public async Task Scorecard_ShowsALinePerDeliverableCommitment_InTheSameShape()
    {
        await SetUpAsync();

        var json = (await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db, "--format", "json")).Json();

        JsonElement Line(int period, string commitment) =>
            json.GetProperty("periods")[period].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("commitment").GetString() == commitment);
        var october = Line(0, "content/blog post");
        Assert.Equal(("marketing", "blog post: 2 a month", 2m, 2m, true), (october.GetProperty("team").GetString(), october.GetProperty("promise").GetString(),
            october.GetProperty("target").GetDecimal(), october.GetProperty("actual").GetDecimal(), october.GetProperty("met").GetBoolean()));
        Assert.False(october.TryGetProperty("excused", out _));
        var followUp = Line(1, "campaign-follow-up");
        Assert.Equal(("sales", 0.9m, 0m, false, 0L), (followUp.GetProperty("team").GetString(), followUp.GetProperty("target").GetDecimal(),
            followUp.GetProperty("actual").GetDecimal(), followUp.GetProperty("met").GetBoolean(), followUp.GetProperty("excused").GetInt64()));
        Assert.True(Line(1, "report-feedback").GetProperty("met").GetBoolean());
        Assert.Equal(["leads", "speed", "depth", "content/blog post", "campaign-follow-up", "reports", "report-feedback"],
            json.GetProperty("periods")[1].GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("commitment").GetString()));

        var table = await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db);
        Assert.Contains("marketing: blog post: 2 a month", table.Output, StringComparison.Ordinal);
        Assert.Contains("MISSED 1 (2)", table.Output, StringComparison.Ordinal);   // November: one post of two, the month over
        Assert.Contains("MISSED 0.0%", table.Output, StringComparison.Ordinal);    // A touched after three days
        Assert.Contains("each window must reach its count", table.Output, StringComparison.Ordinal);
        var running = await CliRun.Of("report", "scorecard", "--period", "2099-01", "--last", "1", "--database", Db);
        Assert.Contains("pending", running.Output, StringComparison.Ordinal);   // a month not begun: nothing to judge yet
        Assert.Contains("2099-01 reports: pending, 2099-01 has not begun.", running.Output, StringComparison.Ordinal);

        var csv = await CliRun.Of("report", "scorecard", "--period", "2026-11", "--last", "2", "--database", Db, "--format", "csv");
        Assert.Contains("2026-11,sales,report-feedback,feedback on each report within 7 days,0.9,1,met,met,0,", csv.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeriodDigest_JudgesTheDeliverablesToo()
    {
        await SetUpAsync();

        var digest = await CliRun.Of("digest", "send", "--period", "--of", "2026-11", "--dry-run", "--database", Db);

        Assert.Equal(0, digest.ExitCode);
        Assert.Contains("Marketing, blog post: 2 a month: MISSED (1 of 2); the month 2026-11 ended with 1 of 2.", digest.Output, StringComparison.Ordinal);
        Assert.Contains("Sales, feedback on each report within 7 days: met (100.0% kept it, needs 90.0%).", digest.Output, StringComparison.Ordinal);
        Assert.Contains("content/blog post missed", digest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ADeliverableFileWithABadRow_NamesTheLineAndExitsOne()
    {
        await SetUpAsync();
        await File.WriteAllTextAsync(PathOf("attendance.csv"), "training_id,rep,attended\nS1,ana,yes\nS1,bo,maybe\n");

        var run = await CliRun.Of("import", "attendance", PathOf("attendance.csv"), "--database", Db);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"tandem: {PathOf("attendance.csv")}:3: attended: 'maybe' is not yes or no"], run.ErrorLines);
    }

    [Fact]
    public async Task AgreementDocument_SaysWhoCommitsToWhat_AndTheDifferenceNamesAChangedDeliverable()
    {
        await SetUpAsync();

        var shown = await CliRun.Of("agreement", "show", "--database", Db);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("Content, campaigns, reports and training\n----", shown.Output, StringComparison.Ordinal);
        Assert.Contains("- Marketing publishes at least 2 blog posts each month, logged with their kind and publication time. Each window stands on its own", shown.Output, StringComparison.Ordinal);
        Assert.Contains("- Sales makes a first touch on every lead that comes from a campaign within 48 hours of the lead responding to it, counting every hour, working or not. Kept when at least 90% of a period's campaign leads were touched in time; otherwise the period is marked missed for sales.", shown.Output, StringComparison.Ordinal);
        Assert.Contains("- Sales gives feedback on each report within 7 days of receiving it.", shown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("training session", shown.Output, StringComparison.Ordinal);

        var changed = (await File.ReadAllTextAsync(PathOf("agreement.yaml"))).Replace("count: 2, per: month", "count: 3, per: month", StringComparison.Ordinal);
        await File.WriteAllTextAsync(PathOf("changed.yaml"), changed);
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("changed.yaml"), "--database", Db)).ExitCode);
        var diff = (await CliRun.Of("agreement", "diff", "1", "2", "--database", Db, "--format", "json")).Json();
        var term = diff.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "deliverables.content.blog post");
        Assert.Equal("changed", term.GetProperty("kind").GetString());
        Assert.StartsWith("Marketing publishes at least 3 blog posts each month", term.GetProperty("after").GetString(), StringComparison.Ordinal);
    }
}
