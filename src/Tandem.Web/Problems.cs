using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

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

    /// <summary>
    /// Gives a problem document to an error the framework answers with an empty body (a wrong
    /// Content-Type, an unknown route, a wrong method), so every API error has the same shape.
    /// </summary>
    public static Task ForEmptyStatus(StatusCodeContext pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var context = pages.HttpContext;
        var (title, detail) = context.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", $"send the body as application/json, not {context.Request.ContentType ?? "without a Content-Type"}"),
            StatusCodes.Status404NotFound => ("Not found", $"no route {context.Request.Path}; see /api/v1/openapi.json"),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}"),
            var status => (ReasonPhrases.GetReasonPhrase(status), ReasonPhrases.GetReasonPhrase(status)),
        };
        return Write(context, context.Response.StatusCode, title, detail);
    }
}
