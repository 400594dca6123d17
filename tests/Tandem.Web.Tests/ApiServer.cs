using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests;

/// <summary>A real Tandem server on a free local port, over a fresh database, with a valid API token.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private ApiServer(WebApplication app, TandemDatabase database, string token)
    {
        App = app;
        Database = database;
        Token = token;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Anonymous = new HttpClient { BaseAddress = new Uri(address) };
        NoRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
        Client = new HttpClient { BaseAddress = new Uri(address) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public WebApplication App { get; }

    public TandemDatabase Database { get; }

    public string Token { get; }

    /// <summary>A client that sends the token.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client without a token or cookies that does not follow redirects.</summary>
    public HttpClient NoRedirects { get; }

    /// <summary>The password of every user <see cref="SignedInAsync"/> makes.</summary>
    public const string Password = "correct horse battery";

    /// <summary>Adds a user of <paramref name="role"/> with an e-mail address and returns a browser-like client signed in as them.</summary>
    public async Task<HttpClient> SignedInWithEmailAsync(string role, string userName, string email)
    {
        await using (var connection = await Database.OpenAsync())
            await Tandem.Data.Accounts.UserStore.AddAsync(connection, userName, userName, role, null, email, Tandem.Web.Accounts.Passwords.Hash(Password), 1);
        var client = Browser();
        using var response = await SignInAsync(client, userName, Password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in of {userName} gave {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Adds a user of <paramref name="role"/> and returns a browser-like client signed in as them (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? rep = null, string? userName = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..24];
        await using (var connection = await Database.OpenAsync())
            await Tandem.Data.Accounts.UserStore.AddAsync(connection, userName, userName, role, rep, Tandem.Web.Accounts.Passwords.Hash(Password), 1);
        var client = Browser();
        using var response = await SignInAsync(client, userName, Password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in of {userName} gave {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in as nobody.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };

    /// <summary>Posts the sign-in form as a browser would (anti-forgery token from the form first).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password)
    {
        var token = Antiforgery(await browser.GetStringAsync(new Uri("/signin", UriKind.Relative)));
        return await browser.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Follows one redirect as a browser would (the signed-in clients do not, so tests can see redirects).</summary>
    public static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) return response;
        var to = response.Headers.Location!;
        response.Dispose();
        return await browser.GetAsync(to);
    }

    /// <summary>The anti-forgery token in a page's first form.</summary>
    public static string Antiforgery(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>
    /// The moment the demo-data tests run at: a Wednesday afternoon in the middle of a month, so the
    /// current period has breaches, warnings and deliveries whatever today's date is (on the first
    /// morning of a month the real clock finds an empty queue).
    /// </summary>
    public static NodaTime.Instant DemoNow { get; } = NodaTime.Instant.FromUtc(2026, 11, 18, 15, 0);

    public static async Task<ApiServer> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite, string zone = "UTC", Func<TandemServerSettings, TandemServerSettings>? configure = null, NodaTime.IClock? clock = null)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = new TandemDatabase(target);
        string token;
        await using (var connection = await database.OpenAsync())
            token = await TokenStore.CreateAsync(connection, "tests", 1);
        var app = TandemWebApp.Create(["--urls", "http://127.0.0.1:0"], (configure ?? (s => s))(new TandemServerSettings(target, NodaTime.DateTimeZoneProviders.Tzdb[zone]) { Clock = clock ?? NodaTime.SystemClock.Instance }));
        await app.StartAsync();
        return new ApiServer(app, database, token);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<HttpResponseMessage> Post(string path, string json) => await Client.PostAsync(new Uri(path, UriKind.Relative), Json(json));

    public async Task<object?> Scalar(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        NoRedirects.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
