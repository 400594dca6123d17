using FsCheck;
using FsCheck.Xunit;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Domain.Tests;

public class PlanSensitivityTest
{
    private static readonly Fraction OnePoint = new(1, 100);

    [Fact]
    public void SeedsExample_OpportunityRateMovesTheGoalMost()
    {
        // 250 customers. Opportunity 23% -> 24%: 1,042 opportunities, 1,271 SQLs, 3,813 MQLs (-165).
        // MQL 1/3 -> 103/300: 3,863 (-115). SQL 82% -> 83%: 1,310 SQLs, 3,930 MQLs (-48).
        var input = new PlanInput(500_000, dealSize: 2000, funnel: new Funnel([
            new FunnelStage("MQL", Rate.Parse("1/3", "r")), new FunnelStage("SQL", Rate.Parse("82%", "r")), new FunnelStage("Opportunity", Rate.Parse("23%", "r"))]));

        var levers = PlanSensitivity.Of(input, OnePoint);

        Assert.Equal(["Opportunity -> Customer", "MQL -> SQL", "SQL -> Opportunity"], levers.Select(l => l.Step));
        Assert.Equal([3813L, 3863, 3930], levers.Select(l => l.LeadsNeeded));
        Assert.Equal([-165L, -115, -48], levers.Select(l => l.Change));
        Assert.Equal(Rate.Parse("24%", "r"), levers[0].Improved);
        Assert.All(levers, l => Assert.Null(l.Funnel));
    }

    [Fact]
    public void OwnFunnels_AreLeversOfTheirSegment_AndAFullRateIsNone()
    {
        var own = new Funnel([new FunnelStage("MQL", Rate.Parse("100%", "r")), new FunnelStage("SQL", Rate.Parse("50%", "r"))]);
        var main = new Funnel([new FunnelStage("MQL", Rate.Parse("10%", "r")), new FunnelStage("SQL", Rate.Parse("100%", "r"))]);
        var input = new PlanInput(100_000, dealSize: 1000, funnel: main, segments:
        [
            new SegmentDefinition("SMB", Share.Parse("50%", "s")),
            new SegmentDefinition("Enterprise", Share.Parse("50%", "s"), Funnel: own),
        ]);

        var levers = PlanSensitivity.Of(input, OnePoint);

        Assert.Equal([(null, "MQL -> SQL"), ("Enterprise", "SQL -> Customer")], levers.Select(l => (l.Funnel, l.Step)).OrderBy(l => l.Funnel));
        Assert.Empty(PlanSensitivity.Of(new PlanInput(1000, goal: GoalKind.Value, leadTypes: [new LeadTypeDefinition("Webinar", Value: 50, Mix: Share.Whole)]), OnePoint));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanSensitivity.Of(input, Fraction.Zero));
    }

    [Property(MaxTest = 300)]
    public void EveryLever_IsTheWholePlanComputedAgain_NeverMoreLeads_MostSavedFirst(PositiveInt quota, PositiveInt deal, int[] seeds, PositiveInt points)
    {
        var funnel = PlanPropertiesTest.RandomFunnel(seeds);
        var input = new PlanInput(quota.Get % 10_000_000 + 1, dealSize: deal.Get % 50_000 + 1, funnel: funnel);
        var step = new Fraction(points.Get % 20 + 1, 100);
        var planned = PlanCalculator.Compute(input).Total.LeadsNeeded;

        var levers = PlanSensitivity.Of(input, step);

        Assert.Equal(funnel.Stages.Count(s => s.Rate.Value < Fraction.One), levers.Count);
        foreach (var lever in levers)
        {
            var index = funnel.Stages.Select((s, i) => (s, i)).Single(p => lever.Step.StartsWith(p.s.Name + " ->", StringComparison.Ordinal)).i;
            var raised = funnel.Stages[index].Rate.Value + step;
            Assert.Equal(raised > Fraction.One ? Fraction.One : raised, lever.Improved.Value);
            var oracle = PlanCalculator.Compute(new PlanInput(input.Quota, dealSize: input.DealSize, funnel: funnel.WithRate(index, lever.Improved))).Total.LeadsNeeded;
            Assert.Equal(oracle, lever.LeadsNeeded);
            Assert.Equal(oracle - planned, lever.Change);
            Assert.True(lever.Change <= 0);
        }
        Assert.Equal(levers.Select(l => l.Change).Order(), levers.Select(l => l.Change));
    }
}
