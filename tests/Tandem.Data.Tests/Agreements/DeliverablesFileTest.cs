using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;

namespace Tandem.Data.Tests.Agreements;

public class DeliverablesFileTest
{
    private const string Minimal = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - stage: MQL\n    rate: 1/3\n  - stage: SQL\n    rate: 82%\n  - stage: Opportunity\n    rate: 23%\n";

    private const string Articles = """
        deliverables:
          content:
            pieces:
              - { kind: blog post, count: 4, per: month }
              - { kind: white paper, count: 2, per: month }
              - { kind: case study, count: 1, per: Month }
            use:
              touches: 2
              within: 4 weeks
              required: 75%
          campaigns:
            launches: { count: 3, per: quarter }
            followUp:
              within: 48 hours
          reports:
            deliver: { count: 1, per: week }
            feedback: { within: 7 days }
          training:
            session: { before: 1 week, required: 100% }
            attendance: {}

        """;

    [Fact]
    public void Parse_TheArticlesCommitments()
    {
        var d = AgreementFile.Parse(Minimal + Articles, "a.yaml").Deliverables;

        Assert.Equal(["blog post:4:Month", "white paper:2:Month", "case study:1:Month"], d.Content!.Pieces.Select(p => $"{p.Kind}:{p.Quota.Count}:{p.Quota.Per}"));
        Assert.Equal((2, 28, "75%"), (d.Content.Use!.Touches, d.Content.Use.WithinDays, d.Content.Use.Required.ToString()));
        Assert.Equal((3, QuotaPeriod.Quarter), (d.Campaigns!.Launches!.Count, d.Campaigns.Launches.Per));
        Assert.Equal((2880, ClockKind.Wall, (Domain.Numbers.Share?)null), (d.Campaigns.FollowUp!.Minutes, d.Campaigns.FollowUp.Clock, d.Campaigns.FollowUp.Required));
        Assert.Equal((1, QuotaPeriod.Week, 7), (d.Reporting!.Reports!.Count, d.Reporting.Reports.Per, d.Reporting.Feedback!.WithinDays));
        Assert.Equal(7, d.Training!.LeadTime!.DaysBefore);
        Assert.Null(d.Training.Attendance!.Required);
    }

    [Fact]
    public void Parse_NoSection_CommitsToNothing() =>
        Assert.True(AgreementFile.Parse(Minimal, "a.yaml").Deliverables.IsEmpty);

    [Fact]
    public void Write_RoundTripsExactly_AndTheStarterExampleParses()
    {
        var first = AgreementFile.Parse(Minimal + Articles.Replace("within: 48 hours", "within: 90 minutes\n      clock: working", StringComparison.Ordinal), "a.yaml");
        var written = AgreementFileWriter.Write(first);
        var second = AgreementFile.Parse(written, "b.yaml");

        Assert.Equal(written, AgreementFileWriter.Write(second));
        Assert.Contains("deliverables:\n  content:\n    pieces:\n      - kind: \"blog post\"\n        count: 4\n        per: month\n", written, StringComparison.Ordinal);
        Assert.Equal((90, ClockKind.Working), (second.Deliverables.Campaigns!.FollowUp!.Minutes, second.Deliverables.Campaigns.FollowUp.Clock));
        Assert.Equal("100%", second.Deliverables.Training!.LeadTime!.Required.ToString());
        Assert.Contains("    attendance: {}\n", written, StringComparison.Ordinal);

        // The starter's commented example, uncommented, is a valid section.
        var starter = StarterAgreement.StarterText();
        var example = string.Join('\n', starter[starter.IndexOf("# deliverables:", StringComparison.Ordinal)..].Split('\n').Select(l => l.StartsWith("# ", StringComparison.Ordinal) ? l[2..] : l));
        var withExample = AgreementFile.Parse(starter + "\n" + example, "starter.yaml");
        Assert.Equal(3, withExample.Deliverables.Content!.Pieces.Count);
        Assert.Equal("100%", withExample.Deliverables.Training!.Attendance!.Required.ToString());
    }

    [Theory]
    [InlineData("not a mapping", "deliverables: [content]\n", 13, "deliverables", "mapping")]
    [InlineData("unknown part", "deliverables:\n  webinars: {}\n", 14, "deliverables.webinars", "unknown key")]
    [InlineData("piece without kind", "deliverables:\n  content:\n    pieces:\n      - { count: 4, per: month }\n", 16, "deliverables.content.pieces[1].kind", "required")]
    [InlineData("piece kind twice", "deliverables:\n  content:\n    pieces:\n      - { kind: blog post, count: 4, per: month }\n      - { kind: Blog Post, count: 1, per: week }\n", 17, "deliverables.content.pieces[2].kind", "twice")]
    [InlineData("count of zero", "deliverables:\n  content:\n    pieces:\n      - { kind: blog post, count: 0, per: month }\n", 16, "deliverables.content.pieces[1].count", "1 to 10,000")]
    [InlineData("count not a number", "deliverables:\n  campaigns:\n    launches: { count: three, per: quarter }\n", 15, "deliverables.campaigns.launches.count", "whole number")]
    [InlineData("per a fortnight", "deliverables:\n  reports:\n    deliver: { count: 1, per: fortnight }\n", 15, "deliverables.reports.deliver.per", "week, month, quarter or year")]
    [InlineData("quota without per", "deliverables:\n  reports:\n    deliver: { count: 1 }\n", 15, "deliverables.reports.deliver.per", "required")]
    [InlineData("content of nothing", "deliverables:\n  content: {}\n", 14, "deliverables.content", "commits to nothing")]
    [InlineData("use without within", "deliverables:\n  content:\n    use: { touches: 1 }\n", 15, "deliverables.content.use.within", "required")]
    [InlineData("use in no touch", "deliverables:\n  content:\n    use: { touches: 0, within: 30 days }\n", 15, "deliverables.content.use.touches", "1 to 10,000")]
    [InlineData("follow-up on a sundial", "deliverables:\n  campaigns:\n    followUp: { within: 48 hours, clock: sundial }\n", 15, "deliverables.campaigns.followUp.clock", "wall")]
    [InlineData("follow-up in fortnights", "deliverables:\n  campaigns:\n    followUp: { within: 2 fortnights }\n", 15, "deliverables.campaigns.followUp.within", "unknown unit")]
    [InlineData("feedback required over 100%", "deliverables:\n  reports:\n    feedback: { within: 7 days, required: 120% }\n", 15, "deliverables.reports.feedback.required", "between 0% and 100%")]
    [InlineData("session with unknown key", "deliverables:\n  training:\n    session: { before: 7 days, after: 1 day }\n", 15, "deliverables.training.session.after", "unknown key")]
    [InlineData("training of nothing", "deliverables:\n  training: {}\n", 14, "deliverables.training", "commits to nothing")]
    public void Parse_Invalid_ReportsLineFieldAndReason(string scenario, string append, int line, string field, string reason)
    {
        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Parse(Minimal + append, "x.yaml"));

        Assert.True(e.Errors.Any(err => err.Line == line && err.Field == field && err.Reason.Contains(reason, StringComparison.Ordinal)),
            $"{scenario}: {string.Join("; ", e.Errors.Select(err => $"{err.Line} {err.Field}: {err.Reason}"))}");
    }
}
