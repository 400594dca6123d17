using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tandem.Web;

/// <summary>
/// The pages' style sheet and scripts (Chart.js and Tandem's own), embedded in this assembly and
/// served from /assets/ without sign-in (they hold no data), cached by the browser per version.
/// </summary>
public static class AssetsApi
{
    private static readonly Assembly Self = typeof(AssetsApi).Assembly;
    private static readonly string Version = Self.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The asset name of the printed agreement's style sheet.</summary>
    public const string PrintStyle = "agreement-print.css";

    /// <summary>The URL of an asset, with the build's version so a new build is fetched afresh.</summary>
    public static string Url(string name) => $"/assets/{name}?v={Version}";

    /// <summary>Maps GET /assets/{name}.</summary>
    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            // The printed agreement's style, the very one its PDF is printed with.
            if (name == PrintStyle) return Results.Text(Tandem.Reports.AgreementHtml.PrintStyle, Types[".css"]);
            var stream = Self.GetManifestResourceStream($"assets/{name}");
            if (stream is null || !Types.TryGetValue(Path.GetExtension(name), out var type)) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Stream(stream, type, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Version}\""));
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }
}
