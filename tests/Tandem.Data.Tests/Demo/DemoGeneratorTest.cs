using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Demo;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;

namespace Tandem.Data.Tests.Demo;

public sealed class DemoGeneratorTest : IDisposable
{
    private static readonly Instant AsOf = InstantPattern.ExtendedIso.Parse("2026-11-24T15:00:00Z").Value;
    private static readonly string[] Files = ["agreement.yaml", .. ImportKinds.All.Select(k => k.Word() + ".csv")];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-demo-tests", Guid.NewGuid().ToString("N"));

    private string Generate(string name, int leads, ulong seed)
    {
        var folder = Path.Combine(_folder, name);
        DemoGenerator.Write(new DemoOptions(leads, seed, AsOf), folder);
        return folder;
    }

    [Fact]
    public void SameSeed_SameBytes_OtherSeed_OtherData()
    {
        var a = Generate("a", 3000, 42);
        var b = Generate("b", 3000, 42);
        var c = Generate("c", 3000, 43);
        foreach (var file in Files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "leads.csv")), File.ReadAllBytes(Path.Combine(c, "leads.csv")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EveryFile_ImportsWithoutARejectedRow_AndTheAgreementIsValid(DatabaseKind kind)
    {
        var folder = Generate("import", 2000, 7);
        var agreement = AgreementFile.Load(Path.Combine(folder, "agreement.yaml"));
        Assert.Equal(3, agreement.Plan.Segments.Count);
        Assert.Equal(5, agreement.Plan.LeadTypes.Count);
        await using var f = await ImportFixture.CreateAsync(kind);
        foreach (var importKind in ImportKinds.All)
        {
            var summary = await f.Import(importKind, Path.Combine(folder, importKind.Word() + ".csv"), agreement: agreement);
            Assert.True(summary.Rejected == 0, $"{importKind}: {string.Join("; ", f.Problems.Take(3))}");
            Assert.Empty(summary.Flags);
            Assert.Equal(summary.Rows, summary.Records.Inserted);
        }
        Assert.Equal(2000L, await f.Count("leads"));
    }

    [Fact]
    public async Task TheData_HasTheShapeTheIssueAsksFor()
    {
        var folder = Generate("shape", 6000, 11);
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        foreach (var importKind in ImportKinds.All) await f.Import(importKind, Path.Combine(folder, importKind.Word() + ".csv"));
        long Scalar(List<object?[]> rows) => (long)rows[0][0]!;
        var asOf = AsOf.ToUnixTimeMilliseconds();

        // Nothing has happened after the as-of instant; history reaches back at least 9 months.
        Assert.Equal(0L, Scalar(await f.Rows($"SELECT COUNT(*) FROM stage_changes WHERE at >= {asOf}")));
        Assert.Equal(0L, Scalar(await f.Rows($"SELECT COUNT(*) FROM touches WHERE at >= {asOf}")));
        Assert.Equal(0L, Scalar(await f.Rows($"SELECT COUNT(*) FROM leads WHERE created_at >= {asOf}")));
        var first = Instant.FromUnixTimeMilliseconds(Scalar(await f.Rows("SELECT MIN(created_at) FROM leads")));
        Assert.True(AsOf - first >= Duration.FromDays(270), $"history starts {first}");

        Assert.Equal(3L, Scalar(await f.Rows("SELECT COUNT(DISTINCT segment) FROM leads")));
        Assert.Equal(5L, Scalar(await f.Rows("SELECT COUNT(DISTINCT lead_type) FROM leads")));
        Assert.Equal(8L, Scalar(await f.Rows("SELECT COUNT(*) FROM reps")));
        Assert.Equal(2L, Scalar(await f.Rows("SELECT COUNT(DISTINCT time_zone) FROM reps")));

        // Lead types convert differently: demo requests win more often than ebooks.
        var winRate = (await f.Rows("SELECT l.lead_type, 1.0 * SUM(CASE WHEN s.stage = 'Customer' THEN 1 ELSE 0 END) / COUNT(DISTINCT l.id) FROM leads l LEFT JOIN stage_changes s ON s.lead_id = l.id GROUP BY l.lead_type"))
            .ToDictionary(r => (string)r[0]!, r => (double)r[1]!);
        Assert.True(winRate["Demo request"] > 2 * winRate["Ebook"], string.Join(", ", winRate));

        // Live leads: handed off in the last day, clocks running, not touched yet.
        var live = Scalar(await f.Rows($"SELECT COUNT(*) FROM stage_changes s WHERE s.stage = 'MQL' AND s.at >= {asOf - 86_400_000} AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.source = s.source AND t.lead_id = s.lead_id)"));
        Assert.True(live > 0, "no live leads");
        // Some handoffs never get a touch at all, and some first touches are late.
        Assert.True(Scalar(await f.Rows($"SELECT COUNT(*) FROM stage_changes s WHERE s.stage = 'MQL' AND s.at < {asOf - 30L * 86_400_000} AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.source = s.source AND t.lead_id = s.lead_id)")) > 0);
        Assert.True(Scalar(await f.Rows("SELECT COUNT(*) FROM stage_changes s WHERE s.stage = 'MQL' AND (SELECT MIN(t.at) FROM touches t WHERE t.source = s.source AND t.lead_id = s.lead_id) > s.at + 3600000")) > 0);

        // About six touches a lead; hostile text survives the round trip.
        var perLead = (double)Scalar(await f.Rows("SELECT COUNT(*) FROM touches")) / 6000;
        Assert.InRange(perLead, 4.5, 7.5);
        Assert.True(Scalar(await f.Rows("SELECT COUNT(*) FROM leads WHERE name = '<script>alert(''xss'')</script>'")) > 0);
        Assert.True(Scalar(await f.Rows("SELECT COUNT(*) FROM leads WHERE name = 'Line' || char(10) || 'Break'")) > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
