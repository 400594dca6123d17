using Tandem.Data.Import;

namespace Tandem.Data.Tests.Import;

public class QualityRulesTest
{
    private static FieldNeed Need(ImportKind kind, string field) => QualityRules.For(kind).Single(n => n.Field == field);

    [Fact]
    public void For_EveryKind_NamesTheFieldsTheReportsNeed()
    {
        Assert.Equal(["lead_type", "segment", "owner"], QualityRules.For(ImportKind.Leads).Select(n => n.Field));
        Assert.Equal(["amount", "lead_id"], QualityRules.For(ImportKind.Deals).Select(n => n.Field));
        Assert.Equal(["outcome"], QualityRules.For(ImportKind.Touches).Select(n => n.Field));
        Assert.Equal(["rep"], QualityRules.For(ImportKind.Stages).Select(n => n.Field));
        Assert.Equal(["weekly_hours", "marketing_share"], QualityRules.For(ImportKind.Reps).Select(n => n.Field));
        // Every column named is a column of the kind's table.
        foreach (var kind in ImportKinds.All)
            foreach (var need in QualityRules.For(kind))
                Assert.Contains(need.Column, kind.Table().Fields);
    }

    [Theory]
    [InlineData(true, true, new[] { "lead_type", "segment", "owner" })]
    [InlineData(false, true, new[] { "lead_type", "owner" })]
    [InlineData(true, false, new[] { "segment", "owner" })]
    [InlineData(false, false, new[] { "owner" })]
    public void For_Leads_LeavesOutWhatThePlanDoesNotSplitBy(bool segments, bool leadTypes, string[] fields) =>
        Assert.Equal(fields, QualityRules.For(ImportKind.Leads, segments, leadTypes).Select(n => n.Field));

    [Fact]
    public void DealAmount_CountsOnWonDealsOnly() => Assert.Equal(("status", "won"), Need(ImportKind.Deals, "amount").OnlyWhere);

    [Fact]
    public void Missing_SaysHowManyAndWhichFiguresLoseThem()
    {
        Assert.Equal("no lead type on 60 of 8,000 leads: those leads are left out of per-lead-type figures (tracking sheet, pacing and close rate per lead type)",
            QualityRules.Missing(Need(ImportKind.Leads, "lead_type"), 60, 8000));
        Assert.StartsWith("no deal amount on any of the 842 won deals: those customers add no revenue",
            QualityRules.Missing(Need(ImportKind.Deals, "amount"), 842, 842), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 8000)]
    [InlineData(5, 0)]
    public void Missing_NothingMissingOrNothingCounted_SaysNothing(long missing, long of) =>
        Assert.Null(QualityRules.Missing(Need(ImportKind.Leads, "segment"), missing, of));

    [Fact]
    public void NoneInStore_SaysTheFiguresCannotBeMeasured()
    {
        Assert.Equal("no deal amount in the store: none of its 842 won deals has one, so no deal size, revenue share or lead value",
            QualityRules.NoneInStore(Need(ImportKind.Deals, "amount"), 0, 842));
        Assert.Null(QualityRules.NoneInStore(Need(ImportKind.Deals, "amount"), 1, 842));
        Assert.Null(QualityRules.NoneInStore(Need(ImportKind.Deals, "amount"), 0, 0));
    }

    [Fact]
    public void NoColumn_UsesTheStoreCountsWhenKnown()
    {
        var owner = Need(ImportKind.Leads, "owner");
        Assert.StartsWith("the file has no owner column; 200 of the 1,000 leads in the store have none: their handoffs", QualityRules.NoColumn(owner, 800, 1000), StringComparison.Ordinal);
        Assert.Equal("the file has no owner column; every one of the 1,000 leads in the store has one from before", QualityRules.NoColumn(owner, 1000, 1000));
        Assert.StartsWith("the file has no owner column: leads it inserts have none", QualityRules.NoColumn(owner, null, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_ListsColumnsAndTheRowsLost()
    {
        Assert.Equal("values not read or missing where required, by column: created_at (B) 12, amount 3; the 14 rows holding them were not stored",
            QualityRules.Unreadable([("created_at (B)", 12), ("amount", 3)], 14));
        Assert.Null(QualityRules.Unreadable([], 0));
    }

    [Fact]
    public void Flagged_LeadTypesTheAgreementDoesNotName()
    {
        Assert.Equal("13 leads have a lead type the agreement does not name (Webinar (12), Fair (1)): they fall in no lead type of the plan",
            QualityRules.Flagged("unknownLeadTypes", new Dictionary<string, long> { ["Fair"] = 1, ["Webinar"] = 12 }));
        Assert.Null(QualityRules.Flagged("undatedCurrentStages", new Dictionary<string, long> { ["mql"] = 1 }));
    }
}
