using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using static Tandem.Domain.Tests.Build;

namespace Tandem.Domain.Tests;

public class WorkedExampleTest
{
    [Fact]
    public void Compute_SeedsExample_MatchesTheArticle()
    {
        var plan = PlanCalculator.Compute(new PlanInput(F(500_000), dealSize: F(2000), funnel: Seeds()));

        Assert.Equal(250, plan.Total.Customers);
        Assert.Equal(3978, plan.Total.LeadsNeeded);
        Assert.Equal([new StageCount("MQL", 3978), new StageCount("SQL", 1326), new StageCount("Opportunity", 1087)], plan.Total.Stages);
        Assert.Equal(125.69m, plan.Total.ValuePerLead!.Value.ToDecimal(2));
    }

    [Fact]
    public void Compute_SimpleFormWithShare_IsExactlyThreeHundred()
    {
        var input = new PlanInput(F(1_000_000), S("60%"), F(10_000), Funnel.SingleStep(R("20%")));

        var plan = PlanCalculator.Compute(input);

        Assert.Equal(F(600_000), input.MarketingRevenueGoal);
        Assert.Equal(60, plan.Total.Customers);
        Assert.Equal(300, plan.Total.LeadsNeeded);
        Assert.Equal("Lead", Assert.Single(plan.Total.Stages).Name);
    }

    [Fact]
    public void CountsFor_ThirteenTwentySixSqlsAtOneThird_IsNever3979()
    {
        var counts = Stages(("MQL", "1/3")).CountsFor(1326);

        Assert.Equal(3978, counts[0].Count);
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("20%")]
    [InlineData("1/5")]
    [InlineData("one in five")]
    [InlineData("2 out of 10")]
    public void CountsFor_SixtyCustomersAtTwentyPercent_IsThreeHundredInEveryNotation(string rate)
    {
        Assert.Equal(300, Stages(("Lead", rate)).CountsFor(60)[0].Count);
    }

    [Fact]
    public void Compute_Segments_SumToTheTotal()
    {
        var input = new PlanInput(F(1_000_000), dealSize: F(5000), funnel: Seeds(), segments:
        [
            new SegmentDefinition("SMB", S("70%")),
            new SegmentDefinition("Enterprise", S("30%"), F(50_000), Stages(("MQL", "25%"), ("SQL", "50%"))),
        ]);

        var plan = PlanCalculator.Compute(input);

        Assert.Equal(2, plan.Segments.Count);
        Assert.Equal(140, plan.Segments[0].Customers);  // 700,000 / 5,000
        Assert.Equal(6, plan.Segments[1].Customers);    // 300,000 / 50,000
        Assert.Equal(48, plan.Segments[1].LeadsNeeded); // 6 / 50% = 12 SQL; 12 / 25% = 48 MQL
        Assert.Equal(plan.Segments.Sum(s => s.LeadsNeeded), plan.Total.LeadsNeeded);
    }

    [Fact]
    public void Compute_ValueGoal_SplitsLeadValueByMix()
    {
        var input = new PlanInput(F(100_000), S("50%"), goal: GoalKind.Value, leadTypes:
        [
            new LeadTypeDefinition("Demo request", LeadOrigin.Marketing, "high", F(400), S("40%")),
            new LeadTypeDefinition("Ebook", LeadOrigin.Marketing, "low", F(30), S("60%")),
            new LeadTypeDefinition("Outbound", LeadOrigin.Sales),
        ]);

        var plan = PlanCalculator.Compute(input);

        Assert.Equal(50, plan.LeadTypes[0].LeadsNeeded);   // 20,000 / 400
        Assert.Equal(1000, plan.LeadTypes[1].LeadsNeeded); // 30,000 / 30
        Assert.Equal(1050, plan.Total.LeadsNeeded);
        Assert.Null(plan.Total.Customers);
        Assert.Equal(2, plan.LeadTypes.Count);
    }

    [Fact]
    public void Compute_LeadTypeFunnel_TakesPrecedenceOverSegmentAndAgreement()
    {
        var input = new PlanInput(F(100_000), dealSize: F(1000), funnel: Stages(("Lead", "10%")),
            segments: [new SegmentDefinition("All", S("100%"), Funnel: Stages(("Lead", "20%")))],
            leadTypes: [new LeadTypeDefinition("Demo", Mix: S("50%"), Funnel: Stages(("Lead", "50%"))), new LeadTypeDefinition("Ebook", Mix: S("50%"))]);

        var plan = PlanCalculator.Compute(input);

        Assert.Equal(100, plan.LeadTypes[0].LeadsNeeded);  // 50 customers at 50%
        Assert.Equal(250, plan.LeadTypes[1].LeadsNeeded);  // segment's 20%, not the agreement's 10%
    }
}
