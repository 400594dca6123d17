using System.Net;
using System.Text.Json;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests;

/// <summary>The deliverable ingest routes over real HTTP, on both engines.</summary>
public class DeliverablesApiTest
{
    private static async Task<JsonElement> Body(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EveryDeliverableRoute_StoresItsRecords_AndARetryChangesNothing(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        (string Route, string Body, string Table)[] batches =
        [
            ("content", """[{"id": "P1", "kind": "blog post", "published_at": "2026-11-02T10:00:00Z", "title": "Speed to lead"}]""", "content_pieces"),
            ("content-uses", """[{"id": "U1", "piece_id": "P1", "used_at": "2026-11-05T09:00:00Z", "rep": "ana", "touch_id": "T1", "lead_id": "L1"}]""", "content_uses"),
            ("campaigns", """[{"id": "C1", "name": "Q4 webinar", "launched_at": "2026-11-04T15:00:00Z", "source": "hubspot"}]""", "campaigns"),
            ("campaign-leads", """[{"campaign_id": "C1", "lead_id": "L1", "responded_at": "2026-11-04T16:00:00Z", "source": "hubspot"}]""", "campaign_leads"),
            ("reports", """[{"id": "R1", "title": "October", "delivered_at": "2026-11-02T08:00:00Z"}]""", "performance_reports"),
            ("report-feedback", """[{"id": "F1", "report_id": "R1", "given_at": "2026-11-04T08:00:00Z", "comment": "<b>thanks</b>"}]""", "report_feedback"),
            ("launches", """[{"id": "PL1", "product": "Tandem Cloud", "launch_date": "2026-11-20"}]""", "product_launches"),
            ("trainings", """[{"id": "S1", "title": "Cloud", "product": "Tandem Cloud", "launch_date": "2026-11-20", "held_at": "2026-11-12T14:00:00Z"}]""", "trainings"),
            ("attendance", """[{"training_id": "S1", "rep": "ana", "attended": "yes"}, {"training_id": "S1", "rep": "bo", "attended": 0}]""", "training_attendance"),
        ];
        foreach (var (route, body, table) in batches)
        {
            using var first = await server.Post($"/api/v1/{route}", body);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var stored = await Body(first);
            Assert.True(stored.GetProperty("rejected").GetInt32() == 0, $"{route}: {stored}");
            using var retry = await server.Post($"/api/v1/{route}", body);
            var again = await Body(retry);
            Assert.Equal((0, 0), (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32()));
            Assert.Equal((long)stored.GetProperty("inserted").GetInt32(), Convert.ToInt64(await server.Scalar($"SELECT COUNT(*) FROM {table}")));
        }
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT attended FROM training_attendance WHERE rep = 'bo'")));
        Assert.Equal("hubspot", await server.Scalar("SELECT source FROM campaign_leads"));

        using var openApi = await server.Client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var paths = (await Body(openApi)).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var (route, _, _) in batches) Assert.Contains($"/api/v1/{route}", paths);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task BadItems_NameTheirField_AndEveryItemBadIs422(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);

        using var partly = await server.Post("/api/v1/attendance", """[{"training_id": "S1", "rep": "ana", "attended": "yes"}, {"training_id": "S1", "rep": "bo", "attended": "maybe"}, {"training_id": "S1", "attended": "no"}]""");
        Assert.Equal(HttpStatusCode.OK, partly.StatusCode);
        var body = await Body(partly);
        Assert.Equal([(1, "attended", "attended: 'maybe' is not yes or no"), (2, "rep", "rep: is required")],
            body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("field").GetString(), p.GetProperty("detail").GetString())));

        using var all = await server.Post("/api/v1/trainings", """[{"id": "S1", "title": "Cloud", "product": "Cloud", "launch_date": "soon", "held_at": "2026-11-12T14:00:00Z"}, {"id": "S2", "launchDate": "2026-11-20"}]""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var fields = (await Body(all)).GetProperty("errors").EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("field").GetString())).ToList();
        Assert.Contains((0, "launch_date"), fields);
        Assert.Contains((1, "launchDate"), fields);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM trainings")));

        using var anonymous = await server.Anonymous.PostAsync(new Uri("/api/v1/content", UriKind.Relative), ApiServer.Json("[]"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
