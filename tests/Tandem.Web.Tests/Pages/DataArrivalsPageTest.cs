using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Data page says, per kind and source, how many records the store holds and when they last
/// arrived, whether by the API or a file, from the counts kept as records are written; it never
/// says there is nothing on a store holding records.
/// </summary>
public class DataArrivalsPageTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task RecordsSentByTheApi_ShowPerKindAndSource_WithTheirCountAndLastArrival(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var empty = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/data", UriKind.Relative)));
        Assert.Contains("No records yet.", empty, StringComparison.Ordinal);
        Assert.Contains("No file imported yet.", empty, StringComparison.Ordinal);

        var before = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await server.Post("/api/v1/leads", """[{"id": "L1", "created_at": "2026-11-02T09:00:00Z"}, {"id": "L2", "created_at": "2026-11-02T10:00:00Z"}, {"source": "hubspot", "id": "H1", "created_at": "2026-11-02T11:00:00Z"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Post("/api/v1/touches", """[{"id": "T1", "lead_id": "L1", "touched_at": "2026-11-02T09:30:00Z", "channel": "call"}]""")).StatusCode);
        // The same lead again is no new record.
        Assert.Equal(HttpStatusCode.OK, (await server.Post("/api/v1/leads", """[{"id": "L1", "created_at": "2026-11-02T09:00:00Z"}]""")).StatusCode);

        var page = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/data", UriKind.Relative)));
        Assert.DoesNotContain("No records yet", page, StringComparison.Ordinal);
        Assert.Contains("No file import logged yet: the records above came over the API (or with the demo).", page, StringComparison.Ordinal);
        var rows = Regex.Matches(page, "<tr data-kind=\"([^\"]+)\" data-source=\"([^\"]+)\"><th scope=\"row\">[^<]+</th><td>[^<]+</td><td class=\"num\">([^<]+)</td><td>([^<]+)</td></tr>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value)).ToList();
        // Kinds in import order (leads before touches), sources by name; the arrival in the page's zone (UTC here), to the minute.
        Assert.Equal([("leads", "default", "2"), ("leads", "hubspot", "1"), ("touches", "default", "1")], rows.Select(r => (r.Item1, r.Item2, r.Item3)));
        Assert.All(rows, r => Assert.InRange(DateTimeOffset.Parse(r.Item4 + "Z", System.Globalization.CultureInfo.InvariantCulture), before.AddMinutes(-1), DateTimeOffset.UtcNow));
    }
}
