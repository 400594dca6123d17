using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Demo;

/// <summary>The demo's deliverables: realistic enough that the scorecard shows every deliverable line, some met and some missed.</summary>
public sealed class DemoDeliverablesTest : IDisposable
{
    private static readonly Instant AsOf = InstantPattern.ExtendedIso.Parse("2026-11-24T15:00:00Z").Value;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-demo-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Demo_LogsEveryKindOfDeliverable_AndTheScorecardJudgesThem()
    {
        DemoGenerator.Write(new DemoOptions(3000, 7, AsOf), _folder);
        var agreement = AgreementFile.Load(Path.Combine(_folder, "agreement.yaml"));
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        foreach (var kind in ImportKinds.All) await f.Import(kind, Path.Combine(_folder, kind.Word() + ".csv"), agreement: agreement);

        // A year of history: about 7 pieces, 4 reports and a dozen content uses a month; campaigns with their leads; six or seven launches.
        Assert.InRange(await f.Count("content_pieces"), 60, 95);
        Assert.InRange(await f.Count("performance_reports"), 40, 55);
        Assert.InRange(await f.Count("campaigns"), 8, 15);
        Assert.InRange(await f.Count("trainings"), 4, 9);
        Assert.True(await f.Count("campaign_leads") > 100);
        Assert.True(await f.Count("content_uses") > 50);
        Assert.Equal(0L, (long)(await f.Rows($"SELECT COUNT(*) FROM content_uses u LEFT JOIN touches t ON t.source = u.source AND t.id = u.touch_id WHERE t.id IS NULL"))[0][0]!);

        await using var connection = await f.Database.OpenAsync();
        var result = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 10), 6, null, AsOf);
        var lines = result.Periods.SelectMany(p => p.Lines).Where(l => l.Commitment is not ("leads" or "speed" or "depth")).ToList();
        Assert.Equal(10, result.Periods[0].Lines.Count - 3);
        foreach (var commitment in lines.Select(l => l.Commitment).Distinct())
            Assert.True(lines.Any(l => l.Commitment == commitment && l.Met is not null), $"{commitment} is never judged");
        Assert.Contains(lines, l => l.Met == true);
        Assert.Contains(lines, l => l.Met == false);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
