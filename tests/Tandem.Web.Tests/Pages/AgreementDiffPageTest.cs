using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Agreement page's difference compares each version's canonical file (the writer's output),
/// so a revision drafted by Tandem from a hand-written file shows only the values that changed,
/// not every line whose layout, order or comment differs.
/// </summary>
public class AgreementDiffPageTest
{
    // Written by hand: comments, the author's key order, flow mappings and quoting.
    private const string HandWritten = """
        # Acme's SLA, as marketing ops wrote it
        name: "Acme SLA"
        schemaVersion: 1
        period: 2026-11
        dealSize: 2000   # average first-year deal
        quota: 500000
        closeRate: 20%
        calendar: { timeZone: America/New_York, holidays: ["12-25"] }
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: working }
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ARevisionOfAHandWrittenFile_ShowsExactlyItsTwoChangedValues(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        var canonical = AgreementFileWriter.Write(AgreementFile.Parse(HandWritten, "test"));
        var revised = canonical.Replace("quota: 500000", "quota: 600000", StringComparison.Ordinal).Replace("dealSize: 2000", "dealSize: 2500", StringComparison.Ordinal);
        Assert.NotEqual(canonical, revised);
        await using (var connection = await server.Database.OpenAsync())
        {
            foreach (var text in new[] { HandWritten, revised, canonical })
                await AgreementLifecycle.ImportAsync(connection, AgreementFile.Parse(text, "test"), text, "imported", "test", NodaTime.SystemClock.Instance.GetCurrentInstant());
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");

        var html = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/agreement?from=1&to=2", UriKind.Relative)));
        var changed = Regex.Matches(html, "<li class=\"(added|removed)\"><code>([^<]*)</code></li>").Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(["+ dealSize: 2500", "+ quota: 600000", "- dealSize: 2000", "- quota: 500000"], changed.Order(StringComparer.Ordinal));
        Assert.Contains("Each version as Tandem writes it", html, StringComparison.Ordinal);

        // The hand-written file and its canonical form say the same: no difference at all.
        Assert.Contains("The two versions have the same text, as Tandem writes each", WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/agreement?from=1&to=3", UriKind.Relative))), StringComparison.Ordinal);
    }
}
