using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests;

public class LeadsApiTest
{
    private static async Task<JsonElement> Body(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task GetLead_HasItsTimeline_WithMergedLeads_AndTimesWithTheirOffset(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, "America/New_York");
        await server.Post("/api/v1/leads", """[{"id": "L1", "created_at": "2026-03-06T09:00:00Z", "email": "a@example.com"}, {"id": "L0", "created_at": "2026-03-01T09:00:00Z"}]""");
        await server.Post("/api/v1/stages", """[{"lead_id": "L1", "stage": "MQL", "changed_at": "2026-03-06T15:00:00Z", "rep": "r1"}]""");
        await server.Post("/api/v1/touches", """[{"id": "T2", "lead_id": "L1", "channel": "email", "touched_at": "2026-03-07T15:00:00Z"}, {"id": "T1", "lead_id": "L0", "channel": "call", "touched_at": "2026-03-06T16:00:00Z", "outcome": "connected"}]""");
        await server.Post("/api/v1/deals", """[{"id": "D1", "lead_id": "L1", "status": "won", "amount": 1234.5, "currency": "USD", "closed_at": "2026-04-01T12:00:00Z"}]""");
        using (var merge = await server.Client.PostAsync(new Uri("/api/v1/leads/L0/merge", UriKind.Relative), ApiServer.Json("""{"into": "L1"}""")))
            Assert.Equal("L1", (await Body(merge)).GetProperty("merged_into").GetString());

        using var response = await server.Client.GetAsync(new Uri("/api/v1/leads/L1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = await Body(response);
        Assert.Equal("2026-03-06T04:00:00-05:00", lead.GetProperty("created_at").GetString());
        Assert.Equal(["L0"], lead.GetProperty("merged_from").EnumerateArray().Select(e => e.GetString()));
        var timeline = lead.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("lead_id").GetString())).ToList();
        Assert.Equal([("stage", "L1"), ("touch", "L0"), ("touch", "L1"), ("deal", "L1")], timeline);
        var deal = lead.GetProperty("timeline")[3];
        Assert.Equal(1234.5m, deal.GetProperty("amount").GetDecimal());
        Assert.Equal("2026-04-01T08:00:00-04:00", deal.GetProperty("closed_at").GetString());
    }

    [Fact]
    public async Task DeleteRestoreForget_ThroughTheApi_AndUnknownLeadsAre404()
    {
        await using var server = await ApiServer.StartAsync();
        await server.Post("/api/v1/leads", """[{"id": "L1", "created_at": "2026-03-06", "name": "Ann", "email": "a@example.com"}]""");
        using (var deleted = await server.Client.DeleteAsync(new Uri("/api/v1/leads/L1", UriKind.Relative)))
            Assert.True((await Body(deleted)).GetProperty("changed").GetBoolean());
        Assert.NotNull((await Body(await server.Client.GetAsync(new Uri("/api/v1/leads/L1", UriKind.Relative)))).GetProperty("deleted_at").GetString());
        using (var restored = await server.Client.PostAsync(new Uri("/api/v1/leads/L1/restore", UriKind.Relative), null))
            Assert.True((await Body(restored)).GetProperty("changed").GetBoolean());
        using (var forgotten = await server.Client.PostAsync(new Uri("/api/v1/leads/L1/forget", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);
        Assert.IsType<DBNull>(await server.Scalar("SELECT email FROM leads"));

        foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads/nobody"), new HttpRequestMessage(HttpMethod.Delete, "/api/v1/leads/nobody"), new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/nobody/forget") })
        {
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("lead nobody: not found in source default", (await Body(response)).GetProperty("detail").GetString());
        }
        using var loop = await server.Client.PostAsync(new Uri("/api/v1/leads/L1/merge", UriKind.Relative), ApiServer.Json("""{"into": "L1"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, loop.StatusCode);
    }

    [Fact]
    public async Task EveryRoute_NeedsSignInOrAToken_ButSignInHealthzAndAssets()
    {
        // The walk covers every mapped endpoint: the API's, the pages' and the assets'.
        await using var server = await ApiServer.StartAsync();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} endpoints mapped");
        string revoked;
        await using (var connection = await server.Database.OpenAsync())
        {
            revoked = await TokenStore.CreateAsync(connection, "to revoke", 1);
            Assert.True(await TokenStore.RevokeAsync(connection, "to revoke", 2));
        }
        using var browser = await server.SignedInAsync("admin");
        // A lead for the lead page (/leads/{source}/{id}) to show once signed in.
        using (var lead = await server.Post("/api/v1/leads", """[{"id": "L1", "created_at": "2026-11-02T10:00:00Z"}]"""))
            Assert.Equal(HttpStatusCode.OK, lead.StatusCode);
        var open = new[] { "/healthz", "/signin", "/assets/site.css" };
        var pages = 0;
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').Replace("{id}", "L1", StringComparison.Ordinal).Replace("{source}", "default", StringComparison.Ordinal).Replace("{name}", "site.css", StringComparison.Ordinal);
            var api = path.StartsWith("/api/", StringComparison.Ordinal);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods)
            {
                foreach (var token in new string?[] { null, "tdm_wrong", "not-even-a-token", revoked })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : ApiServer.Json("[]") };
                    if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    using var response = await server.NoRedirects.SendAsync(request);
                    var what = $"{method} {path} with {token ?? "no token"}: {(int)response.StatusCode}";
                    if (open.Contains(path))
                        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed, what);
                    else if (api)
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, what);
                        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
                    }
                    else
                    {
                        // A page: to the sign-in page (a POST without the form's anti-forgery token is refused first).
                        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal)
                            || (method == "POST" && response.StatusCode == HttpStatusCode.BadRequest), what);
                    }
                }
                if (api && method == "GET")
                {
                    // A signed-in browser's cookie never authorises the API: tokens only, so no cross-site form can call it.
                    using var withCookie = await browser.GetAsync(new Uri(path, UriKind.Relative));
                    Assert.True(withCookie.StatusCode == HttpStatusCode.Unauthorized, $"cookie on {path}: {(int)withCookie.StatusCode}");
                }
                if (!api && method == "GET" && !open.Contains(path))
                {
                    pages++;
                    using var signedIn = await browser.GetAsync(new Uri(path, UriKind.Relative));
                    Assert.True(signedIn.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"signed in, {path}: {(int)signedIn.StatusCode}");
                }
            }
        }
        Assert.True(pages >= 5, $"only {pages} pages walked");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        await using var server = await ApiServer.StartAsync();
        using var response = await server.Client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var document = await Body(response);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/leads", "/api/v1/stages", "/api/v1/touches", "/api/v1/deals", "/api/v1/reps", "/api/v1/leads/{id}", "/api/v1/leads/{id}/merge" })
            Assert.Contains(path, paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }
}
