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

    public static async Task<ApiServer> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite, string zone = "UTC")
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = new TandemDatabase(target);
        string token;
        await using (var connection = await database.OpenAsync())
            token = await TokenStore.CreateAsync(connection, "tests", 1);
        var app = TandemWebApp.Create(["--urls", "http://127.0.0.1:0"], new TandemServerSettings(target, NodaTime.DateTimeZoneProviders.Tzdb[zone]));
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
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
