using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Demo;

/// <summary>
/// Issue 20: the demo company (tandem serve --demo) on the third day of a month. The month in
/// progress is judged against where it should be by then, never missed for not having delivered
/// a month's worth in three days; the months before are met or missed. On both engines.
/// </summary>
public sealed class DemoScorecardStatusTest
{
    private static readonly Instant AsOf = InstantPattern.ExtendedIso.Parse("2026-12-03T11:00:00Z").Value;

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task OnTheThirdDay_TheMonthInProgressHasNoMissedLine(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await DemoDatabase.SeedAsync(database, new DemoOptions(6000, 1, AsOf));
        await using var connection = await database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, AsOf);
        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "demo");

        var result = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 12), 6, null, AsOf);

        var december = result.Periods[^1].Lines;
        string Show(IEnumerable<ScorecardLine> lines) => string.Join("; ", lines.Select(l => $"{l.Commitment} {ScorecardStatus.Word(l.Status)} {l.Actual?.ToDecimal(3)}/{l.Target?.ToDecimal(3)} {l.Reason}"));
        Assert.True(december.All(l => l.Open && l.Status != LineStatus.Missed && l.Met is null), Show(december));
        Assert.True(december.All(l => l.Status is LineStatus.OnTrack or LineStatus.AtRisk or LineStatus.Behind or LineStatus.Pending), Show(december));

        // The lead line is the pacing's verdict for today: on the goal line's lower edge or not, and the projection against the band.
        var pacing = (await PacingQuery.RunAsync(connection, agreement, Period.Month(2026, 12), new LocalDate(2026, 12, 3), null)).Total;
        var leads = december.Single(l => l.Commitment == "leads");
        var expected = pacing.Status == Tandem.Domain.Pacing.PacingStatus.Behind ? LineStatus.Behind
            : pacing.Projection.Expected < agreement.Tolerance.Lower(pacing.Goal) ? LineStatus.AtRisk : LineStatus.OnTrack;
        Assert.Equal(expected, leads.Status);
        Assert.Equal(pacing.Actual, leads.Actual);

        // Sales' shares so far against the share required, exactly.
        foreach (var share in december.Where(l => l.Measure == ScorecardMeasure.Share && l.Actual is not null))
            Assert.Equal(share.Actual >= share.Target ? LineStatus.OnTrack : LineStatus.Behind, share.Status);

        // The months before are over: met or missed, as they were judged, except a quarter's campaigns still running in the month's quarter.
        foreach (var (period, lines) in result.Periods.Take(5))
            foreach (var line in lines)
            {
                Assert.False(line.Open);
                if (line.Reason?.Contains("runs past", StringComparison.Ordinal) == true) Assert.Equal("campaigns", line.Commitment);
                else Assert.Equal(line.Met is { } met ? met ? LineStatus.Met : LineStatus.Missed : LineStatus.Pending, line.Status);
            }
    }
}
