using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tandem.Web;

/// <summary>RFC 9457 problem details, the shape of every API error.</summary>
public static class Problems
{
    /// <summary>The media type of a problem document.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>A problem document.</summary>
    public static ProblemDetails Of(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail, Type = "about:blank" };

    /// <summary>A problem result.</summary>
    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Json(Of(status, title, detail), ApiJson.Options, MediaType, status);

    /// <summary>Writes a problem document straight to the response (outside endpoints).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        return context.Response.WriteAsync(JsonSerializer.Serialize(Of(status, title, detail), ApiJson.Options));
    }
}
