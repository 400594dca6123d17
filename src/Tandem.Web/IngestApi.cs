using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Web;

/// <summary>
/// <c>POST /api/v1/leads|stages|touches|deals|reps</c> and the deliverables (<c>content</c>,
/// <c>content-uses</c>, <c>campaigns</c>, <c>campaign-leads</c>, <c>reports</c>, <c>report-feedback</c>,
/// <c>launches</c>, <c>trainings</c>, <c>attendance</c>): a JSON array of records, upserted on
/// (source, id) so a retry is safe. Some items bad: 200 with a problem entry per bad item; every
/// item bad: 422; too many items or bytes: 413.
/// </summary>
public static class IngestApi
{
    /// <summary>The largest body accepted.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The counts of a batch and a problem entry per rejected item.</summary>
    public sealed record IngestResponse(int Items, long Inserted, long Updated, long Unchanged, long Rejected,
        IReadOnlyDictionary<string, SortedDictionary<string, long>> Flagged, IReadOnlyList<ItemProblemDetails> Problems);

    /// <summary>An RFC 9457 problem-details entry for one rejected item: its index, its field, and the JSON pointer to that field in the body (/3/email; /3 for the item itself).</summary>
    public sealed record ItemProblemDetails(string Type, string Title, int Status, string Detail, int Index, string Field, [property: System.Text.Json.Serialization.JsonPropertyName("pointer")] string Location);

    /// <summary>Every item rejected: a problem document with the entries.</summary>
    public sealed class BatchProblemDetails : ProblemDetails
    {
        /// <summary>One entry per problem of each item.</summary>
        public IReadOnlyList<ItemProblemDetails> Errors { get; init; } = [];
    }

    /// <summary>Maps a route per import kind.</summary>
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            routes.MapPost($"/api/v1/{kind.Word()}", (HttpRequest request, TandemDatabase database, TandemServerSettings settings, AgreementCache agreements, CancellationToken cancel) =>
                    IngestAsync(kind, request, database, settings, agreements, cancel))
                .WithName($"ingest-{kind.Word()}")
                .WithSummary($"Upsert {kind.Word()}")
                .WithDescription($"A JSON array of {kind.Word()} (at most {IngestRecords.MaxItems:N0} items, 16 MiB), fields as in docs/import-formats.md, plus an optional source.")
                .WithTags("ingest")
                .RequireAuthorization(TokenScopes.Ingest)
                .Accepts<JsonElement[]>("application/json")
                .Produces<IngestResponse>()
                .Produces<BatchProblemDetails>(StatusCodes.Status422UnprocessableEntity, Problems.MediaType)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .WithMetadata(new RequestSizeLimitAttribute(MaxBytes));
        }
        return routes;
    }

    private static async Task<IResult> IngestAsync(ImportKind kind, HttpRequest request, TandemDatabase database, TandemServerSettings settings, AgreementCache agreements, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBytes) return TooLarge($"the body is {request.ContentLength:N0} bytes; at most {MaxBytes:N0} per call");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancel).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge($"the body is over {MaxBytes:N0} bytes");
        }
        catch (JsonException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Body is not JSON", $"line {e.LineNumber + 1}: {e.Message.Split(" Path:")[0]}");
        }
        using (document)
        {
            var items = document.RootElement;
            if (items.ValueKind != JsonValueKind.Array)
                return Problems.Result(StatusCodes.Status400BadRequest, "Body is not an array", $"send a JSON array of {kind.Word()} objects, not a JSON {items.ValueKind.ToString().ToLowerInvariant()}");
            if (items.GetArrayLength() > IngestRecords.MaxItems)
                return TooLarge($"{items.GetArrayLength():N0} items; at most {IngestRecords.MaxItems:N0} per call");

            await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
            var agreement = await agreements.GetAsync(connection, cancel).ConfigureAwait(false);
            var result = await IngestRecords.RunAsync(database, kind, JsonRecords.Read(items), settings.Zone, agreement, settings.Clock, cancel).ConfigureAwait(false);
            var entries = result.Problems
                .Select(p => new ItemProblemDetails("urn:tandem:problem:invalid-item", "Invalid item", StatusCodes.Status422UnprocessableEntity, $"{p.Field}: {p.Reason}", p.Index, p.Field, JsonRecords.Locate(p)))
                .ToList();
            if (result.Items > 0 && result.Rejected == result.Items)
            {
                var problem = new BatchProblemDetails
                {
                    Type = "urn:tandem:problem:invalid-batch",
                    Title = "Every item was rejected",
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Detail = $"all {result.Items:N0} items were rejected; nothing was stored",
                    Errors = entries,
                };
                return TypedResults.Json(problem, ApiJson.Options, Problems.MediaType, StatusCodes.Status422UnprocessableEntity);
            }
            return TypedResults.Json(new IngestResponse(result.Items, result.Records.Inserted, result.Records.Updated, result.Records.Unchanged, result.Rejected, result.Flags, entries), ApiJson.Options);
        }
    }

    private static IResult TooLarge(string detail) => Problems.Result(StatusCodes.Status413PayloadTooLarge, "Batch too large", detail + "; split it into smaller batches");
}
