using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using static Tandem.Domain.Tests.Build;

namespace Tandem.Domain.Tests;

/// <summary>Plans built from arbitrary numbers for property tests: segments and lead types with their own deal sizes and funnels.</summary>
internal static class RandomPlans
{
    /// <summary>
    /// One to five segments (every other with its own funnel, each with its own deal size), none to
    /// five lead types (every third with its own funnel), one to three stages named alike in every funnel.
    /// </summary>
    public static PlanInput Mixed(int quota, int[] shareSeeds, int[] mixSeeds, int[] rateSeeds)
    {
        var rates = (rateSeeds ?? []).Take(12).ToList();
        if (rates.Count == 0) rates.Add(5);
        var stageCount = Math.Abs(rates[0] % 3) + 1;
        Funnel FunnelFrom(int offset) => new(Enumerable.Range(0, stageCount)
            .Select(i => new FunnelStage($"Stage{i}", RateFrom(rates[(offset + 2 * i) % rates.Count] * 17 + offset, rates[(offset + 2 * i + 1) % rates.Count] + 31 * i))));

        var seeds = (shareSeeds ?? []).ToList();
        var segments = PlanPropertiesTest.SharesSummingToOne(shareSeeds ?? []).Select((share, i) => new SegmentDefinition(
            $"S{i}", Share.From(share, "share"), F(Math.Abs((i < seeds.Count ? seeds[i] : 3) % 20_000) + 100 + 1000 * i), i % 2 == 1 ? FunnelFrom(i + 1) : null)).ToList();
        var types = mixSeeds is null || mixSeeds.Length == 0
            ? []
            : PlanPropertiesTest.SharesSummingToOne(mixSeeds).Select((mix, i) => new LeadTypeDefinition(
                $"T{i}", Mix: Share.From(mix, "mix"), Funnel: i % 3 == 2 ? FunnelFrom(i + 7) : null)).ToList();
        return new PlanInput(F(quota), dealSize: F(2000), funnel: FunnelFrom(0), segments: segments, leadTypes: types);
    }
}
