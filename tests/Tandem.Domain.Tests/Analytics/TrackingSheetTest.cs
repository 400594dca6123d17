using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests.Analytics;

public class TrackingSheetTest
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly string[] Funnel = ["MQL", "SQL", "Opportunity"];

    private static Instant At(int month, int day, int hour = 12) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(NewYork).ToInstant();

    private static SheetLead Lead(string key, string type, bool marketing, params (string Stage, Instant At)[] stages) =>
        new(key, stages.Length > 0 ? stages[0].At - Duration.FromDays(1) : At(1, 1), "SMB", type, marketing, stages.ToDictionary(s => s.Stage, s => s.At));

    [Fact]
    public void Compute_CohortsByStageEntry_RevenueByClose()
    {
        SheetLead[] leads =
        [
            Lead("a", "Ebook", true, ("MQL", At(11, 2)), ("SQL", At(11, 5)), ("Opportunity", At(11, 9))),
            Lead("b", "Ebook", true, ("MQL", At(11, 3))),
            Lead("c", "Ebook", true, ("MQL", At(11, 4)), ("Disqualified", At(11, 6))),
            Lead("d", "Demo", true, ("MQL", At(10, 30)), ("SQL", At(11, 2))),          // October's cohort
            Lead("e", "Outbound", false, ("MQL", At(11, 10))),                        // sales-generated
            // 23:30 on Nov 30 in New York is already December in UTC: still November's.
            Lead("f", "Ebook", true, ("MQL", new LocalDateTime(2026, 11, 30, 23, 30).InZoneLeniently(NewYork).ToInstant())),
        ];
        SheetDeal[] deals =
        [
            new("a", Fraction.FromInteger(10_000), true, false, At(12, 15)),    // a's win closes in December
            new("d", Fraction.FromInteger(4_000), true, false, At(11, 20)),     // October's lead, closed in November
            new("e", Fraction.FromInteger(6_000), true, false, At(11, 21)),
            new(null, Fraction.FromInteger(1_000), true, false, At(11, 22)),    // a deal without a lead
            new("b", Fraction.FromInteger(9_999), false, true, At(11, 23)),
        ];

        var sheet = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, leads, deals);

        var t = sheet.Total;
        Assert.Equal((4L, 1L, 1L), (t.Leads, t.Customers, t.StillOpen)); // a, b, c, f; a won; f open (b lost, c disqualified)
        Assert.Equal(new Fraction(1, 4), t.CloseRate);
        Assert.Equal(Fraction.FromInteger(10_000), t.RevenueFromCustomers);
        Assert.Equal(Fraction.FromInteger(10_000), t.DealSize);
        Assert.Equal(Fraction.FromInteger(11_000), t.TotalRevenue);                 // d, e and the lead-less deal
        Assert.Equal(Fraction.FromInteger(4_000), t.MarketingRevenue);              // d only: e is sales-generated
        Assert.Equal(new Fraction(4, 11), t.MarketingShare);
        Assert.Equal([4L, 1L, 1L, 1L], t.Reached);                                   // MQL, SQL, Opportunity, Customer
        Assert.Equal([new Fraction(1, 4), Fraction.One, Fraction.One], t.Conversions.Select(c => c!.Value));
        // a: created a day before its MQL (Nov 1, 17:00 UTC), won Dec 15 at noon New York time (17:00 UTC).
        Assert.Equal(Fraction.FromInteger(44), t.AverageCycleDays);

        var outbound = sheet.Groups.Single(g => g.Group.LeadType == "Outbound").Figures;
        Assert.Equal((1L, Fraction.FromInteger(6_000)), (outbound.Leads, outbound.TotalRevenue));
        Assert.Null(sheet.Groups.Single(g => g.Group.LeadType == null).Figures.CloseRate);
    }

    [Fact]
    public void Compute_DealsWithoutAmounts_RevenueUnknown_DealSizeOfThePricedOnes()
    {
        SheetLead[] leads =
        [
            Lead("a", "Ebook", true, ("MQL", At(11, 2))),
            Lead("b", "Ebook", true, ("MQL", At(11, 3))),
            Lead("c", "Ebook", true, ("MQL", At(11, 4))),
            Lead("d", "Ebook", true, ("MQL", At(11, 5))),
        ];
        SheetDeal[] deals =
        [
            new("a", Fraction.FromInteger(10_000), true, false, At(11, 20)),
            new("b", null, true, false, At(11, 21)),                            // won, amount not given: unknown, not 0
            new("c", Fraction.Zero, true, false, At(12, 1)),                    // won at 0: a real amount
        ];

        var t = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, leads, deals).Total;

        Assert.Equal((3L, 2L, 1L), (t.Customers, t.PricedCustomers, t.UnpricedCustomers));
        Assert.Null(t.RevenueFromCustomers);                                    // 10,000 is not the revenue of all three
        Assert.Equal(Fraction.FromInteger(5_000), t.DealSize);                  // (10,000 + 0) / 2, b left out
        Assert.Equal(1L, t.UnpricedClosedDeals);
        Assert.Null(t.TotalRevenue);
        Assert.Null(t.MarketingRevenue);
        Assert.Null(t.MarketingShare);

        // December: only c's deal closes, and its amount is known, so December's revenue is measured.
        var december = TrackingSheet.Compute(Period.Month(2026, 12), NewYork, Funnel, leads, deals).Total;
        Assert.Equal(Fraction.Zero, december.TotalRevenue);
        Assert.Null(december.MarketingShare);                                   // 0 of 0: no share

        // No amount at all: no deal size, no revenue, no share; nothing shows as 0.
        var none = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, leads, [.. deals.Select(d => d with { Amount = null })]).Total;
        Assert.Equal((3L, 0L), (none.Customers, none.PricedCustomers));
        Assert.Null(none.DealSize);
        Assert.Null(none.RevenueFromCustomers);
        Assert.Null(none.TotalRevenue);
        Assert.Equal(new Fraction(3, 4), none.CloseRate);                       // what needs no amount is still measured
    }

    [Fact]
    public void Compute_EmptyPeriod_NothingDividesByZero()
    {
        var sheet = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, [], []);
        Assert.Equal(0, sheet.Total.Leads);
        Assert.Null(sheet.Total.CloseRate);
        Assert.Null(sheet.Total.DealSize);
        Assert.Null(sheet.Total.MarketingShare);
        Assert.Null(sheet.Total.AverageCycleDays);
        Assert.All(sheet.Total.Conversions, c => Assert.Null(c));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(SheetArbitrary)])]
    public void Compute_TotalsAgreeWithARecount_InAnyOrder(SheetCase c)
    {
        var period = Period.Month(2026, 11);
        var start = NewYork.AtStartOfDay(period.Start).ToInstant();
        var end = NewYork.AtStartOfDay(period.End).ToInstant();
        var shuffled = c.Leads.OrderBy(l => l.Key.GetHashCode(StringComparison.Ordinal)).ToList();

        var sheet = TrackingSheet.Compute(period, NewYork, Funnel, c.Leads, c.Deals);
        var again = TrackingSheet.Compute(period, NewYork, Funnel, shuffled, [.. c.Deals.Reverse()]);

        var cohort = c.Leads.Where(l => l.Marketing && l.Stages.TryGetValue("MQL", out var at) && at >= start && at < end).ToList();
        var winners = c.Deals.Where(d => d.Won).Select(d => d.LeadKey).ToHashSet();
        Assert.Equal(cohort.Count, sheet.Total.Leads);
        Assert.Equal(cohort.Count(l => winners.Contains(l.Key)), sheet.Total.Customers);
        var closed = c.Deals.Where(d => d.Won && d.ClosedAt >= start && d.ClosedAt < end).ToList();
        Assert.Equal(closed.Any(d => d.Amount is null) ? null : closed.Aggregate(Fraction.Zero, (s, d) => s + d.Amount!.Value), sheet.Total.TotalRevenue);
        var customers = cohort.Where(l => winners.Contains(l.Key)).ToList();
        var priced = customers.Where(l => c.Deals.Where(d => d.Won && d.LeadKey == l.Key).All(d => d.Amount is not null)).ToList();
        Assert.Equal(priced.Count, sheet.Total.PricedCustomers);
        Assert.Equal(priced.Count == 0 ? (Fraction?)null : priced.Aggregate(Fraction.Zero, (s, l) => s + c.Deals.Where(d => d.Won && d.LeadKey == l.Key).Aggregate(Fraction.Zero, (x, d) => x + d.Amount!.Value)) / priced.Count,
            sheet.Total.DealSize);
        Assert.Equal(sheet.Groups.Where(g => g.Group.Marketing).Sum(g => g.Figures.Leads), sheet.Total.Leads);
        Assert.Equal(sheet.Total, again.Total with { Reached = sheet.Total.Reached });
        Assert.Equal(sheet.Total.Reached, again.Total.Reached);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(SheetArbitrary)])]
    public void Pooled_LeadValue_IsRevenuePerLead_WhenEveryAmountIsKnown_AndUnknownWhenAnyIsMissing(SheetCase c)
    {
        var priced = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, c.Leads, [.. c.Deals.Select(d => d with { Amount = d.Amount ?? Fraction.FromInteger(7) })]).Total;
        var unpriced = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, c.Leads, [.. c.Deals.Select(d => d with { Amount = null })]).Total;

        var inputs = new PooledInputs(priced);
        Assert.Equal(priced.Leads == 0 ? null : priced.RevenueFromCustomers / priced.Leads, inputs.LeadValue);
        Assert.Equal(priced.Customers, priced.PricedCustomers);
        Assert.Equal(0L, unpriced.PricedCustomers);
        Assert.Equal(unpriced.Leads > 0 && unpriced.Customers == 0 ? Fraction.Zero : null, new PooledInputs(unpriced).LeadValue);
        var partly = TrackingSheet.Compute(Period.Month(2026, 11), NewYork, Funnel, c.Leads, [.. c.Deals.Select((d, i) => d with { Amount = i % 2 == 0 ? null : d.Amount ?? Fraction.FromInteger(7) })]).Total;
        Assert.Equal(partly.Leads > 0 && partly.Customers == 0 ? Fraction.Zero : partly.UnpricedCustomers > 0 || partly.Leads == 0 ? null : partly.RevenueFromCustomers / partly.Leads,
            new PooledInputs(partly).LeadValue);
        Assert.Null(unpriced.DealSize);
        Assert.True(unpriced.Customers == 0 ? unpriced.RevenueFromCustomers == Fraction.Zero : unpriced.RevenueFromCustomers is null);
        Assert.Equal(unpriced.Leads, priced.Leads);
        Assert.Equal(unpriced.CloseRate, priced.CloseRate);                     // what needs no amount does not move
    }
}

public sealed record SheetCase(IReadOnlyList<SheetLead> Leads, IReadOnlyList<SheetDeal> Deals);

public static class SheetArbitrary
{
    public static Arbitrary<SheetCase> Cases() => Gen.Choose(0, int.MaxValue - 1).Select(From).ToArbitrary();

    private static SheetCase From(int seed)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        Instant Around() => new LocalDateTime(2026, 10, 1, 0, 0).InZoneLeniently(zone).ToInstant() + Duration.FromMinutes(random.Next(0, 92 * 1440));
        var leads = Enumerable.Range(0, random.Next(40)).Select(i =>
        {
            var stages = new Dictionary<string, Instant>();
            if (random.Next(4) > 0) stages["MQL"] = Around();
            if (random.Next(3) == 0) stages["SQL"] = Around();
            if (random.Next(5) == 0) stages["Disqualified"] = Around();
            return new SheetLead($"L{i}", Around(), random.Next(2) == 0 ? "SMB" : null, new[] { "Ebook", "Demo", null }[random.Next(3)], random.Next(4) > 0, stages);
        }).ToList();
        var deals = Enumerable.Range(0, random.Next(20)).Select(_ =>
        {
            var won = random.Next(2) == 0;
            return new SheetDeal(leads.Count > 0 && random.Next(5) > 0 ? leads[random.Next(leads.Count)].Key : null,
                random.Next(4) == 0 ? null : new Fraction(random.Next(0, 1_000_000), 100), won, !won && random.Next(2) == 0, random.Next(6) > 0 ? Around() : null);
        }).ToList();
        return new SheetCase(leads, deals);
    }
}
