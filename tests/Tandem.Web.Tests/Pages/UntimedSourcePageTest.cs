using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 20, point 7, on the pages: the handoffs of a source with no touch stored are not judged.
/// Follow-up says "No verdict: no touch data from olist" instead of a share; the Scorecard's sales
/// cells are pending with that reason; the Breaches queue lists none of them.
/// </summary>
public class UntimedSourcePageTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 15, 0);

    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
        """;

    private static string Figure(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-figure=\"{name}\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value);

    [Fact]
    public async Task TodayFollowUpAndScorecard_SayNoTouchData_AndTheQueueHoldsNoBreach()
    {
        await using var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(Now));
        await using (var connection = await server.Database.OpenAsync())
        {
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds());
            var handed = Instant.FromUtc(2026, 11, 23, 15, 0).ToUnixTimeMilliseconds();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "owner"], [["olist", "O1", handed, "ann"], ["olist", "O2", handed, "bob"]], 1);
                await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["olist", "O1", "MQL", handed, "ann"], ["olist", "O2", "MQL", handed, "bob"]], 1);
                await tx.CommitAsync();
            }
            await Tandem.Data.Projection.Projector.CatchUpAsync(connection, Now);
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var follow = await viewer.GetStringAsync(new Uri("/follow-up?period=2026-11", UriKind.Relative));
        Assert.Equal("No verdict: no touch data from olist (2 handoffs).", Figure(follow, "speed-untimed"));
        Assert.Equal("No verdict: no touch data from olist (2 handoffs).", Figure(follow, "depth-untimed"));

        // Today's cards say the same, never a verdict.
        var today = await viewer.GetStringAsync(new Uri("/?period=2026-11", UriKind.Relative));
        Assert.Equal("No verdict: no touch data from olist (2 handoffs).", Figure(today, "speed-untimed"));
        Assert.Equal("No verdict: no touch data from olist (2 handoffs).", Figure(today, "depth-untimed"));

        var scorecard = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/scorecard?period=2026-11", UriKind.Relative)));
        var sales = Regex.Matches(scorecard, "<td role=\"cell\" data-period=\"2026-11\" data-status=\"([^\"]+)\"[^>]*>(.*?)</td>", RegexOptions.Singleline).Skip(1).Take(2).ToList();
        Assert.Equal(2, sales.Count);
        Assert.All(sales, m =>
        {
            Assert.Equal("pending", m.Groups[1].Value);
            Assert.Contains("<span class=\"reason\">no touch data from olist</span>", m.Groups[2].Value, StringComparison.Ordinal);
        });

        var breaches = await viewer.GetStringAsync(new Uri("/breaches", UriKind.Relative));
        // No row of the queue names either lead (as a link to its page or its timeline); a bare "O2" could be in the anti-forgery token.
        Assert.DoesNotContain("/leads/olist/", breaches, StringComparison.Ordinal);
        Assert.DoesNotContain("lead=O1", breaches, StringComparison.Ordinal);
        Assert.DoesNotContain("lead=O2", breaches, StringComparison.Ordinal);
    }
}
