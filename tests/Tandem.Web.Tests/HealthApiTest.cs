using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Data.Store;
using Tandem.Web;

namespace Tandem.Web.Tests;

public class HealthApiTest
{
    [Fact]
    public async Task Healthz_AnswersOkOverRealHttp()
    {
        await using var app = TandemWebApp.Create(["--urls", "http://127.0.0.1:0"], new TandemServerSettings(DatabaseTarget.SqliteFile(Path.Combine(Path.GetTempPath(), "tandem-web-tests", Guid.NewGuid().ToString("N"), "t.db")), NodaTime.DateTimeZone.Utc));
        await app.StartAsync();
        var address = BoundAddress(app.Services);
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var report = await response.Content.ReadFromJsonAsync<HealthApi.HealthReport>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", report!.Status);
        Assert.False(string.IsNullOrWhiteSpace(report.Version));
        await app.StopAsync();
    }

    [Fact]
    public async Task UnknownRoute_Is401WithoutAToken_And404WithOne()
    {
        // Without a token nothing about the routes is revealed, not even which ones exist.
        await using var server = await ApiServer.StartAsync();
        using var anonymous = await server.Anonymous.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        using var signedIn = await server.Client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
    }

    // Port 0 lets the OS pick a free port; the server reports the one it bound.
    private static string BoundAddress(IServiceProvider app) =>
        app.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
