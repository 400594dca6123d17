using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Calendars;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Domain.Tests.Deliverables;

/// <summary>
/// A period judged from the records of its lookback window (what the store reads) gives the same
/// scorecard lines as judged from every record: <see cref="DeliverableCommitments.Lookback"/> covers
/// the longest quota window and the longest time from an item to its deadline, and a piece's
/// earliest uses are all that can decide it; training sessions are
/// also read by the date of the launch they prepare.
/// </summary>
public class DeliverableLookbackPropertyTest
{
    public sealed record LookbackCase(DeliverableCommitments Commitments, LocalDate From, LocalDate To, Instant AsOf, DeliverableRecords Records, int Seed)
    {
        public override string ToString() => $"seed {Seed}: {From}..{To} as of {AsOf}, lookback {Commitments.Lookback}";
    }

    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["America/New_York"]);

    public static class Cases
    {
        public static Arbitrary<LookbackCase> Arbitrary() => Gen.Choose(0, int.MaxValue - 1).Select(From).ToArbitrary();

        private static LookbackCase From(int seed)
        {
            var random = new Random(seed);
            QuotaPeriod Per() => (QuotaPeriod)random.Next(4);
            int Days() => 1 + random.Next(random.Next(2) == 0 ? 30 : 800);
            var commitments = new DeliverableCommitments(
                new ContentCommitment([new ContentQuota("blog post", new Quota(1 + random.Next(5), Per()))], new ContentUse(1 + random.Next(3), Days())),
                new CampaignCommitment(new Quota(1 + random.Next(3), Per()), new CampaignFollowUp(60 * (1 + random.Next(96)), ClockKind.Wall)),
                new ReportingCommitment(new Quota(1, Per()), new ReportFeedback(Days())),
                new TrainingCommitment(new TrainingLeadTime(Days()), new TrainingAttendance(Share.Whole)));
            var from = new LocalDate(2025, 1, 1).PlusMonths(random.Next(24));
            var to = from.PlusMonths(1);
            var start = Calendar.Zone.AtStartOfDay(from).ToInstant() - Duration.FromDays(1000);
            var span = (long)Duration.FromDays(1300).TotalSeconds;
            Instant At() => start + Duration.FromSeconds(random.NextInt64(span));
            List<Instant> Times(int most) => [.. Enumerable.Range(0, random.Next(most)).Select(_ => At())];
            var records = new DeliverableRecords(
                [.. Enumerable.Range(0, random.Next(30)).Select(i => new ContentPiece($"p{i}", "blog post", At(), Times(8)))],
                [.. Enumerable.Range(0, random.Next(10)).Select(i => new Campaign($"c{i}", At()))],
                [],
                [.. Enumerable.Range(0, random.Next(30)).Select(i => new PerformanceReport($"r{i}", At(), Times(3)))],
                [.. Enumerable.Range(0, random.Next(10)).Select(i =>
                {
                    var held = At();
                    return new TrainingSession($"t{i}", $"product {i % 4}", held.InZone(Calendar.Zone).Date.PlusDays(random.Next(900)), held, [("ana", random.Next(2) == 0)]);
                })])
            {
                Launches = [.. Enumerable.Range(0, random.Next(6)).Select(i => new ProductLaunch($"product {i}", At().InZone(Calendar.Zone).Date))],
            };
            return new LookbackCase(commitments, from, to, At(), records, seed);
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Cases)])]
    public void Lines_FromTheLookbackWindow_EqualLines_FromEveryRecord(LookbackCase c)
    {
        var (from, to) = (Calendar.Zone.AtStartOfDay(c.From).ToInstant(), Calendar.Zone.AtStartOfDay(c.To).ToInstant());
        var since = from - c.Commitments.Lookback;
        bool In(Instant at) => at >= since && at < to;
        var windowed = new DeliverableRecords(
            // Only a piece's earliest uses, as many as its line can need: the store reads no more.
            [.. c.Records.Content.Where(p => In(p.Published)).Select(p => p with { Uses = [.. p.Uses.Order().Take(c.Commitments.UsesJudged)] })],
            [.. c.Records.Campaigns.Where(x => In(x.Launched))],
            c.Records.CampaignLeads,
            [.. c.Records.Reports.Where(r => In(r.Delivered))],
            // A session counts for its launch whenever it was held: the store also reads sessions by launch date.
            [.. c.Records.Trainings.Where(t => In(t.Held) || (t.Launch >= c.From.PlusDays(-1) && t.Launch < c.To.PlusDays(1)))])
        { Launches = c.Records.Launches };
        string Row(ScorecardLine l) => $"{l.Commitment}: {l.Target} / {l.Actual} {l.Met} {l.Excused}";
        Assert.Equal(
            DeliverableScorecard.Lines(c.Commitments, c.From, c.To, Calendar, Tolerance.Default, c.AsOf, c.Records).Select(Row),
            DeliverableScorecard.Lines(c.Commitments, c.From, c.To, Calendar, Tolerance.Default, c.AsOf, windowed).Select(Row));
    }
}
