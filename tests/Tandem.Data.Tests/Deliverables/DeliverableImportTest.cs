using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Deliverables;

/// <summary>The deliverable kinds through the CSV importer, into the scorecard, and through a database copy, on both engines.</summary>
public class DeliverableImportTest
{
    internal const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        deliverables:
          content:
            pieces:
              - { kind: blog post, count: 2, per: month }
            use: { touches: 1, within: 14 days }
          campaigns:
            launches: { count: 1, per: quarter }
            followUp: { within: 48 hours }
          reports:
            deliver: { count: 1, per: month }
            feedback: { within: 7 days }
          training:
            session: { before: 7 days }
            attendance: { required: 100% }

        """;

    /// <summary>One file per kind, every row valid: a month of November 2026 (UTC).</summary>
    internal static async Task ImportNovemberAsync(ImportFixture f)
    {
        await f.Import(ImportKind.Touches, f.File("touches.csv", "id,lead_id,channel,touched_at", "T1,L1,call,2026-11-05T09:00:00Z", "T2,L2,email,2026-11-09T09:00:00Z"));
        (ImportKind Kind, string[] Lines)[] files =
        [
            (ImportKind.Content, ["id,kind,published_at,title,url,author", "P1,Blog post,2026-11-02T10:00:00Z,Speed to lead,https://example.com/p1,Dana", "P2,white paper,2026-11-03T10:00:00Z,The SLA,,"]),
            (ImportKind.ContentUses, ["id,piece_id,used_at,rep,touch_id,lead_id", "U1,P1,2026-11-05T09:00:00Z,ana,T1,L1"]),
            (ImportKind.Campaigns, ["id,name,launched_at,channel", "C1,Q4 webinar,2026-11-04T15:00:00Z,webinar"]),
            (ImportKind.CampaignLeads, ["campaign_id,lead_id,responded_at", "C1,L1,2026-11-04T16:00:00Z", "C1,L2,2026-11-04T17:00:00Z"]),
            (ImportKind.Reports, ["id,title,delivered_at", "R1,October performance,2026-11-02T08:00:00Z"]),
            (ImportKind.ReportFeedback, ["id,report_id,given_at,rep,comment", "F1,R1,2026-11-06T08:00:00Z,ana,\"More on webinars, please\""]),
            (ImportKind.Launches, ["id,product,launch_date", "PL1,Mobile app,2026-11-25", "PL2,tandem cloud,2026-11-20"]),
            (ImportKind.Trainings, ["id,title,product,launch_date,held_at", "S1,Cloud for reps,Tandem Cloud,2026-11-20,2026-11-12T14:00:00Z"]),
            (ImportKind.Attendance, ["training_id,rep,attended", "S1,ana,yes", "S1,bo,no"]),
        ];
        foreach (var (kind, lines) in files)
        {
            var summary = await f.Import(kind, f.File($"{kind.Word()}.csv", lines));
            Assert.True(summary.Rejected == 0, $"{kind.Word()}: {string.Join("; ", f.Problems)}");
            Assert.Equal(lines.Length - 1, summary.Records.Inserted);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_EveryDeliverableKind_IsRepeatable_AndJudgedOnTheScorecard(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        await ImportNovemberAsync(f);

        var again = await f.Import(ImportKind.Attendance, f.File("attendance.csv", "training_id,rep,attended", "S1,ana,yes", "S1,bo,no"));
        Assert.Equal((0L, 0L, 2L), (again.Records.Inserted, again.Records.Updated, again.Records.Unchanged));
        var corrected = await f.Import(ImportKind.Attendance, f.File("attendance.csv", "training_id,rep,attended", "S1,bo,Yes"));
        Assert.Equal(1L, corrected.Records.Updated);
        Assert.Equal(["More on webinars, please"], (await f.Rows("SELECT comment FROM report_feedback"))[0]);
        Assert.Equal(["2026-11-20", ImportFixture.Ms("2026-11-12T14:00:00Z")], (await f.Rows("SELECT launch_date, held_at FROM trainings"))[0]);

        var agreement = AgreementFile.Parse(Agreement, "sla.yaml");
        await using var connection = await f.Database.OpenAsync();
        var result = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 11), 1, null, Instant.FromUtc(2026, 12, 10, 0, 0));

        var lines = result.Periods[0].Lines.Skip(3).Select(l => $"{l.Commitment} {l.Target}/{l.Actual} {(l.Met is null ? "-" : l.Met.Value ? "met" : "missed")}");
        Assert.Equal(
        [
            "content/blog post 2/1 missed",       // P2 is a white paper
            "content-use 9/10/1/2 missed",        // P1 used on Nov 5; P2 never
            "campaigns 1/1 met",
            "campaign-follow-up 9/10/1/2 missed", // L1 touched 17 h after responding; L2 after 4 days 16 h
            "reports 1/1 met",
            "report-feedback 9/10/1 met",
            "training 9/10/1/2 missed",           // Cloud: Nov 12 is on or before Nov 13, 7 days before its launch; the Mobile app had no session
            "training-attendance 1/1 met",        // bo was corrected to attended
        ], lines);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_BadRows_AreNamedByLineAndColumn_AndTheGoodOnesKept(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("trainings.csv", "id,title,product,launch_date,held_at",
            "S1,Cloud,Tandem Cloud,2026-11-20,2026-11-12T14:00:00Z",
            "S2,Edge,Tandem Edge,next spring,2026-11-12T14:00:00Z",
            "S3,,Tandem Edge,2026-12-01,yesterday");
        var summary = await f.Import(ImportKind.Trainings, file, errors: f.PathOf("errors.csv"));

        Assert.Equal((1L, 2L), (summary.Records.Inserted, summary.Rejected));
        Assert.Contains(new ImportProblem(3, "launch_date", "'next spring' is not a date (expected yyyy-MM-dd)"), f.Problems);
        Assert.Contains(f.Problems, p => p.Line == 4 && p.Column == "title" && p.Reason == "is required but empty");
        Assert.Contains(f.Problems, p => p.Line == 4 && p.Column == "held_at");
        Assert.Equal(3, File.ReadAllLines(f.PathOf("errors.csv")).Length);

        var attendance = await f.Import(ImportKind.Attendance, f.File("attendance.csv", "training_id,rep,attended", "S1,ana,perhaps"));
        Assert.Equal(1L, attendance.Rejected);
        Assert.Equal(new ImportProblem(2, "attended", "'perhaps' is not yes or no"), f.Problems.Single());

        var missing = await Assert.ThrowsAsync<ImportFileException>(() => f.Import(ImportKind.CampaignLeads, f.File("cl.csv", "campaign_id,lead_id", "C1,L1")));
        Assert.Contains("responded_at", missing.Message, StringComparison.Ordinal);

        var dry = await f.Import(ImportKind.Content, f.File("content.csv", "id,kind,published_at", "P1,blog post,2026-11-02T10:00:00Z"), dryRun: true);
        Assert.Equal(1L, dry.Records.Inserted);
        Assert.Equal(0L, await f.Count("content_pieces"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Copy_TakesTheDeliverablesAlong(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        await ImportNovemberAsync(f);
        await using var target = await TestDatabases.OpenAsync(kind == DatabaseKind.Sqlite ? DatabaseKind.Postgres : DatabaseKind.Sqlite);
        await using (var open = await target.OpenAsync()) { }

        var copied = await DatabaseCopier.CopyAsync(f.Database, target);

        var counts = copied.ToDictionary(c => c.Table, c => c.Rows);
        Assert.Equal((2L, 1L, 1L, 2L, 1L, 1L, 2L, 1L, 2L), (counts["content_pieces"], counts["content_uses"], counts["campaigns"], counts["campaign_leads"],
            counts["performance_reports"], counts["report_feedback"], counts["product_launches"], counts["trainings"], counts["training_attendance"]));
        await using var connection = await target.OpenAsync();
        var records = await DeliverableReader.ReadAsync(connection, Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 12, 1, 0, 0), Duration.FromDays(400), 10);
        Assert.Equal(["P1", "P2"], records.Content.Select(p => p.Id));
        Assert.Equal([("ana", true), ("bo", false)], records.Trainings.Single().Attendees);
        Assert.Equal(Instant.FromUtc(2026, 11, 5, 9, 0), records.CampaignLeads[0].Touches.Single());
        Assert.Equal([new Domain.Deliverables.ProductLaunch("tandem cloud", new LocalDate(2026, 11, 20)), new Domain.Deliverables.ProductLaunch("Mobile app", new LocalDate(2026, 11, 25))], records.Launches);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task CampaignLeads_FollowAMergedLeadsTouches_AndLeaveADeletedLeadOut(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        await f.Import(ImportKind.Leads, f.File("leads.csv", "id,created_at", "A,2026-11-02T10:00:00Z", "A2,2026-11-02T10:00:00Z", "B,2026-11-02T10:00:00Z"));
        await f.Import(ImportKind.CampaignLeads, f.File("cl.csv", "campaign_id,lead_id,responded_at", "C1,A,2026-11-02T10:00:00Z", "C1,B,2026-11-02T10:00:00Z"));
        // A was merged into A2, whose touch follows A up; B was deleted.
        await f.Import(ImportKind.Touches, f.File("touches.csv", "id,lead_id,channel,touched_at", "T1,A2,call,2026-11-03T10:00:00Z", "T0,A2,call,2026-11-01T10:00:00Z"));
        await using var connection = await f.Database.OpenAsync();
        await LeadOperations.MergeAsync(connection, "default", "A", "A2", 1);
        await LeadOperations.DeleteAsync(connection, "default", "B", 1);

        var records = await DeliverableReader.ReadAsync(connection, Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 12, 1, 0, 0), Duration.FromDays(400), 10);

        var lead = Assert.Single(records.CampaignLeads);
        Assert.Equal(("A", Instant.FromUtc(2026, 11, 3, 10, 0)), (lead.LeadId, lead.Touches.Single()));
    }
}
