using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Calendars;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Domain.Tests.Deliverables;

/// <summary>A worked month: November 2026 in New York, judged on December 10, with every deliverable commitment of the articles.</summary>
public class DeliverableScorecardTest
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["America/New_York"]);
    private static readonly LocalDate Nov1 = new(2026, 11, 1), Dec1 = new(2026, 12, 1);
    private static readonly Instant AsOf = At(12, 10);

    private static Instant At(int month, int day, int hour = 10) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(Calendar.Zone).ToInstant();

    private static readonly DeliverableCommitments Articles = new(
        new ContentCommitment(
            [new ContentQuota("blog post", new Quota(4, QuotaPeriod.Month)), new ContentQuota("white paper", new Quota(2, QuotaPeriod.Month)), new ContentQuota("case study", new Quota(1, QuotaPeriod.Month))],
            new ContentUse(1, 30)),
        new CampaignCommitment(new Quota(3, QuotaPeriod.Quarter), new CampaignFollowUp(48 * 60, ClockKind.Wall)),
        new ReportingCommitment(new Quota(1, QuotaPeriod.Week), new ReportFeedback(7)),
        new TrainingCommitment(new TrainingLeadTime(7), new TrainingAttendance(Share.Whole)));

    private static DeliverableRecords November()
    {
        var content = new List<ContentPiece>
        {
            new("b1", "Blog post", At(11, 2), [At(11, 3)]),
            new("b2", "blog post", At(11, 9), []),                    // never used: missed by Dec 9
            new("b3", "blog post", At(11, 16), [At(12, 20)]),         // used after asOf: not known yet; due Dec 16, pending
            new("b4", "blog post", At(11, 23), [At(11, 24), At(11, 25)]),
            new("w1", "white paper", At(11, 5), [At(11, 6)]),
            new("c1", "case study", At(10, 30), [At(11, 2)]),          // October's: not in November's lines
        };
        Instant[] weekly = [At(11, 2), At(11, 9), At(11, 16), At(11, 23), At(11, 30), At(10, 26)];
        return new DeliverableRecords(
            content,
            [new Campaign("q4-webinar", At(10, 6)), new Campaign("q4-ebook", At(11, 10))],
            [
                new CampaignLead("q4-ebook", "L1", At(11, 10), [At(11, 11)]),
                new CampaignLead("q4-ebook", "L2", At(11, 10), [At(11, 1), At(11, 13)]),    // touched before responding, then 3 days late
                new CampaignLead("q4-ebook", "L3", At(11, 12), [At(11, 14, 10)]),          // exactly 48 hours
            ],
            [.. weekly.Select((t, i) => new PerformanceReport($"r{i}", t, i == 1 ? [At(11, 17)] : [t + Duration.FromDays(2)]))],
            [
                new TrainingSession("t1", "Tandem Cloud", new LocalDate(2026, 11, 20), At(11, 13), [("ana", true), ("bo", false)]),
                new TrainingSession("t2", "Tandem Cloud", new LocalDate(2026, 11, 20), At(11, 19), [("cy", true)]),
                new TrainingSession("t3", "Tandem Edge", new LocalDate(2026, 11, 27), At(11, 24), [("ana", true)]),
            ])
        {
            // Tandem Cloud's launch again (already known from its sessions), one with no session at all, and December's, not this period's.
            Launches = [new ProductLaunch("tandem cloud", new LocalDate(2026, 11, 20)), new ProductLaunch("Mobile app", new LocalDate(2026, 11, 30)), new ProductLaunch("API v2", new LocalDate(2026, 12, 3))],
        };
    }

    [Fact]
    public void Lines_JudgeEveryCommitmentOfTheArticles()
    {
        var lines = DeliverableScorecard.Lines(Articles, Nov1, Dec1, Calendar, Tolerance.Default, AsOf, November());

        string Row(ScorecardLine l) => $"{l.Team} {l.Commitment}: {l.Target} / {l.Actual} {(l.Met is null ? "-" : l.Met.Value ? "met" : "missed")} {l.Measure}";
        Assert.Equal(
        [
            "Marketing content/blog post: 4 / 4 met Count",
            "Marketing content/white paper: 2 / 1 missed Count",
            "Marketing content/case study: 1 / 0 missed Count",
            "Sales content-use: 9/10 / 3/4 missed Share",              // b1, b4, w1 kept; b2 never used; b3 pending
            "Marketing campaigns: 3 / 2 - Count",
            "Sales campaign-follow-up: 9/10 / 2/3 missed Share",
            "Marketing reports: 5 / 5 met Count",                      // the weeks ending in November, Oct 26 (its report of Oct 26) to Nov 23; Nov 30 - Dec 6 is December's
            "Sales report-feedback: 9/10 / 4/5 missed Share",
            "Marketing training: 9/10 / 1/3 missed Share",            // Cloud's session in time; Edge's 3 days before; the Mobile app had none
            "Sales training-attendance: 1 / 3/4 missed Share",
        ], lines.Select(Row));
    }
}
