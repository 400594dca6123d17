using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Data.Store;

namespace Tandem.Web;

/// <summary>Builds the Tandem web application; reads like a table of contents of its features.</summary>
public static class TandemWebApp
{
    /// <summary>Creates the app for <paramref name="args"/> (ASP.NET Core's usual flags, e.g. <c>--urls</c>) on <paramref name="settings"/>.</summary>
    public static WebApplication Create(string[] args, TandemServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(args);
        // Requests are not logged line by line; warnings and errors are.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Nothing here protects data yet (no cookies until accounts arrive); keep keys in memory, off the disk.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new TandemDatabase(settings.Database));
        builder.Services.AddSingleton<AgreementCache>();
        builder.Services.AddHttpClient(nameof(Notifications.WebhookSender), client => client.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton(_ => new Notifications.EmailSender(settings.Smtp));
        builder.Services.AddSingleton(sp => new Notifications.NotificationDispatcher(
            sp.GetRequiredService<TandemDatabase>(),
            () => new Notifications.WebhookSender(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Notifications.WebhookSender))),
            sp.GetRequiredService<Notifications.EmailSender>(), settings.Clock, settings.Instance));
        builder.Services.AddSingleton<Notifications.SlaMonitor>();
        if (settings.RunMonitor) builder.Services.AddHostedService(sp => sp.GetRequiredService<Notifications.SlaMonitor>());
        builder.Services.AddAuthentication(TokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        // Every route needs a token unless it says otherwise (only /healthz does).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(TokenAuthentication.SchemeName).RequireAuthenticatedUser().Build());
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurity>());

        var app = builder.Build();
        app.UseStatusCodePages(Problems.ForEmptyStatus);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapIngestApi();
        app.MapLeadsApi();
        app.MapOpenApi("/api/v1/openapi.json");
        return app;
    }
}
