using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Calendars;
using Tandem.Domain.Deliverables;

namespace Tandem.Domain.Tests.Deliverables;

/// <summary>The quota judge against an oracle that walks every date and groups them into windows by their ISO week, month, quarter or year.</summary>
public class QuotaJudgePropertiesTest
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "UTC"];

    public sealed record QuotaCase(Quota Quota, LocalDate From, LocalDate To, DateTimeZone Zone, Instant AsOf, IReadOnlyList<Instant> Delivered)
    {
        public override string ToString() =>
            $"{Quota.Count} a {Quota.Word(Quota.Per)}, {From}..{To} in {Zone.Id}, as of {AsOf}, deliveries [{string.Join(", ", Delivered)}]";
    }

    public static class Cases
    {
        public static Arbitrary<QuotaCase> Arbitrary() => Gen.Choose(0, int.MaxValue - 1).Select(From).ToArbitrary();

        private static QuotaCase From(int seed)
        {
            var random = new Random(seed);
            var per = (QuotaPeriod)random.Next(4);
            var zone = DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]];
            var from = new LocalDate(2024, 1, 1).PlusDays(random.Next(3 * 365));
            var to = from.PlusDays(1 + random.Next(100));
            var start = zone.AtStartOfDay(from).ToInstant() - Duration.FromDays(120);
            var span = (long)(Duration.FromDays(350).TotalSeconds);
            var delivered = Enumerable.Range(0, random.Next(40)).Select(_ => start + Duration.FromSeconds(random.NextInt64(span))).ToList();
            var asOf = start + Duration.FromSeconds(random.NextInt64(span));
            return new QuotaCase(new Quota(1 + random.Next(4), per), from, to, zone, asOf, delivered);
        }
    }

    private static object WindowKey(QuotaPeriod per, LocalDate d) => per switch
    {
        QuotaPeriod.Week => (WeekYearRules.Iso.GetWeekYear(d), WeekYearRules.Iso.GetWeekOfWeekYear(d)),
        QuotaPeriod.Month => (d.Year, d.Month),
        QuotaPeriod.Quarter => (d.Year, (d.Month + 2) / 3),
        _ => (object)d.Year,
    };

    [Property(MaxTest = 400, Arbitrary = [typeof(Cases)])]
    public void Judge_AgreesWithADateByDateOracle(QuotaCase c)
    {
        var result = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf, c.Delivered);

        // Oracle: every date from a year before to a year after, grouped into windows by key; the
        // windows are those holding a date of the period.
        var days = NodaTime.Period.Between(c.From, c.To, PeriodUnits.Days).Days;
        var dates = Enumerable.Range(-400, days + 800).Select(i => c.From.PlusDays(i)).ToList();
        var windows = dates.GroupBy(d => WindowKey(c.Quota.Per, d)).Where(g => g.Any(d => d >= c.From && d < c.To))
            .Select(g => (Start: g.Min(), End: g.Max().PlusDays(1))).OrderBy(w => w.Start).ToList();
        var cut = Instant.Min(c.AsOf, c.Zone.AtStartOfDay(c.To).ToInstant());
        var expected = windows.Select(w =>
        {
            var count = c.Delivered.Count(t => t < cut && t.InZone(c.Zone).Date >= w.Start && t.InZone(c.Zone).Date < w.End);
            var closed = c.Zone.AtStartOfDay(w.End).ToInstant() <= cut;
            return (w.Start, w.End, count, closed, Met: count >= c.Quota.Count ? true : closed ? false : (bool?)null);
        }).ToList();

        Assert.True(expected.SequenceEqual(result.Windows.Select(w => (w.Start, w.End, w.Delivered, w.Closed, w.Met))), c.ToString());
        Assert.Equal(c.Quota.Count * (long)expected.Count, result.Target);
        Assert.Equal(expected.Sum(w => (long)w.count), result.Delivered);
        bool? met = expected.Any(w => w.Met == false) ? false : expected.All(w => w.Met == true) ? true : null;
        Assert.Equal(met, result.Met);
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Cases)])]
    public void Judge_LaterAsOf_NeverUndoesAVerdict(QuotaCase c)
    {
        var early = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf, c.Delivered);
        var late = QuotaJudge.Judge(c.Quota, c.From, c.To, c.Zone, c.AsOf + Duration.FromDays(30), c.Delivered);

        if (early.Met is { } verdict) Assert.Equal(verdict, late.Met);
        Assert.True(late.Delivered >= early.Delivered, c.ToString());
    }
}
