using System.Net;
using System.Text;
using System.Text.Json;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests;

public class IngestApiTest
{
    private static async Task<JsonElement> Body(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task PartlyBadBatch_Is200_WithAProblemPerBadItem_AndStoresTheGoodOnes(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        using var response = await server.Post("/api/v1/leads", """
            [
              {"id": "L1", "created_at": "2026-03-06T16:30:00-05:00", "lead_type": "Webinar"},
              {"id": "L2", "created_at": "yesterday"},
              {"id": "L3"},
              42,
              {"id": "L4", "created_at": "2026-03-06", "createdAt": "typo"},
              {"id": "L5", "created_at": "2026-03-06", "owner": true}
            ]
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Body(response);
        Assert.Equal((6, 1, 5), (body.GetProperty("items").GetInt32(), body.GetProperty("inserted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "created_at"), (2, "created_at"), (3, "item"), (4, "createdAt"), (5, "owner")], problems);
        // Each problem points at its field in the body (RFC 6901), the item itself when it is not an object.
        Assert.Equal(["/1/created_at", "/2/created_at", "/3", "/4/createdAt", "/5/owner"], body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("pointer").GetString()));
        var first = body.GetProperty("problems")[0];
        Assert.Equal(422, first.GetProperty("status").GetInt32());
        Assert.Equal("Invalid item", first.GetProperty("title").GetString());
        Assert.StartsWith("created_at: 'yesterday' is not a time", first.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM leads")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task FiveThousandItems_InOneCall_AndARetryChangesNothing(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        var items = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"id":"T{{i}}","lead_id":"L{{i % 700}}","channel":"call","touched_at":"2026-03-06T10:{{i % 60:00}}:00Z","outcome":"no answer","source":"crm-a"}"""));
        using var first = await server.Post("/api/v1/touches", $"[{items}]");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(5000, (await Body(first)).GetProperty("inserted").GetInt32());
        using var retry = await server.Post("/api/v1/touches", $"[{items}]");
        var again = await Body(retry);
        Assert.Equal((0, 0, 5000), (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(5000L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM touches WHERE source = 'crm-a'")));
    }

    [Fact]
    public async Task EveryItemBad_Is422_ProblemDocument_NothingStored()
    {
        await using var server = await ApiServer.StartAsync();
        using var response = await server.Post("/api/v1/deals", """[{"id": "D1", "status": "maybe"}, {"status": "won"}]""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await Body(response);
        Assert.Equal(422, body.GetProperty("status").GetInt32());
        Assert.Equal([(0, "status"), (1, "id")], body.GetProperty("errors").EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("field").GetString())));
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM deals")));
    }

    [Fact]
    public async Task RepeatedKey_InOneBatch_AppliesInOrder()
    {
        await using var server = await ApiServer.StartAsync();
        using var response = await server.Post("/api/v1/leads", """
            [{"id": "A", "created_at": "2026-01-01", "lead_type": "Ebook", "owner": "r1"},
             {"id": "A", "created_at": "2026-01-01", "owner": "r2"},
             {"id": "A", "created_at": "2026-01-01", "lead_type": null}]
            """);
        var body = await Body(response);
        Assert.Equal((1, 2), (body.GetProperty("inserted").GetInt32(), body.GetProperty("unchanged").GetInt32()));
        Assert.Equal("r2", await server.Scalar("SELECT owner FROM leads"));
        Assert.IsType<DBNull>(await server.Scalar("SELECT lead_type FROM leads"));
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest, "Body is not JSON")]
    [InlineData("{\"id\": \"L1\"}", HttpStatusCode.BadRequest, "Body is not an array")]
    public async Task MalformedBody_Is400Problem(string body, HttpStatusCode status, string title)
    {
        await using var server = await ApiServer.StartAsync();
        using var response = await server.Post("/api/v1/leads", body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(title, (await Body(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task WrongContentType_Is415Problem_NamingTheTypeToSend()
    {
        await using var server = await ApiServer.StartAsync();
        using var content = new StringContent("id,created_at\nL1,2026-01-01T00:00:00Z", System.Text.Encoding.UTF8, "text/csv");
        using var response = await server.Client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("application/json, not text/csv", (await Body(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM leads")));
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblems()
    {
        await using var server = await ApiServer.StartAsync();
        using var missing = await server.Client.GetAsync(new Uri("/api/v1/nothing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not found", (await Body(missing)).GetProperty("title").GetString());
        using var wrong = await server.Client.PutAsync(new Uri("/api/v1/leads", UriKind.Relative), ApiServer.Json("[]"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal("Method not allowed", (await Body(wrong)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task OverTheItemLimit_Is413()
    {
        await using var server = await ApiServer.StartAsync();
        using var response = await server.Post("/api/v1/reps", "[" + string.Join(",", Enumerable.Repeat("{\"id\":\"r\"}", 10_001)) + "]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("10,001 items; at most 10,000", (await Body(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OverTheSizeLimit_Is413_WithOrWithoutContentLength(bool chunked)
    {
        await using var server = await ApiServer.StartAsync();
        // A raw socket: the server answers 413 before the client has sent everything, which HttpClient reports as a broken pipe.
        var address = server.Client.BaseAddress!;
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var size = IngestApi.MaxBytes + 1024;
        var headers = $"POST /api/v1/leads HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {server.Token}\r\nContent-Type: application/json\r\n" +
                      (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {size}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        var send = Task.Run(async () =>
        {
            try
            {
                var block = Encoding.ASCII.GetBytes(new string(' ', 65536));
                for (long sent = 0; sent < size; sent += block.Length)
                {
                    if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{block.Length:X}\r\n"));
                    await stream.WriteAsync(block);
                    if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }
            catch (IOException)
            {
                // The server stopped reading: expected.
            }
        });
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        socket.Close();
        await send;
    }

    [Fact]
    public async Task UnknownLeadTypes_AreKeptAndFlagged_AgainstTheActiveAgreement()
    {
        await using var server = await ApiServer.StartAsync();
        var yaml = Tandem.Data.Agreements.StarterAgreement.StarterText().Replace("\nfunnel:", "\nleadTypes:\n  - name: Ebook\n    generatedBy: marketing\n    mix: 100%\nfunnel:", StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", yaml, 1);
        using var response = await server.Post("/api/v1/leads", """[{"id": "A", "created_at": "2026-01-01", "lead_type": "Pigeon"}, {"id": "B", "created_at": "2026-01-01", "lead_type": "ebook"}]""");
        var body = await Body(response);
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        Assert.Equal(1, body.GetProperty("flagged").GetProperty("unknownLeadTypes").GetProperty("Pigeon").GetInt32());
    }
}
