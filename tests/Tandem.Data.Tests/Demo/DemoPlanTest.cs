using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Demo;

/// <summary>The demo's plan, and its marketing months against it: some under the band, some in it, some over.</summary>
public sealed class DemoPlanTest
{
    private static readonly Instant AsOf = InstantPattern.ExtendedIso.Parse("2026-12-03T11:00:00Z").Value;

    [Fact]
    public void DemoAgreement_AtTheIssuesQuota_RoundsOnceOnTheTotals()
    {
        var text = DemoAgreement.Text(new DemoOptions(6000, 1, AsOf));
        var quota = text.Split('\n').Single(l => l.StartsWith("quota: ", StringComparison.Ordinal));

        var plan = PlanCalculator.Compute(AgreementFile.Parse(text.Replace(quota, "quota: 80000", StringComparison.Ordinal), "demo").Plan);

        // Issue 19: 636 MQLs and 17 customers when every cell rounded up on its own.
        Assert.Equal(10, plan.Total.Customers);
        Assert.Equal([340L, 85, 34], plan.Total.Stages.Select(s => s.Count));
        Assert.Equal(0, plan.Segments[2].Customers);
        Assert.Equal(0.28m, plan.Segments[2].CustomersExact!.Value.ToDecimal(2));
    }

    [Fact]
    public void DemoAgreement_AsksForTheAverageMonthsFlow()
    {
        // 6,000 leads over 12 months, 74.4% of them marketing MQLs: 372 a month, which a quota of 90,000 asks for exactly.
        var agreement = AgreementFile.Parse(DemoAgreement.Text(new DemoOptions(6000, 1, AsOf)), "demo");

        var plan = PlanCalculator.Compute(agreement.Plan);

        Assert.Equal(90_000m, agreement.Plan.Quota.ToDecimal(0));
        Assert.Equal(11, plan.Total.Customers);
        Assert.Equal([372L, 93, 37], plan.Total.Stages.Select(s => s.Count));
        Assert.Equal(10_000m, AgreementFile.Parse(DemoAgreement.Text(new DemoOptions(12, 1, AsOf)), "tiny").Plan.Quota.ToDecimal(0));
    }

    [Fact]
    public async Task DemoMonths_AreSomeUnderSomeInSomeOverTheBand()
    {
        // The demo server's data set (tandem serve --demo: 6,000 leads, seed 1), stored and projected as it stores it.
        await using var database = await TestDatabases.OpenAsync(DatabaseKind.Sqlite);
        await DemoDatabase.SeedAsync(database, new DemoOptions(6000, 1, AsOf));
        await using var connection = await database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, AsOf);
        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "demo");

        // The eleven whole months of history, January to November 2026.
        var result = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 11), 11, null, AsOf);

        var months = result.Periods.Select(p => p.Lines.Single(l => l.Commitment == "leads"))
            .Select(l => agreement.Tolerance.Classify(l.Actual!.Value, l.Target!.Value)).ToList();
        var figures = string.Join(", ", result.Periods.Select(p => $"{p.Period} {p.Lines.Single(l => l.Commitment == "leads").Actual!.Value.ToDecimal(0)}"));
        Assert.All(result.Periods, p => Assert.Equal(372m, p.Lines.Single(l => l.Commitment == "leads").Target!.Value.ToDecimal(0)));
        Assert.True(months.Count(m => m == PacingStatus.Behind) is >= 1 and <= 4, figures);
        Assert.True(months.Count(m => m == PacingStatus.OnTrack) is >= 4 and <= 9, figures);
        Assert.True(months.Count(m => m == PacingStatus.OverDelivering) is >= 1 and <= 4, figures);

        // Pacing judges each cell against its share of the 372, not against its own rounding up.
        var pacing = await PacingQuery.RunAsync(connection, agreement, Period.Month(2026, 11), new LocalDate(2026, 11, 30), null);
        Assert.Equal([43m, 71, 114, 57, 11, 19, 30, 15, 2, 3, 5, 2], pacing.Groups.Select(g => g.Standing.Goal.ToDecimal(0)));
        Assert.Equal(372m, pacing.Total.Goal.ToDecimal(0));
    }
}
