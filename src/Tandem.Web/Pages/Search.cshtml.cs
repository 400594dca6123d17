using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Leads;

namespace Tandem.Web.Pages;

/// <summary>
/// Lead search (issue 21), the top bar's box: leads whose id, name, e-mail or company starts with the
/// text typed, ignoring case. One hit opens its lead page; several are listed with their count, 50 a
/// page. A sales rep finds only their own leads.
/// </summary>
public sealed class SearchModel(PageData data) : TandemPage(data)
{
    /// <summary>The text searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Where the page starts: a Next or Previous link's cursor; empty for the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    /// <summary>The hits of this page and how many in all; null before a search.</summary>
    public LeadHitPage? Hits { get; private set; }

    /// <summary>Reps' names, shown for the owners (the id on hover).</summary>
    public Tandem.Data.Reps.RepNames Names { get; private set; } = Tandem.Data.Reps.RepNames.None;

    /// <summary>Searches; one hit (on the first page) opens the lead.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        // A blank box binds as null: asked for (q in the address) is a problem, not asked is an empty page.
        if (Query is null && !Request.Query.ContainsKey("q")) return Page();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        try
        {
            Hits = await LeadSearch.FindAsync(scope.Connection, Query ?? "", OwnRep, string.IsNullOrEmpty(Cursor) ? null : Cursor, LeadSearch.PageSize, cancel).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Problem = $"Search: {e.Message.Split(" (Parameter", 2)[0]}.";
            return Page();
        }
        catch (FormatException e)
        {
            Problem = $"Cursor: {e.Message}.";
            return Page();
        }
        if (Hits.Count == 1 && Hits.Hits.Count == 1 && string.IsNullOrEmpty(Cursor))
            return Redirect(LeadsModel.LeadLink(Hits.Hits[0].Source, Hits.Hits[0].Id));
        Names = await Tandem.Data.Reps.RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The next or previous page's address.</summary>
    public string PageLink(string cursor) => $"/search?q={Uri.EscapeDataString(Query ?? "")}&cursor={Uri.EscapeDataString(cursor)}";
}
