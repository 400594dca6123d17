using Microsoft.AspNetCore.Builder;

namespace Tandem.Web;

/// <summary>Builds the Tandem web application; reads like a table of contents of its features.</summary>
public static class TandemWebApp
{
    /// <summary>Creates the app for <paramref name="args"/> (ASP.NET Core's usual flags, e.g. <c>--urls</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.MapHealthApi();
        return app;
    }
}
