using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Web;

/// <summary>
/// One lead: <c>GET /api/v1/leads/{id}</c> with its timeline (stage changes, touches, deals,
/// including those of leads merged into it), and what a CRM does to a lead: delete, restore, merge, forget.
/// </summary>
public static class LeadsApi
{
    private static readonly OffsetDateTimePattern Time = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFo<+HH:mm>");

    /// <summary>The body of a merge.</summary>
    /// <param name="Into">The id of the lead it was merged into (same source).</param>
    public sealed record MergeRequest(string? Into);

    /// <summary>What a lead operation did.</summary>
    public sealed record LeadChangeResponse(string Id, string Source, bool Changed, string Result, string? MergedInto = null);

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder routes)
    {
        var leads = routes.MapGroup("/api/v1/leads/{id}").WithTags("leads")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        leads.MapGet("", GetAsync).WithName("get-lead").WithSummary("A lead with its timeline").Produces<Dictionary<string, object?>>().RequireAuthorization(TokenScopes.Read);
        leads.MapDelete("", (string id, string? source, TandemDatabase db, TandemServerSettings settings, CancellationToken cancel) =>
                Change(id, source, db, settings, LeadOperation.Delete, "deleted", "already deleted", cancel))
            .WithName("delete-lead").WithSummary("Mark a lead deleted (left out of every figure)").Produces<LeadChangeResponse>().RequireAuthorization(TokenScopes.Manage);
        leads.MapPost("/restore", (string id, string? source, TandemDatabase db, TandemServerSettings settings, CancellationToken cancel) =>
                Change(id, source, db, settings, LeadOperation.Restore, "restored", "not deleted", cancel))
            .WithName("restore-lead").WithSummary("Undo a deletion").Produces<LeadChangeResponse>().RequireAuthorization(TokenScopes.Manage);
        leads.MapPost("/forget", (string id, string? source, TandemDatabase db, TandemServerSettings settings, CancellationToken cancel) =>
                Change(id, source, db, settings, LeadOperation.Forget, "forgotten: contact fields erased", "already forgotten", cancel))
            .WithName("forget-lead").WithSummary("Erase a lead's contact fields for good").Produces<LeadChangeResponse>().RequireAuthorization(TokenScopes.Manage);
        leads.MapPost("/merge", MergeAsync).WithName("merge-lead").WithSummary("Record that a lead was merged into another")
            .Produces<LeadChangeResponse>().ProducesProblem(StatusCodes.Status422UnprocessableEntity).RequireAuthorization(TokenScopes.Manage);
        return routes;
    }

    private static async Task<IResult> Change(string id, string? source, TandemDatabase db, TandemServerSettings settings, LeadOperation operation, string done, string already, CancellationToken cancel)
    {
        source ??= "default";
        await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
        var change = (await ChangeLead.RunAsync(connection, new LeadChangeInput(operation, source, id), settings.Clock, cancel).ConfigureAwait(false)).Change;
        return change == LeadChange.NotFound
            ? NotFound(id, source)
            : TypedResults.Json(new LeadChangeResponse(id, source, change == LeadChange.Done, change == LeadChange.Done ? done : already), ApiJson.Options);
    }

    private static async Task<IResult> MergeAsync(string id, string? source, MergeRequest body, TandemDatabase db, TandemServerSettings settings, CancellationToken cancel)
    {
        source ??= "default";
        await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
        var result = await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Merge, source, id, body?.Into), settings.Clock, cancel).ConfigureAwait(false);
        if (result.Problems.Count > 0)
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Invalid merge", string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Reason}")));
        if (result.Change == LeadChange.NotFound) return NotFound(id, source);
        var target = result.MergedInto!;
        return TypedResults.Json(new LeadChangeResponse(id, source, result.Change == LeadChange.Done, result.Change == LeadChange.Done ? $"merged into {target}" : $"already merged into {target}", target), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, string? source, TandemDatabase db, TandemServerSettings settings, CancellationToken cancel)
    {
        source ??= "default";
        await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
        var history = await LeadTimeline.ReadAsync(connection, source, id, cancel).ConfigureAwait(false);
        if (history is null) return NotFound(id, source);
        var lead = Present(history.Lead, settings.Zone);
        lead["source"] = source;
        lead["merged_from"] = history.MergedFrom;
        lead["timeline"] = history.Timeline.Select(e =>
        {
            var item = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = e.Kind, ["lead_id"] = e.LeadId };
            foreach (var (name, value) in Present(e.Fields, settings.Zone)) item[name] = value;
            return item;
        }).ToList();
        return TypedResults.Json(lead, ApiJson.Options);
    }

    /// <summary>Stored values as the API shows them: times with their offset, ten-thousandths as exact decimals.</summary>
    private static Dictionary<string, object?> Present(IReadOnlyDictionary<string, object?> row, DateTimeZone zone)
    {
        var shown = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in row)
        {
            if (name is "revision") continue;
            if (name.EndsWith("_e4", StringComparison.Ordinal)) shown[name[..^3]] = value is long e4 ? e4 / 10_000m : null;
            else if (name is "at" or "updated_at" || name.EndsWith("_at", StringComparison.Ordinal))
                shown[name] = value is long ms ? Time.Format(Instant.FromUnixTimeMilliseconds(ms).InZone(zone).ToOffsetDateTime()) : null;
            else shown[name] = value;
        }
        return shown;
    }

    private static IResult NotFound(string id, string source) =>
        Problems.Result(StatusCodes.Status404NotFound, "No such lead", $"lead {id}: not found in source {source}");
}
