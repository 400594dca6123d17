using NodaTime;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

/// <summary>The active version's next review date in <c>tandem agreement show</c> and <c>history</c>, table and JSON.</summary>
public sealed class AgreementReviewCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-review", Guid.NewGuid().ToString("N"));

    public AgreementReviewCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task NextReview_IsShownForTheActiveVersionOnly(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var db = target.SqlitePath ?? target.ConnectionString;
        var file = Path.Combine(_folder, "a.yaml");
        await File.WriteAllTextAsync(file, "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 100000\ndealSize: 1000\ncloseRate: 20%\nreviewEvery: 2 months\ncalendar:\n  timeZone: Asia/Tokyo\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", file, "--database", db)).ExitCode);
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("quota: 100000", "quota: 200000", StringComparison.Ordinal));
        Assert.Equal(0, (await CliRun.Of("agreement", "import", file, "--database", db)).ExitCode);
        // Activated just now: the next review is two months from today in the agreement's zone.
        var expected = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Tokyo"]).Date.PlusMonths(2).ToString("uuuu-MM-dd", null);

        var history = (await CliRun.Of("agreement", "history", "--database", db, "--format", "json")).Json().EnumerateArray().ToList();
        Assert.Equal(expected, history.Single(v => v.GetProperty("id").GetInt32() == 2).GetProperty("nextReview").GetString());
        Assert.False(history.Single(v => v.GetProperty("id").GetInt32() == 1).TryGetProperty("nextReview", out _));
        var table = await CliRun.Of("agreement", "history", "--database", db);
        Assert.Contains("next review", table.Output, StringComparison.Ordinal);
        Assert.Contains(expected, table.Output, StringComparison.Ordinal);

        var show = await CliRun.Of("agreement", "show", "--database", db);
        Assert.Contains($"Next review: {expected} (every 2 months from its activation; the signatories and admins with an e-mail get a reminder)", show.Output, StringComparison.Ordinal);
        Assert.Equal(expected, (await CliRun.Of("agreement", "show", "--database", db, "--format", "json")).Json().GetProperty("version").GetProperty("nextReview").GetString());
        Assert.DoesNotContain("Next review", (await CliRun.Of("agreement", "show", "--version", "1", "--database", db)).Output, StringComparison.Ordinal);
    }
}
