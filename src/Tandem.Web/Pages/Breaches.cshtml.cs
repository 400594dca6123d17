using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Clocks;

namespace Tandem.Web.Pages;

/// <summary>
/// The breach queue: breached clocks (and those about to breach), filterable and sortable, each
/// lead's timeline on request; managers acknowledge, snooze or excuse a breach, or reopen it.
/// </summary>
public sealed class BreachesModel(PageData data) : TandemPage(data)
{
    private static readonly string[] Standings = ["open", "acknowledged", "snoozed", "excused", "warning"];

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

    /// <summary>The rows listed.</summary>
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    /// <summary>Counts per standing, before the standing filter.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    /// <summary>Reps that have a clock in the queue.</summary>
    public IReadOnlyList<string> Reps { get; private set; } = [];

    /// <summary>The open lead's history, if one is open.</summary>
    public LeadHistory? Timeline { get; private set; }

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

    /// <summary>Reads the queue.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        // A breach belongs to the period it happened in; warnings are always live.
        var since = Period.Start.AtStartOfDayInZone(Agreement!.Calendar.Zone).ToInstant();
        var until = Period.End.AtStartOfDayInZone(Agreement.Calendar.Zone).ToInstant();
        var all = (await BreachList.ReadAsync(scope, OwnRep, cancel).ConfigureAwait(false))
            .Where(r => r.State == ClockState.Warning || (r.Since >= since && r.Since < until)).ToList();
        Reps = [.. all.Select(r => r.Clock.Rep).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        var filtered = all.Where(r => (string.IsNullOrEmpty(Commitment) || r.Clock.Commitment == Commitment)
            && (string.IsNullOrEmpty(RepFilter) || string.Equals(r.Clock.Rep, RepFilter, StringComparison.OrdinalIgnoreCase))).ToList();
        Counts = Standings.ToDictionary(s => s, s => filtered.Count(r => r.Standing == s));
        Rows = [.. filtered.Where(r => Wanted.Contains(r.Standing)).OrderBy(r => r.State == ClockState.Warning ? 0 : 1).ThenByDescending(r => r.Since)];
        if (!string.IsNullOrEmpty(LeadId))
        {
            Timeline = await LeadTimeline.ReadAsync(scope.Connection, string.IsNullOrEmpty(Source) ? "default" : Source, LeadId, cancel).ConfigureAwait(false);
            if (Timeline is null) Problem = $"No lead '{LeadId}' in source '{Source ?? "default"}'.";
        }
    }

    /// <summary>Records a manager's action on one breach.</summary>
    public async Task<IActionResult> OnPostActAsync(string source, string lead, int episode, string commitment, string action, string? reason, string? until, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Instant? snoozeUntil = null;
        if (action == "snooze")
        {
            var parsed = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(until ?? "");
            if (!parsed.Success) Message = $"Snooze until: '{until}' is not a date and time.";
            else snoozeUntil = parsed.Value.InZoneLeniently(scope.Zone).ToInstant();
        }
        if (Message is null)
        {
            try
            {
                await BreachActions.AddAsync(scope.Connection, new BreachAction(new ClockKey(source, lead, episode, commitment), action, reason, snoozeUntil, User.Identity!.Name!, scope.Now), cancel).ConfigureAwait(false);
                Message = $"{lead} ({commitment}): {Done(action)}.";
            }
            catch (ArgumentException e)
            {
                Message = $"{lead} ({commitment}): not recorded, {e.Message}.";
            }
        }
        return Back();
    }

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
