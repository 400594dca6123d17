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
    public async Task UnknownRoute_IsHiddenUntilSignedIn()
    {
        // Without credentials nothing about the routes is revealed, not even which ones exist.
        await using var server = await ApiServer.StartAsync();
        using var anonymousApi = await server.NoRedirects.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));
        using var tokenApi = await server.Client.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));
        using var anonymousPage = await server.NoRedirects.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        using var browser = await server.SignedInAsync("viewer");
        using var signedInPage = await browser.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tokenApi.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.StartsWith("/signin", anonymousPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, signedInPage.StatusCode);
    }

    // Port 0 lets the OS pick a free port; the server reports the one it bound.
    private static string BoundAddress(IServiceProvider app) =>
        app.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
