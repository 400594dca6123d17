using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Data.Store;
using Tandem.Web.Accounts;
using Tandem.Web.Pages;

namespace Tandem.Web;

/// <summary>Builds the Tandem web application; reads like a table of contents of its features.</summary>
public static class TandemWebApp
{
    /// <summary>The authentication scheme every route asks for: a bearer token on /api, the sign-in cookie elsewhere.</summary>
    public const string Scheme = "Tandem";

    /// <summary>Creates the app for <paramref name="args"/> (ASP.NET Core's usual flags, e.g. <c>--urls</c>) on <paramref name="settings"/>.</summary>
    public static WebApplication Create(string[] args, TandemServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(args);
        // Requests are not logged line by line; warnings and errors are. The key ring is stored
        // unencrypted in the database on purpose (see DatabaseKeyRepository), so that warning is off.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new TandemDatabase(settings.Database));
        builder.Services.AddSingleton<AgreementCache>();
        builder.Services.AddSingleton<SignIns>();
        builder.Services.AddSingleton<PageData>();
        AddNotifications(builder.Services, settings);
        AddAccounts(builder.Services);
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AuthorizeFolder("/");
        }).AddApplicationPart(typeof(TandemWebApp).Assembly);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurity>());

        var app = builder.Build();
        app.UseStatusCodePages(Problems.ForEmptyStatus);
        app.Use(SecurityHeaders);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapAssets();
        app.MapIngestApi();
        app.MapLeadsApi();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapRazorPages();
        return app;
    }

    private static void AddNotifications(IServiceCollection services, TandemServerSettings settings)
    {
        services.AddHttpClient(nameof(Notifications.WebhookSender), client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton(_ => new Notifications.EmailSender(settings.Smtp));
        services.AddSingleton(sp => new Notifications.NotificationDispatcher(
            sp.GetRequiredService<TandemDatabase>(),
            () => new Notifications.WebhookSender(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Notifications.WebhookSender))),
            sp.GetRequiredService<Notifications.EmailSender>(), settings.Clock, settings.Instance));
        services.AddSingleton<Notifications.SlaMonitor>();
        if (settings.RunMonitor) services.AddHostedService(sp => sp.GetRequiredService<Notifications.SlaMonitor>());
    }

    private static void AddAccounts(IServiceCollection services)
    {
        // Cookie and anti-forgery keys live in the database: every instance signs with the same keys.
        services.AddDataProtection().SetApplicationName("Tandem");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<TandemDatabase>())));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = context =>
                // The API takes tokens only: a cookie never authorises an API call, so no cross-site form can make one.
                context.Request.Path.StartsWithSegments("/api") ? TokenAuthentication.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "tandem.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = CookieValidation.ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            // Every route needs a signed-in user or a token unless it says otherwise (sign-in, /healthz, /assets).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build())
            .AddPolicy(TokenScopes.Ingest, p => p.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireClaim(TokenAuthentication.ScopeClaim, TokenScopes.Ingest))
            .AddPolicy(TokenScopes.Read, p => p.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireClaim(TokenAuthentication.ScopeClaim, TokenScopes.Read))
            .AddPolicy(TokenScopes.Manage, p => p.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireClaim(TokenAuthentication.ScopeClaim, TokenScopes.Manage));
        services.AddAntiforgery(o => o.Cookie.Name = "tandem.antiforgery");
        // Sign-in attempts per client address: 10 a minute, on top of the per-account lock.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/signin")
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
    }

    /// <summary>
    /// Headers on every response. The content security policy allows scripts and styles from this
    /// server only, never inline: text from lead records cannot run as script in any page.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next();
    }
}
