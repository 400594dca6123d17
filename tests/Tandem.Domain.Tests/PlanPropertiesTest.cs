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
    public void Compute_OneCell_IsTheSeedsChain(int[] seeds, PositiveInt quota, PositiveInt deal)
    {
        var funnel = RandomFunnel(seeds);
        var dealSize = F(deal.Get % 50_000 + 1);

        var plan = PlanCalculator.Compute(new PlanInput(F(quota.Get), dealSize: dealSize, funnel: funnel));

        // Oracle: the seeds' chain, rounding up at every stage from the whole customers.
        var chain = new long[funnel.Stages.Count];
        var next = (long)(F(quota.Get) / dealSize).Ceiling();
        for (var i = funnel.Stages.Count - 1; i >= 0; i--) chain[i] = next = (long)(Fraction.FromInteger(next) / funnel.Stages[i].Rate.Value).Ceiling();
        Assert.Equal((long)(F(quota.Get) / dealSize).Ceiling(), plan.Total.Customers);
        Assert.Equal(chain, plan.Total.Stages.Select(s => s.Count));
        Assert.Equal(chain[0], Assert.Single(plan.Cells).Figures.LeadsNeeded);
    }

    [Property(MaxTest = 500)]
    public void Compute_OneFunnel_IsTheSmallestCountThatDeliversTheNextStage(int[] seeds, PositiveInt customers)
    {
        var funnel = RandomFunnel(seeds);
        var target = customers.Get % 100_000 + 1;

        var counts = PlanCalculator.Compute(new PlanInput(F(target), dealSize: F(1), funnel: funnel)).Total.Stages;

        for (var i = 0; i < counts.Count; i++)
        {
            var next = i + 1 < counts.Count ? counts[i + 1].Count : target;
            var rate = funnel.Stages[i].Rate.Value;
            Assert.True(Fraction.FromInteger(counts[i].Count) * rate >= Fraction.FromInteger(next), "under-delivers");
            Assert.True(Fraction.FromInteger(counts[i].Count - 1) * rate < Fraction.FromInteger(next), "not minimal");
        }
    }

    [Property(MaxTest = 300)]
    public void Compute_OneStep_AgreesWithABruteForceSearch(PositiveInt a, PositiveInt b, PositiveInt customers)
    {
        var rate = RateFrom(a.Get, b.Get);
        var target = customers.Get % 2000 + 1;

        var count = PlanCalculator.Compute(new PlanInput(F(target), dealSize: F(1), funnel: Funnel.SingleStep(rate))).Total.LeadsNeeded;

        // Oracle: count up from zero until count x rate delivers the target, with integers only.
        long oracle = 0;
        while (oracle * rate.Value.Numerator < target * rate.Value.Denominator) oracle++;
        Assert.Equal(oracle, count);
    }

    [Property(MaxTest = 300)]
    public void Compute_CellsSumToTheTotals_AtEveryStage(PositiveInt quota, int[] shareSeeds, int[] mixSeeds, int[] rateSeeds)
    {
        var plan = PlanCalculator.Compute(RandomPlans.Mixed(quota.Get, shareSeeds, mixSeeds, rateSeeds));

        Assert.Equal(plan.Cells.Sum(c => c.Figures.Customers), plan.Total.Customers);
        Assert.Equal(plan.Cells.Sum(c => c.Figures.LeadsNeeded), plan.Total.LeadsNeeded);
        for (var s = 0; s < plan.Total.Stages.Count; s++)
            Assert.Equal(plan.Cells.Sum(c => c.Figures.Stages[s].Count), plan.Total.Stages[s].Count);
        foreach (var parts in new[] { plan.Segments, plan.LeadTypes }.Where(p => p.Count > 0))
        {
            Assert.Equal(plan.Total.Customers, parts.Sum(p => p.Customers));
            for (var s = 0; s < plan.Total.Stages.Count; s++)
                Assert.Equal(plan.Total.Stages[s].Count, parts.Sum(p => p.Stages[s].Count));
        }
    }

    [Property(MaxTest = 300)]
    public void Compute_TotalsAreTheExactSumsRoundedOnce(PositiveInt quota, int[] shareSeeds, int[] mixSeeds, int[] rateSeeds)
    {
        var plan = PlanCalculator.Compute(RandomPlans.Mixed(quota.Get, shareSeeds, mixSeeds, rateSeeds));
        var total = plan.Total;

        // Exact needs: each cell's customers = its goal / deal size, each stage = the next / the step's rate; summed.
        foreach (var cell in plan.Cells)
        {
            Assert.Equal(cell.Figures.RevenueGoal / cell.DealSize!.Value, cell.Figures.CustomersExact);
            for (var s = 0; s < cell.Funnel!.Stages.Count; s++)
            {
                var next = s + 1 < cell.Funnel.Stages.Count ? cell.Figures.Stages[s + 1].Exact : cell.Figures.CustomersExact!.Value;
                Assert.Equal(next / cell.Funnel.Stages[s].Rate.Value, cell.Figures.Stages[s].Exact);
            }
        }
        var exact = Enumerable.Range(0, total.Stages.Count).Select(s => plan.Cells.Aggregate(Fraction.Zero, (sum, c) => sum + c.Figures.Stages[s].Exact))
            .Append(plan.Cells.Aggregate(Fraction.Zero, (sum, c) => sum + c.Figures.CustomersExact!.Value)).ToList();
        Assert.Equal(exact, total.Stages.Select(s => s.Exact).Append(total.CustomersExact!.Value));
        // The rule as written: T_customer = ceil(E_customer); T_s = ceil(T_next x E_s / E_next), 0 when E_next is 0.
        var counts = total.Stages.Select(s => s.Count).Append(total.Customers!.Value).ToList();
        Assert.Equal((long)exact[^1].Ceiling(), counts[^1]);
        for (var l = exact.Count - 2; l >= 0; l--)
            Assert.Equal(exact[l + 1].Sign == 0 ? 0 : (long)(Fraction.FromInteger(counts[l + 1]) * exact[l] / exact[l + 1]).Ceiling(), counts[l]);
    }

    [Property(MaxTest = 300)]
    public void Compute_EveryCellIsItsProportionalShareRoundedDownOrUp(PositiveInt quota, int[] shareSeeds, int[] mixSeeds, int[] rateSeeds)
    {
        var plan = PlanCalculator.Compute(RandomPlans.Mixed(quota.Get, shareSeeds, mixSeeds, rateSeeds));

        foreach (var cell in plan.Cells)
        {
            AssertShare(cell.Figures.Customers!.Value, plan.Total.Customers!.Value, cell.Figures.CustomersExact!.Value, plan.Total.CustomersExact!.Value);
            for (var s = 0; s < plan.Total.Stages.Count; s++)
                AssertShare(cell.Figures.Stages[s].Count, plan.Total.Stages[s].Count, cell.Figures.Stages[s].Exact, plan.Total.Stages[s].Exact);
        }

        static void AssertShare(long count, long total, Fraction exact, Fraction exactTotal)
        {
            var share = exactTotal.Sign == 0 ? Fraction.Zero : Fraction.FromInteger(total) * exact / exactTotal;
            Assert.True(count == share.Floor() || count == share.Ceiling(), $"{count} is not {share.ToDecimal(4)} rounded");
        }
    }

    [Property(MaxTest = 300)]
    public void Compute_SplittingASharedFunnelAndDealSize_ChangesNoStageTotal(PositiveInt quota, PositiveInt deal, int[] shareSeeds, int[] mixSeeds, int[] funnelSeeds)
    {
        var funnel = RandomFunnel(funnelSeeds);
        var dealSize = F(deal.Get % 50_000 + 1);
        var whole = PlanCalculator.Compute(new PlanInput(F(quota.Get), dealSize: dealSize, funnel: funnel));
        var segments = SharesSummingToOne(shareSeeds).Select((s, i) => new SegmentDefinition($"S{i}", Share.From(s, "share"), i % 2 == 0 ? dealSize : null)).ToList();
        var types = SharesSummingToOne(mixSeeds).Select((m, i) => new LeadTypeDefinition($"T{i}", Mix: Share.From(m, "mix"), Funnel: i % 2 == 1 ? funnel : null)).ToList();

        var split = PlanCalculator.Compute(new PlanInput(F(quota.Get), dealSize: dealSize, funnel: funnel, segments: segments, leadTypes: types));

        Assert.Equal(whole.Total.Customers, split.Total.Customers);
        Assert.Equal(whole.Total.Stages.Select(s => s.Count), split.Total.Stages.Select(s => s.Count));
        Assert.Equal(whole.Total.Stages.Select(s => s.Exact), split.Total.Stages.Select(s => s.Exact));
    }

    [Property(MaxTest = 300)]
    public void Compute_RaisingASharedRate_NeverRaisesAnyStageTotal(PositiveInt quota, PositiveInt deal, int[] shareSeeds, int[] funnelSeeds, int which, PositiveInt raise)
    {
        var funnel = RandomFunnel(funnelSeeds);
        var index = Math.Abs(which % funnel.Stages.Count);
        var old = funnel.Stages[index].Rate.Value;
        var higher = old + (Fraction.One - old) * new Fraction(raise.Get % 100 + 1, 100);
        var segments = SharesSummingToOne(shareSeeds).Select((s, i) => new SegmentDefinition($"S{i}", Share.From(s, "share"), F(deal.Get % 50_000 + 1 + i * 1000))).ToList();

        var before = PlanCalculator.Compute(new PlanInput(F(quota.Get), funnel: funnel, segments: segments)).Total.Stages;
        var after = PlanCalculator.Compute(new PlanInput(F(quota.Get), funnel: funnel.WithRate(index, Rate.From(higher, "rate")), segments: segments)).Total.Stages;

        for (var i = 0; i < before.Count; i++) Assert.True(after[i].Count <= before[i].Count, $"stage {i}: {before[i].Count} -> {after[i].Count}");
    }

    [Property(MaxTest = 300)]
    public void Compute_RaisingAnyCellsRate_NeverRaisesAnyExactNeed(PositiveInt quota, int[] shareSeeds, int[] mixSeeds, int[] rateSeeds, int which, PositiveInt raise)
    {
        var input = RandomPlans.Mixed(quota.Get, shareSeeds, mixSeeds, rateSeeds);
        var segment = Math.Abs(which % input.Segments.Count);
        var own = input.Segments[segment].Funnel ?? input.Funnel!;
        var index = Math.Abs(which / 7 % own.Stages.Count);
        var old = own.Stages[index].Rate.Value;
        var raised = own.WithRate(index, Rate.From(old + (Fraction.One - old) * new Fraction(raise.Get % 100 + 1, 100), "rate"));
        var changed = new PlanInput(input.Quota, input.MarketingShare, input.DealSize, input.Funnel, input.Goal,
            [.. input.Segments.Select((s, i) => i == segment ? s with { Funnel = raised } : s)], input.LeadTypes);

        var before = PlanCalculator.Compute(input);
        var after = PlanCalculator.Compute(changed);

        // Exact needs only fall. The rounded totals need not, when cells have different funnels: the
        // raised cell weighs less in the mix, so the mix's ratio between two stages can rise (see
        // Compute_MixedFunnels_RoundOnceFollowsTheMix).
        for (var s = 0; s < before.Total.Stages.Count; s++) Assert.True(after.Total.Stages[s].Exact <= before.Total.Stages[s].Exact);
        Assert.Equal(before.Total.CustomersExact, after.Total.CustomersExact);
    }

    [Fact]
    public void Compute_MixedFunnels_RoundOnceFollowsTheMix()
    {
        // Two cells of 2.5 customers each; A converts SQL -> Opportunity at 100%, B at 10%.
        PlanInput Plan(string opportunityRateOfA) => new(F(10), dealSize: F(2), segments:
        [
            new SegmentDefinition("A", S("50%"), Funnel: Stages(("SQL", "100%"), ("Opportunity", opportunityRateOfA))),
            new SegmentDefinition("B", S("50%"), Funnel: Stages(("SQL", "10%"), ("Opportunity", "50%"))),
        ]);

        var before = PlanCalculator.Compute(Plan("50%")).Total;
        var after = PlanCalculator.Compute(Plan("250/401")).Total;

        // Before: 5 customers, 10 opportunities (5 + 5), SQLs ceil(10 x 55 / 10) = 55.
        Assert.Equal([55L, 10], before.Stages.Select(s => s.Count));
        // A's opportunities fall to 4.01: 10 opportunities still (ceil 9.01), and the mix now leans to
        // B's 10%: ceil(10 x 54.01 / 9.01) = 60 SQLs, though the exact need fell from 55 to 54.01.
        Assert.Equal([60L, 10], after.Stages.Select(s => s.Count));
        Assert.Equal(F(5401, 100), after.Stages[0].Exact);
    }

    [Property(MaxTest = 200)]
    public void Compute_ValueGoal_RoundsTheLeadsOnceAndApportionsThem(PositiveInt quota, PositiveInt v1, PositiveInt v2, PositiveInt mix, int[] shareSeeds)
    {
        var m = new Fraction(mix.Get % 99 + 1, 100);
        var segments = SharesSummingToOne(shareSeeds).Select((s, i) => new SegmentDefinition($"S{i}", Share.From(s, "share"))).ToList();
        var input = new PlanInput(F(quota.Get), goal: GoalKind.Value, segments: segments, leadTypes:
        [
            new LeadTypeDefinition("A", Value: F(v1.Get % 1000 + 1), Mix: Share.From(m, "mix")),
            new LeadTypeDefinition("B", Value: F(v2.Get % 1000 + 1), Mix: Share.From(Fraction.One - m, "mix")),
        ]);

        var plan = PlanCalculator.Compute(input);

        var exact = m * input.MarketingRevenueGoal / F(v1.Get % 1000 + 1) + (Fraction.One - m) * input.MarketingRevenueGoal / F(v2.Get % 1000 + 1);
        Assert.Equal(exact, plan.Total.LeadsExact);
        Assert.Equal((long)exact.Ceiling(), plan.Total.LeadsNeeded);
        Assert.Equal(plan.Total.LeadsNeeded, plan.LeadTypes.Sum(t => t.LeadsNeeded));
        Assert.Equal(plan.Total.LeadsNeeded, plan.Segments.Sum(t => t.LeadsNeeded));
        Assert.All(plan.Cells, c => Assert.True(c.Figures.LeadsNeeded == (plan.Total.LeadsNeeded * c.Figures.LeadsExact / exact).Floor()
            || c.Figures.LeadsNeeded == (plan.Total.LeadsNeeded * c.Figures.LeadsExact / exact).Ceiling()));
        Assert.Null(plan.Total.Customers);
    }

    [Property(MaxTest = 500)]
    public void Apportion_SumsToTheTotal_EachPartItsShareRounded_TiesToTheFirst(int[] weightSeeds, NonNegativeInt total)
    {
        var weights = (weightSeeds ?? []).Take(8).Select(w => new Fraction(Math.Abs(w % 7), Math.Abs(w % 3) + 1)).ToList();
        if (weights.Count == 0 || weights.All(w => w.Sign == 0)) weights.Add(Fraction.One);
        var sum = weights.Aggregate(Fraction.Zero, (s, w) => s + w);
        var t = total.Get % 1000;

        var counts = LargestRemainder.Apportion(t, weights);

        Assert.Equal(t, counts.Sum());
        for (var i = 0; i < weights.Count; i++)
        {
            var share = Fraction.FromInteger(t) * weights[i] / sum;
            Assert.True(counts[i] == share.Floor() || counts[i] == share.Ceiling());
            // A part rounded down never has a larger remainder than one rounded up, nor an equal one listed before it.
            for (var j = 0; j < weights.Count; j++)
            {
                var other = Fraction.FromInteger(t) * weights[j] / sum;
                if (counts[i] == share.Floor() && share != Fraction.FromInteger(share.Floor()) && counts[j] == other.Ceiling() && other != Fraction.FromInteger(other.Floor()))
                {
                    var mine = share - Fraction.FromInteger(share.Floor());
                    var theirs = other - Fraction.FromInteger(other.Floor());
                    Assert.True(mine < theirs || (mine == theirs && j < i), $"part {i} ({mine}) lost to part {j} ({theirs})");
                }
            }
        }
    }

    [Fact]
    public void Apportion_EqualRemainders_GoToThePartListedFirst()
    {
        Assert.Equal([1L, 0, 0], LargestRemainder.Apportion(1, [Fraction.One, Fraction.One, Fraction.One]));
        Assert.Equal([1L, 1, 0], LargestRemainder.Apportion(2, [Fraction.One, Fraction.One, Fraction.One]));
        Assert.Equal([0L, 1, 0], LargestRemainder.Apportion(1, [Fraction.Zero, Fraction.One, Fraction.Zero]));
        Assert.Equal([0L, 0], LargestRemainder.Apportion(0, [Fraction.Zero, Fraction.Zero]));
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
