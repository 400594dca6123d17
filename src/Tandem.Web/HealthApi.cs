using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Tandem.Web;

/// <summary><c>GET /healthz</c>: liveness for load balancers and monitors; the one route that needs no sign-in.</summary>
public static class HealthApi
{
    /// <summary>The health report.</summary>
    /// <param name="Status">Always <c>ok</c> while the process serves requests.</param>
    /// <param name="Version">The running Tandem version.</param>
    public sealed record HealthReport(string Status, string Version);

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Health()).AllowAnonymous();
        return routes;
    }

    private static Ok<HealthReport> Health() => TypedResults.Ok(new HealthReport("ok", TandemVersion.Current));
}

/// <summary>The version of the running build.</summary>
public static class TandemVersion
{
    /// <summary>The informational version of this assembly, e.g. <c>1.0.0</c>.</summary>
    public static string Current { get; } =
        typeof(TandemVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
