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
        Assert.Equal([("MQL", 3978L), ("SQL", 1326), ("Opportunity", 1087)], plan.Total.Stages.Select(s => (s.Name, s.Count)));
        Assert.Equal(125.69m, plan.Total.ValuePerLead!.Value.ToDecimal(2));
        // Exact needs: 250 / 23% = 25,000/23 opportunities; / 82% and / (1/3) above it.
        Assert.Equal(F(250), plan.Total.CustomersExact);
        Assert.Equal([F(3_750_000, 943), F(1_250_000, 943), F(25_000, 23)], plan.Total.Stages.Select(s => s.Exact));
        Assert.Equal(F(3_750_000, 943), plan.Total.LeadsExact);
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
    public void Compute_ThirteenTwentySixSqlsAtOneThird_IsNever3979()
    {
        var plan = PlanCalculator.Compute(new PlanInput(F(1326), dealSize: F(1), funnel: Stages(("MQL", "1/3"))));

        Assert.Equal(3978, plan.Total.LeadsNeeded);
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("20%")]
    [InlineData("1/5")]
    [InlineData("one in five")]
    [InlineData("2 out of 10")]
    public void Compute_SixtyCustomersAtTwentyPercent_IsThreeHundredInEveryNotation(string rate)
    {
        Assert.Equal(300, PlanCalculator.Compute(new PlanInput(F(60), dealSize: F(1), funnel: Stages(("Lead", rate)))).Total.LeadsNeeded);
    }

    [Fact]
    public void Compute_Segments_RoundOnceOnTheTotals_AndSumToThem()
    {
        var input = new PlanInput(F(1_000_000), dealSize: F(5000), funnel: Seeds(), segments:
        [
            new SegmentDefinition("SMB", S("70%")),
            new SegmentDefinition("Enterprise", S("30%"), F(50_000), Stages(("MQL", "25%"), ("SQL", "50%"), ("Opportunity", "50%"))),
        ]);

        var plan = PlanCalculator.Compute(input);

        // Exact: SMB 140 customers, 608.70 opportunities, 742.31 SQLs, 2,226.94 MQLs; Enterprise 6, 12, 24, 96.
        // Totals: 146; ceil(146 x 620.70 / 146) = 621; ceil(621 x 766.31 / 620.70) = 767; ceil(767 x 2,322.94 / 766.31) = 2,326.
        Assert.Equal(146, plan.Total.Customers);
        Assert.Equal([2326L, 767, 621], plan.Total.Stages.Select(s => s.Count));
        Assert.Equal([140L, 6], plan.Segments.Select(s => s.Customers!.Value));
        Assert.Equal([2230L, 96], plan.Segments.Select(s => s.LeadsNeeded));
        Assert.Equal([743L, 24], plan.Segments.Select(s => s.Stages[1].Count));
        Assert.Equal([609L, 12], plan.Segments.Select(s => s.Stages[2].Count));
        Assert.Equal(F(96), plan.Segments[1].LeadsExact);
        Assert.Equal(plan.Segments.Sum(s => s.LeadsNeeded), plan.Total.LeadsNeeded);
    }

    /// <summary>
    /// The demo agreement (DemoAgreement.cs): quota 80,000 x 70%; MQL 1/4, SQL 40%, Opportunity 30%;
    /// SMB 30% at 2,400, Mid-Market 40% at 12,000, Enterprise 30% at 60,000; lead types 15/25/40/20%.
    /// </summary>
    internal static PlanInput DemoPlan() => new(F(80_000), S("70%"), F(9000), Stages(("MQL", "1/4"), ("SQL", "40%"), ("Opportunity", "30%")),
        segments: [new("SMB", S("30%"), F(2400)), new("Mid-Market", S("40%"), F(12_000)), new("Enterprise", S("30%"), F(60_000))],
        leadTypes:
        [
            new LeadTypeDefinition("Demo request", Mix: S("15%")), new LeadTypeDefinition("Webinar", Mix: S("25%")),
            new LeadTypeDefinition("Ebook", Mix: S("40%")), new LeadTypeDefinition("Paid social", Mix: S("20%")),
            new LeadTypeDefinition("Outbound", LeadOrigin.Sales),
        ]);

    [Fact]
    public void Compute_DemoAgreement_RoundsOnceOnTheTotals()
    {
        var plan = PlanCalculator.Compute(DemoPlan());

        // Exact customers 7 + 1.8667 + 0.28 = 9.1467 -> 10; 10 / 30% = 33.3 -> 34; 34 / 40% = 85; 85 x 4 = 340.
        Assert.Equal(10, plan.Total.Customers);
        Assert.Equal([("MQL", 340L), ("SQL", 85), ("Opportunity", 34)], plan.Total.Stages.Select(s => (s.Name, s.Count)));
        Assert.Equal(9.15m, plan.Total.CustomersExact!.Value.ToDecimal(2));
        Assert.Equal(304.89m, plan.Total.LeadsExact.ToDecimal(2));
        Assert.Equal([(8L, 7m), (2, 1.87m), (0, 0.28m)], plan.Segments.Select(s => (s.Customers!.Value, s.CustomersExact!.Value.ToDecimal(2))));
        Assert.Equal([260L, 69, 11], plan.Segments.Select(s => s.LeadsNeeded));
        Assert.Equal([51L, 85, 136, 68], plan.LeadTypes.Select(t => t.LeadsNeeded));
        Assert.Equal([1L, 3, 4, 2], plan.LeadTypes.Select(t => t.Customers!.Value));
    }

    [Theory]
    [InlineData("SMB", "Demo request", 1, 4, 10, 39, 1.05)]
    [InlineData("SMB", "Webinar", 2, 7, 16, 65, 1.75)]
    [InlineData("SMB", "Ebook", 3, 10, 26, 104, 2.8)]
    [InlineData("SMB", "Paid social", 2, 5, 13, 52, 1.4)]
    [InlineData("Mid-Market", "Demo request", 0, 1, 3, 10, 0.28)]
    [InlineData("Mid-Market", "Webinar", 1, 2, 4, 17, 0.47)]
    [InlineData("Mid-Market", "Ebook", 1, 3, 7, 28, 0.75)]
    [InlineData("Mid-Market", "Paid social", 0, 1, 3, 14, 0.37)]
    [InlineData("Enterprise", "Demo request", 0, 0, 0, 2, 0.04)]
    [InlineData("Enterprise", "Webinar", 0, 0, 1, 3, 0.07)]
    [InlineData("Enterprise", "Ebook", 0, 1, 1, 4, 0.11)]
    [InlineData("Enterprise", "Paid social", 0, 0, 1, 2, 0.06)]
    public void Compute_DemoAgreement_CellByCell(string segment, string type, long customers, long opportunities, long sqls, long mqls, double customersExact)
    {
        var cell = PlanCalculator.Compute(DemoPlan()).Cells.Single(c => c.Segment == segment && c.LeadType == type);

        Assert.Equal(customers, cell.Figures.Customers);
        Assert.Equal([mqls, sqls, opportunities], cell.Figures.Stages.Select(s => s.Count));
        Assert.Equal((decimal)customersExact, cell.Figures.CustomersExact!.Value.ToDecimal(2));
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
