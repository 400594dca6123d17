using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Clocks;
using Tandem.Data.Reps;
using Tandem.Data.Store;
using Tandem.Data.UseCases;
using Tandem.Domain.Clocks;

namespace Tandem.Web.Pages;

/// <summary>
/// The breach queue: breached clocks (and those about to breach), filterable and sortable, each
/// lead's timeline on request; managers acknowledge, snooze or excuse a breach, or reopen it.
/// </summary>
public sealed class BreachesModel(PageData data) : TandemPage(data)
{
    private static readonly string[] Standings = ["open", "acknowledged", "snoozed", "excused", "warning"];

    /// <summary>The <c>breached</c> value that lists breaches whatever their period (Today's figures link to it).</summary>
    public const string AnyPeriod = "any";

    /// <summary>Which breaches: those of the period shown (empty or "period"), or of any period ("any").</summary>
    [BindProperty(SupportsGet = true, Name = "breached")]
    public string? Breached { get; set; }

    /// <summary>Whether breaches of any period are listed, not only the period's.</summary>
    public bool AnyTime => Breached == AnyPeriod;

    /// <summary>Which standings to list (default: open, acknowledged and warning; "all" for every one).</summary>
    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    /// <summary>speed, depth, or empty for both.</summary>
    [BindProperty(SupportsGet = true, Name = "commitment")]
    public string? Commitment { get; set; }

    /// <summary>One rep's clocks, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "rep")]
    public string? RepFilter { get; set; }

    /// <summary>The lead whose timeline is open, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "lead")]
    public string? LeadId { get; set; }

    /// <summary>The open lead's source.</summary>
    [BindProperty(SupportsGet = true, Name = "source")]
    public string? Source { get; set; }

    /// <summary>The download format asked for (csv, xlsx), or null for the page.</summary>
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    /// <summary>The address of the queue's download in <paramref name="format"/>, with the filters shown.</summary>
    public string DownloadLink(string format) => $"/breaches{Filters}&format={format}";

    /// <summary>Where the page starts: from <see cref="NextCursor"/> of the page before (empty for the first page).</summary>
    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    /// <summary>The rows listed: this page's (at most <see cref="QueueQuery.PageSize"/>), warnings first by deadline, then breaches newest first.</summary>
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    /// <summary>The next page's cursor, null on the last page.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>Counts per standing, before the standing filter.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; private set; } = new Dictionary<string, long>();

    /// <summary>How many rows the filters match, over every page.</summary>
    public long Matching => Wanted.Sum(s => Counts.GetValueOrDefault(s));

    /// <summary>The query string of the filters shown (period, segment, which breaches, standings, commitment, rep), for links that keep them.</summary>
    public string Filters => Keep + (AnyTime ? $"&breached={AnyPeriod}" : "")
        + $"&show={Uri.EscapeDataString(Show ?? "")}&commitment={Uri.EscapeDataString(Commitment ?? "")}&rep={Uri.EscapeDataString(RepFilter ?? "")}";

    /// <summary>The address of the next page, keeping the filters.</summary>
    public string NextLink => $"/breaches{Filters}&cursor={Uri.EscapeDataString(NextCursor ?? "")}";

    /// <summary>Reps' names, shown with the id on hover (the rep filter still takes the id).</summary>
    public RepNames Names { get; private set; } = RepNames.None;

    /// <summary>Reps that have a clock in the queue.</summary>
    public IReadOnlyList<string> Reps { get; private set; } = [];

    /// <summary>The open lead's timeline (its clocks explained), if one is open.</summary>
    public LeadTimelineModel? Timeline { get; private set; }

    /// <summary>The name and company of each listed lead by (source, id); erased ones null.</summary>
    public IReadOnlyDictionary<(string Source, string Id), QueueLead> Leads { get; private set; } = new Dictionary<(string, string), QueueLead>();

    /// <summary>A row's lead as "name · company" (what is known of them), or null when neither is.</summary>
    public string? Who(QueueRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var lead = Leads.GetValueOrDefault((row.Clock.Source, row.Clock.LeadId));
        string[] known = [.. new[] { lead?.Name, lead?.Company }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())];
        return known.Length == 0 ? null : string.Join(" · ", known);
    }

    /// <summary>How many breaches (not warnings) the filters match: what "all matching" acts on.</summary>
    public long MatchingBreaches => Wanted.Where(w => w != "warning").Sum(s => Counts.GetValueOrDefault(s));

    /// <summary>The queue with the other filters kept and the standings shown set to <paramref name="show"/>: a count chip's link.</summary>
    public string ShowLink(string show) => Keep + (AnyTime ? $"&breached={AnyPeriod}" : "")
        + $"&show={Uri.EscapeDataString(show)}&commitment={Uri.EscapeDataString(Commitment ?? "")}&rep={Uri.EscapeDataString(RepFilter ?? "")}";

    /// <summary>A snooze's default end: this time tomorrow, in the agreement's zone, as a datetime-local field takes it.</summary>
    public string SnoozeDefault => Now.Plus(NodaTime.Duration.FromDays(1)).InZone(Agreement?.Calendar.Zone ?? NodaTime.DateTimeZone.Utc)
        .ToString("uuuu-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why a bulk action was refused (answered with 400 and the queue as it was), naming the field.</summary>
    public string? BulkProblem { get; private set; }

    /// <summary>What the last action did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>The standings listed.</summary>
    public IReadOnlyList<string> Wanted => Show switch
    {
        "all" => Standings,
        { Length: > 0 } one when Standings.Contains(one) => [one],
        _ => ["open", "acknowledged", "warning"],
    };

    /// <summary>Reads the queue; with ?format=csv|xlsx, answers every row the filters match as a file (<see cref="QueueExport"/>).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (Format is not (null or "csv" or "xlsx"))
        {
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "Unknown format", $"format: '{Format}' is not csv or xlsx").ConfigureAwait(false);
            return new EmptyResult();
        }
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var resolved = ResolveQueue(scope);
        if (Format is not null && (!resolved || Problem is not null))
        {
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "No breaches to download", Problem ?? "the agreement: none is active").ConfigureAwait(false);
            return new EmptyResult();
        }
        if (!resolved || Problem is not null) return Page();
        if (Format is not null)
        {
            Names = await RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
            await QueueExport.WriteAsync(HttpContext.Response, Format, $"tandem-breaches-{(AnyTime ? "any" : Period.ToString())}", scope, QueueFilter, Since, Until, Wanted, Names, cancel).ConfigureAwait(false);
            return new EmptyResult();
        }
        await LoadAsync(scope, cancel).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Reads the agreement, period and segment and checks <see cref="Breached"/>: false (or <see cref="TandemPage.Problem"/> set) when the queue cannot be read.</summary>
    private bool ResolveQueue(PageScope scope)
    {
        var resolved = Resolve(scope);
        if (resolved && !string.IsNullOrEmpty(Breached) && Breached is not ("period" or AnyPeriod))
            Problem = $"Breached: '{Breached}' is not one of period, {AnyPeriod}.";
        return resolved;
    }

    // A breach belongs to the period it happened in, unless any period is asked for; warnings are always live.
    private NodaTime.Instant? Since => AnyTime ? null : Period.Start.AtStartOfDayInZone(Agreement!.Calendar.Zone).ToInstant();

    private NodaTime.Instant? Until => AnyTime ? null : Period.End.AtStartOfDayInZone(Agreement!.Calendar.Zone).ToInstant();

    /// <summary>The filters as the queries take them: a sales rep's own clocks whatever the rep filter says.</summary>
    private QueueFilter QueueFilter => new(Segment, OwnRep ?? NullIfEmpty(RepFilter), Commitment is "speed" or "depth" ? Commitment : null);

    /// <summary>Reads the page shown: its rows (a page of the warnings, then of the breaches), the counts, the reps, the leads' names and the open timeline.</summary>
    private async Task LoadAsync(PageScope scope, CancellationToken cancel)
    {
        var since = Since;
        var until = Until;
        var filter = QueueFilter;
        Names = await RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        Reps = await QueueQuery.RepsAsync(scope.Connection, Now, since, until, cancel).ConfigureAwait(false);
        // One cursor walks the warnings ("w" and how many are behind), then the breaches ("b" and the last one's key).
        var cursor = Cursor ?? "";
        var skip = cursor.StartsWith('w') && int.TryParse(cursor.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        var listsWarnings = Wanted.Contains("warning") && !cursor.StartsWith('b');
        var warnings = await QueueQuery.WarningPageAsync(scope.Connection, Now, filter, skip, listsWarnings ? QueueQuery.PageSize : 0, cancel).ConfigureAwait(false);
        Counts = new Dictionary<string, long>(await QueueQuery.BreachCountsAsync(scope.Connection, Now, since, until, filter, cancel).ConfigureAwait(false))
        {
            ["warning"] = warnings.Count,
        };
        var rows = new List<QueueRow>();
        var breachCursor = cursor.StartsWith('b') && cursor.Length > 1 ? cursor[1..] : null;
        if (listsWarnings)
        {
            rows.AddRange(warnings.Rows);
            if (skip + rows.Count < warnings.Count) NextCursor = $"w{skip + rows.Count}";
        }
        if (NextCursor is null && rows.Count < QueueQuery.PageSize)
        {
            try
            {
                var page = await QueueQuery.BreachesAsync(scope.Connection, Now, since, until, filter, [.. Wanted.Where(w => w != "warning")], breachCursor, QueueQuery.PageSize - rows.Count, cancel).ConfigureAwait(false);
                rows.AddRange(page.Rows);
                NextCursor = page.Next is { } next ? "b" + next : null;
            }
            catch (FormatException e)
            {
                Problem = $"cursor: {e.Message}.";
            }
        }
        else if (NextCursor is null && Wanted.Any(w => w != "warning") && Counts.Where(c => c.Key != "warning" && Wanted.Contains(c.Key)).Sum(c => c.Value) > 0)
        {
            NextCursor = "b";
        }
        Rows = rows;
        Leads = await QueueLeads.ReadAsync(scope.Connection, rows, cancel).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(LeadId))
        {
            var source = string.IsNullOrEmpty(Source) ? "default" : Source;
            var view = await LeadPageTimeline.ReadAsync(scope.Connection, source, LeadId, Now, cancel).ConfigureAwait(false);
            // A sales rep sees only leads they own or hold a clock of: another's reads as no lead at all.
            if (view is not null && (!User.IsInRole(Tandem.Data.Accounts.Roles.SalesRep) || (OwnRep is { } rep && view.Concerns(rep))))
                Timeline = new LeadTimelineModel(view, source, scope.Zone, Now, 2, "/breaches" + Filters);
            else Problem = $"No lead '{LeadId}' in source '{source}'.";
        }
    }


    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Records a manager's action on one breach, through the use case every front end shares.</summary>
    public async Task<IActionResult> OnPostActAsync(string source, string lead, int episode, string commitment, string action, string? reason, string? until, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var input = new BreachActionInput(new ClockKey(source, lead, episode, commitment), action, reason, until, scope.Zone, User.Identity!.Name!);
        var problems = await ActOnBreach.RunAsync(scope.Connection, input, Data.Clock, cancel).ConfigureAwait(false);
        Message = problems.Count == 0
            ? $"{lead} ({commitment}): {Done(action)}."
            : $"{lead} ({commitment}): not recorded. " + string.Join(" ", problems.Select(p => $"{Label(p.Field)}: {p.Reason}."));
        return Back();
    }

    /// <summary>
    /// Records one action (acknowledge, snooze, excuse; one reason and snooze end for all) on the
    /// selected breaches (<c>scope=selected</c>, each a <c>breach</c> key) or on every breach the
    /// filters in the address match (<c>scope=all</c>), through <see cref="ActOnBreaches"/>. A
    /// missing or bad field answers 400 with the queue and a message naming the field.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(string? action, string? scope, string? reason, string? until, string[]? breach, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var page = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!ResolveQueue(page) || Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var input = new BulkBreachInput(action, reason, until, page.Zone, User.Identity!.Name!);
        BulkBreachResult result;
        if (scope == "all")
        {
            result = await ActOnBreaches.MatchingAsync(page.Connection, Since, Until, QueueFilter, Wanted, input, Data.Clock, cancel: cancel).ConfigureAwait(false);
        }
        else if (scope == "selected")
        {
            var keys = (breach ?? []).Select(b => (Text: b, Key: ActOnBreaches.Parse(b))).ToList();
            result = keys.FirstOrDefault(k => k.Key is null) is { Text: { } bad }
                ? new BulkBreachResult(0, [new FieldProblem("breach", bad, $"'{bad}' is not a breach of the queue")])
                : await ActOnBreaches.SelectedAsync(page.Connection, [.. keys.Select(k => k.Key!)], input, OwnRep, Data.Clock, cancel).ConfigureAwait(false);
        }
        else
        {
            result = new BulkBreachResult(0, [new FieldProblem("scope", scope, string.IsNullOrEmpty(scope) ? "choose selected or all" : $"'{scope}' is not one of selected, all")]);
        }
        if (result.Problems.Count > 0)
        {
            BulkProblem = "Nothing recorded. " + string.Join(" ", result.Problems.Select(p => $"{p.Field}: {p.Reason}."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(page, cancel).ConfigureAwait(false);
            return Page();
        }
        Message = $"{result.Recorded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(result.Recorded == 1 ? "breach" : "breaches")} {Done(action!)}.";
        return Redirect("/breaches" + Filters);
    }

    /// <summary>The action form's label for a field.</summary>
    private static string Label(string field) => field switch
    {
        "until" => "Snooze until",
        "reason" => "Reason",
        "action" => "Action",
        _ => field,
    };

    /// <summary>Back to the queue as it was filtered (the referring page, when it is this one on this server).</summary>
    private RedirectResult Back() =>
        Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var from) && from.Authority == Request.Host.Value && from.AbsolutePath == "/breaches"
            ? Redirect(from.PathAndQuery)
            : Redirect("/breaches");

    private static string Done(string action) => action switch
    {
        "acknowledge" => "acknowledged",
        "snooze" => "snoozed",
        "excuse" => "excused",
        _ => "reopened",
    };
}
