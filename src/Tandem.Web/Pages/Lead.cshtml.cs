using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Pages;

/// <summary>
/// One lead (<c>/leads/{source}/{id}</c>): its fields, every clock with the working hours that set
/// its deadline, and its stages, touches, deals, breach actions and notifications as one timeline.
/// An unknown lead is 404; so is, for a sales rep, a lead they neither own nor hold a clock of, as
/// if it did not exist.
/// </summary>
public sealed class LeadModel(PageData data) : TandemPage(data)
{
    /// <summary>The lead's source.</summary>
    [BindProperty(SupportsGet = true, Name = "source")]
    public string Source { get; set; } = "";

    /// <summary>The lead's id.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>What the timeline partial shows.</summary>
    public LeadTimelineModel? Timeline { get; private set; }

    /// <summary>Reps' names, for the owner and the clocks' reps (the id on hover).</summary>
    public Tandem.Data.Reps.RepNames Names { get; private set; } = Tandem.Data.Reps.RepNames.None;

    /// <summary>Reads the lead.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        // The lead is shown without an agreement too (times then in UTC); period and segment play no part here.
        Resolve(scope);
        Problem = null;
        var view = await LeadPageTimeline.ReadAsync(scope.Connection, Source, Id, Now, cancel).ConfigureAwait(false);
        if (view is null) return NotFound();
        if (User.IsInRole(Roles.SalesRep) && (OwnRep is not { } rep || !view.Concerns(rep))) return NotFound();
        Timeline = new LeadTimelineModel(view, Source, scope.Zone, Now, 1, null);
        Names = await Tandem.Data.Reps.RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        return Page();
    }
}
