using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tandem.Data.Accounts;
using Tandem.Domain.Agreements;
using Tandem.Web.Accounts;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Pages;

/// <summary>
/// What every report page shares: the period and segment asked for (?period=2026-11&amp;segment=SMB,
/// defaulting to the current period and all segments), the active agreement, and who is looking.
/// </summary>
public abstract class TandemPage(PageData data) : PageModel
{
    /// <summary>Where the page reads from.</summary>
    protected PageData Data { get; } = data;

    /// <summary>The period asked for, as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    /// <summary>The segment asked for, as typed; empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "segment")]
    public string? SegmentText { get; set; }

    /// <summary>The active agreement; null when none is stored.</summary>
    public Agreement? Agreement { get; private set; }

    /// <summary>The period shown.</summary>
    public Period Period { get; private set; }

    /// <summary>The segment shown (as the agreement names it), or null for all.</summary>
    public string? Segment { get; private set; }

    /// <summary>Why the page shows no figures (no agreement, an unknown period or segment), or null.</summary>
    public string? Problem { get; protected set; }

    /// <summary>Today in the agreement's zone.</summary>
    public NodaTime.LocalDate Today { get; private set; }

    /// <summary>Now.</summary>
    public NodaTime.Instant Now { get; private set; }

    /// <summary>The signed-in user's rep id when they are a sales rep (their own leads are marked), else null.</summary>
    public string? OwnRep => User.IsInRole(Roles.SalesRep) ? User.FindFirstValue(SignIns.RepClaim) : null;

    /// <summary>Whether the user may change things (breach actions, uploads).</summary>
    public bool CanManage => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Marketing) || User.IsInRole(Roles.SalesManager);

    /// <summary>The day the period's figures stand on: today within the period, else its first or last day.</summary>
    public NodaTime.LocalDate AsOf => Today < Period.Start ? Period.Start : Today < Period.End ? Today : Period.End.PlusDays(-1);

    /// <summary>An instant as the agreement's zone shows it, to the minute.</summary>
    public string Local(NodaTime.Instant at) =>
        at.InZone(Agreement?.Calendar.Zone ?? NodaTime.DateTimeZone.Utc).ToString("uuuu-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The agreement's zone by name (UTC without an agreement): pages print it beside the times they show.</summary>
    public string ZoneName => (Agreement?.Calendar.Zone ?? NodaTime.DateTimeZone.Utc).Id;

    /// <summary>The query string that keeps the period and segment shown, for links between pages.</summary>
    public string Keep => $"?period={Uri.EscapeDataString(Period.ToString())}" + (Segment is null ? "" : $"&segment={Uri.EscapeDataString(Segment)}");

    /// <summary>Reads the agreement, period and segment; false (with <see cref="Problem"/> set) when the page cannot show figures.</summary>
    protected bool Resolve(PageScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Now = scope.Now;
        Today = scope.Today;
        Agreement = scope.Agreement;
        if (Agreement is null)
        {
            Problem = "No agreement is stored yet: import one (tandem agreement import FILE) and the figures appear here.";
            return false;
        }
        Period = Period.Containing(Today, Agreement.Period.Kind);
        if (!string.IsNullOrWhiteSpace(PeriodText))
        {
            try
            {
                Period = Period.Parse(PeriodText, "period");
            }
            catch (Tandem.Domain.Numbers.InvalidInputException e)
            {
                Problem = $"Period: {e.Reason}.";
                return false;
            }
        }
        if (!string.IsNullOrWhiteSpace(SegmentText))
        {
            Segment = Agreement.Plan.Segments.Select(s => s.Name).FirstOrDefault(n => string.Equals(n.Trim(), SegmentText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (Segment is null)
            {
                Problem = $"Segment '{SegmentText}' is not one of the agreement's ({string.Join(", ", Agreement.Plan.Segments.Select(s => s.Name))}).";
                return false;
            }
        }
        return true;
    }
}
