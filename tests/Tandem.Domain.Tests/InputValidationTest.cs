using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using static Tandem.Domain.Tests.Build;

namespace Tandem.Domain.Tests;

public class InputValidationTest
{
    [Theory]
    [InlineData("fraction", "0.23", 23, 100)]
    [InlineData("percent", "23%", 23, 100)]
    [InlineData("decimal percent", "33.5%", 67, 200)]
    [InlineData("ratio", "1/3", 1, 3)]
    [InlineData("in", "1 in 3", 1, 3)]
    [InlineData("words", "one in three", 1, 3)]
    [InlineData("out of", "2 out of 5", 2, 5)]
    [InlineData("whole", "100%", 1, 1)]
    [InlineData("one", "1", 1, 1)]
    public void RateParse_AcceptedNotations(string scenario, string text, long n, long d)
    {
        Assert.True(Rate.Parse(text, "--close-rate").Value == F(n, d), scenario);
    }

    [Theory]
    [InlineData("bare number above 1", "23", "ambiguous")]
    [InlineData("zero", "0", "")]
    [InlineData("zero percent", "0%", "")]
    [InlineData("negative", "-5%", "")]
    [InlineData("above 100%", "101%", "")]
    [InlineData("not a number", "abc", "")]
    [InlineData("division by zero", "1/0", "")]
    [InlineData("empty", "", "")]
    public void RateParse_Refused_NamesTheField(string scenario, string text, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => Rate.Parse(text, "--close-rate"));

        Assert.Equal("--close-rate", e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason), scenario);
    }

    [Theory]
    [InlineData("0%", 0, 1)]
    [InlineData("100%", 1, 1)]
    [InlineData("0.6", 3, 5)]
    public void ShareParse_ZeroToHundredPercent(string text, long n, long d) =>
        Assert.True(Share.Parse(text, "--marketing-share").Value == F(n, d));

    [Theory]
    [InlineData("-1%")]
    [InlineData("150%")]
    [InlineData("2")]
    public void ShareParse_OutsideZeroToHundred_IsRefused(string text) =>
        Assert.Equal("--marketing-share", Assert.Throws<InvalidInputException>(() => Share.Parse(text, "--marketing-share")).Field);

    [Theory]
    [InlineData("500000", 500_000)]
    [InlineData("500,000", 500_000)]
    [InlineData("1_000", 1000)]
    [InlineData("2000.50", 2000.5)]
    public void AmountParse_Accepted(string text, decimal expected) =>
        Assert.Equal(expected, Amount.ParsePositive(text, "--quota").ToDecimal(2));

    [Theory]
    [InlineData("currency symbol", "$5")]
    [InlineData("zero", "0")]
    [InlineData("negative", "-100")]
    [InlineData("words", "lots")]
    public void AmountParse_Refused(string scenario, string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => Amount.ParsePositive(text, "--quota"));
        Assert.True(e.Field == "--quota", scenario);
    }

    public static TheoryData<string, Func<object>, string, string> InvalidPlans => new()
    {
        { "duplicate stage", () => Stages(("MQL", "50%"), ("mql", "50%")), "funnel", "appears twice" },
        { "empty funnel", () => new Funnel([]), "funnel", "" },
        { "stage named Customer", () => Stages(("Customer", "50%")), "funnel", "Customer" },
        { "quota zero", () => new PlanInput(F(0), dealSize: F(1), funnel: Seeds()), "quota", "greater than 0" },
        { "deal size negative", () => new PlanInput(F(10), dealSize: F(-1), funnel: Seeds()), "dealSize", "greater than 0" },
        { "no funnel", () => new PlanInput(F(10), dealSize: F(1)), "funnel", "" },
        { "no deal size", () => new PlanInput(F(10), funnel: Seeds()), "dealSize", "" },
        { "shares not 100%", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), segments: [new("A", S("50%")), new("B", S("40%"))]), "segments", "90%" },
        { "duplicate segment", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), segments: [new("A", S("50%")), new("a", S("50%"))]), "segments[2].name", "" },
        { "value goal without values", () => new PlanInput(F(10), goal: GoalKind.Value, leadTypes: [new LeadTypeDefinition("A", Mix: S("100%"))]), "leadTypes[1].value", "" },
        { "mixes not 100%", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), leadTypes: [new LeadTypeDefinition("A", Mix: S("50%")), new LeadTypeDefinition("B", Mix: S("30%"))]), "leadTypes", "" },
        { "segment funnel with other stages", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), segments: [new("A", S("50%")), new("B", S("50%"), Funnel: Stages(("Lead", "10%")))]), "segments[2].funnel", "names the stages Lead -> Customer, but the agreement's funnel names MQL -> SQL -> Opportunity -> Customer" },
        { "segment funnel in another order", () => new PlanInput(F(10), dealSize: F(1), segments: [new("A", S("50%"), Funnel: Stages(("MQL", "50%"), ("SQL", "50%"))), new("B", S("50%"), Funnel: Stages(("SQL", "50%"), ("MQL", "50%")))]), "segments[2].funnel", "the funnel of segment 'A' names MQL -> SQL -> Customer" },
        { "lead type funnel with a stage less", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), leadTypes: [new LeadTypeDefinition("A", Mix: S("50%"), Funnel: Stages(("MQL", "50%"), ("SQL", "50%"))), new LeadTypeDefinition("B", Mix: S("50%"))]), "leadTypes[1].funnel", "same stages in the same order" },
        { "sales lead type funnel with other stages", () => new PlanInput(F(10), dealSize: F(1), funnel: Seeds(), leadTypes: [new LeadTypeDefinition("Outbound", LeadOrigin.Sales, Funnel: Stages(("Lead", "5%")))]), "leadTypes[1].funnel", "same stages" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public void PlanInput_Invalid_NamesTheFieldAndReason(string scenario, Func<object> build, string field, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(build);

        Assert.True(e.Field.StartsWith(field, StringComparison.Ordinal), $"{scenario}: field {e.Field}, expected {field}");
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
