using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using static Tandem.Domain.Tests.Build;

namespace Tandem.Domain.Tests;

public class PlanPropertiesTest
{
    [Property(MaxTest = 500)]
    public void CountsFor_RaisingAnyRate_NeverRaisesAnyCount(int[] seeds, PositiveInt customers, int which, PositiveInt raise)
    {
        var funnel = RandomFunnel(seeds);
        var index = Math.Abs(which % funnel.Stages.Count);
        var old = funnel.Stages[index].Rate.Value;
        var higher = old + (Fraction.One - old) * new Fraction(raise.Get % 100 + 1, 100);
        var raised = funnel.WithRate(index, Rate.From(higher, "rate"));

        var before = funnel.CountsFor(customers.Get % 100_000);
        var after = raised.CountsFor(customers.Get % 100_000);

        for (var i = 0; i < before.Count; i++) Assert.True(after[i].Count <= before[i].Count, $"stage {i}: {before[i].Count} -> {after[i].Count}");
    }

    [Property(MaxTest = 500)]
    public void CountsFor_IsTheSmallestCountThatDeliversTheNextStage(int[] seeds, NonNegativeInt customers)
    {
        var funnel = RandomFunnel(seeds);
        var counts = funnel.CountsFor(customers.Get % 100_000);

        for (var i = 0; i < counts.Count; i++)
        {
            var next = i + 1 < counts.Count ? counts[i + 1].Count : customers.Get % 100_000;
            var rate = funnel.Stages[i].Rate.Value;
            Assert.True(Fraction.FromInteger(counts[i].Count) * rate >= Fraction.FromInteger(next), "under-delivers");
            if (counts[i].Count > 0) Assert.True(Fraction.FromInteger(counts[i].Count - 1) * rate < Fraction.FromInteger(next), "not minimal");
        }
    }

    [Property(MaxTest = 300)]
    public void CountsFor_AgreesWithABruteForceSearch(PositiveInt a, PositiveInt b, PositiveInt customers)
    {
        var rate = RateFrom(a.Get, b.Get);
        var target = customers.Get % 2000;

        var count = Funnel.SingleStep(rate).CountsFor(target)[0].Count;

        // Oracle: count up from zero until count x rate delivers the target, with integers only.
        long oracle = 0;
        while (oracle * rate.Value.Numerator < target * rate.Value.Denominator) oracle++;
        Assert.Equal(oracle, count);
    }

    [Property(MaxTest = 300)]
    public void Compute_NeverUnderDelivers_AndSegmentsSumToTheTotal(PositiveInt quota, PositiveInt deal, int[] shareSeeds, int[] funnelSeeds)
    {
        var shares = SharesSummingToOne(shareSeeds);
        var segments = shares.Select((s, i) => new SegmentDefinition($"S{i}", Share.From(s, "share"))).ToList();
        var dealSize = F(deal.Get % 50_000 + 1);
        var input = new PlanInput(F(quota.Get), dealSize: dealSize, funnel: RandomFunnel(funnelSeeds), segments: segments);

        var plan = PlanCalculator.Compute(input);

        Assert.True(Fraction.FromInteger(plan.Total.Customers!.Value) * dealSize >= input.MarketingRevenueGoal);
        foreach (var (segment, share) in plan.Segments.Zip(shares))
            Assert.True(Fraction.FromInteger(segment.Customers!.Value) * dealSize >= input.MarketingRevenueGoal * share);
        Assert.Equal(plan.Segments.Sum(s => s.LeadsNeeded), plan.Total.LeadsNeeded);
        Assert.Equal(plan.Segments.Sum(s => s.Customers), plan.Total.Customers);
    }

    [Property(MaxTest = 200)]
    public void Compute_ValueGoal_LeadValueCoversTheGoal(PositiveInt quota, PositiveInt v1, PositiveInt v2, PositiveInt mix)
    {
        var m = new Fraction(mix.Get % 99 + 1, 100);
        var input = new PlanInput(F(quota.Get), goal: GoalKind.Value, leadTypes:
        [
            new LeadTypeDefinition("A", Value: F(v1.Get % 1000 + 1), Mix: Share.From(m, "mix")),
            new LeadTypeDefinition("B", Value: F(v2.Get % 1000 + 1), Mix: Share.From(Fraction.One - m, "mix")),
        ]);

        var plan = PlanCalculator.Compute(input);

        var delivered = Fraction.FromInteger(plan.LeadTypes[0].LeadsNeeded) * F(v1.Get % 1000 + 1)
            + Fraction.FromInteger(plan.LeadTypes[1].LeadsNeeded) * F(v2.Get % 1000 + 1);
        Assert.True(delivered >= input.MarketingRevenueGoal);
    }

    internal static Funnel RandomFunnel(int[] seeds)
    {
        var values = (seeds ?? []).Take(6).ToList();
        if (values.Count == 0) values.Add(7);
        if (values.Count % 2 == 1) values.Add(values[0] * 31 + 3);
        var stages = new List<FunnelStage>();
        for (var i = 0; i + 1 < values.Count; i += 2) stages.Add(new FunnelStage($"Stage{i}", RateFrom(values[i], values[i + 1])));
        return new Funnel(stages);
    }

    internal static List<Fraction> SharesSummingToOne(int[] seeds)
    {
        var weights = (seeds ?? []).Take(5).Select(s => (BigInteger)(Math.Abs(s % 50) + 1)).ToList();
        if (weights.Count == 0) weights.Add(1);
        var total = weights.Aggregate(BigInteger.Add);
        return weights.Select(w => new Fraction(w, total)).ToList();
    }
}
