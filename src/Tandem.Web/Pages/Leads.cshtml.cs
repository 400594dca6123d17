using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Leads;
using Tandem.Domain.Clocks;

namespace Tandem.Web.Pages;

/// <summary>
/// The lead list (issue 21): the period's handoffs behind a figure, filtered as the figure counts
/// them, 50 a page by cursor, with how many match. Every filter is in the address, so a figure on
/// another page links here with the filters that produce it. A sales rep sees only their own leads.
/// </summary>
public sealed class LeadsModel(PageData data) : TandemPage(data)
{
    /// <summary>The sort values the page takes, in the order the form offers them.</summary>
    public static IReadOnlyList<(string Value, string Text)> Sorts { get; } =
        [("newest", "Newest handoff first"), ("wall", "Quickest first touch (wall-clock)"), ("working", "Quickest first touch (working time)")];

    /// <summary>One lead type, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "leadType")]
    public string? LeadTypeText { get; set; }

    /// <summary>One rep, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "rep")]
    public string? RepText { get; set; }

    /// <summary>yes (touched), no (never touched), or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "touched")]
    public string? TouchedText { get; set; }

    /// <summary>yes (first touch within the speed commitment), no, or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "within")]
    public string? WithinText { get; set; }

    /// <summary>7, 14 or 30: an age of the depth report (only handoffs that old by now), or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "reachedWithin")]
    public string? ReachedWithinText { get; set; }

    /// <summary>With reachedWithin: yes (reached before that age, the default) or no (not reached at it, as the depth report counts them).</summary>
    [BindProperty(SupportsGet = true, Name = "reached")]
    public string? ReachedText { get; set; }

    /// <summary>The clock's state now (running, warning, breached, met, stopped, cancelled), or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? StateText { get; set; }

    /// <summary>speed (the default) or depth: the clock shown and filtered on.</summary>
    [BindProperty(SupportsGet = true, Name = "commitment")]
    public string? CommitmentText { get; set; }

    /// <summary>yes (breach excused), no, or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "excused")]
    public string? ExcusedText { get; set; }

    /// <summary>newest, wall or working.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? SortText { get; set; }

    /// <summary>Where the page starts: a Next or Previous link's cursor; empty for the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    /// <summary>The filter read, when the address was valid.</summary>
    public LeadListFilter? Filter { get; private set; }

    /// <summary>The page of rows and how many match.</summary>
    public LeadListPage List { get; private set; } = new([], 0, null, null);

    /// <summary>The agreement's zone, named beside the times shown.</summary>
    public string Zone { get; private set; } = "UTC";

    /// <summary>The commitment shown.</summary>
    public string Commitment => Filter?.Commitment ?? "speed";

    /// <summary>The address of this list with every filter and no cursor.</summary>
    public string Address { get; private set; } = "/leads";

    /// <summary>The lead page's address.</summary>
    public static string LeadLink(string source, string id) => $"/leads/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(id)}";

    /// <summary>
    /// The list's address for a period and segment and any other filters (names as the form's:
    /// rep, touched, within, reachedWithin, reached, state, commitment, excused, leadType, sort), for figures on other pages.
    /// </summary>
    public static string Link(string period, string? segment, params (string Name, string? Value)[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var parts = new List<string> { $"period={Uri.EscapeDataString(period)}" };
        if (!string.IsNullOrEmpty(segment)) parts.Add($"segment={Uri.EscapeDataString(segment)}");
        parts.AddRange(filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!)}"));
        return "/leads?" + string.Join("&", parts);
    }

    /// <summary>Reads the filters and the page.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Zone = scope.Zone.Id;
        if (!Resolve(scope)) return;
        var problems = new List<string>();
        bool? YesNo(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            switch (text.Trim().ToLowerInvariant())
            {
                case "yes": return true;
                case "no": return false;
                default:
                    problems.Add($"{field}: '{text}' is not yes or no.");
                    return null;
            }
        }
        string? leadType = null;
        if (!string.IsNullOrWhiteSpace(LeadTypeText))
        {
            var names = Agreement!.Plan.LeadTypes.Select(t => t.Name).ToList();
            leadType = names.FirstOrDefault(n => string.Equals(n.Trim(), LeadTypeText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (leadType is null) problems.Add($"Lead type: '{LeadTypeText}' is not one of the agreement's ({string.Join(", ", names)}).");
        }
        ClockState? state = null;
        if (!string.IsNullOrWhiteSpace(StateText))
        {
            state = Enum.GetValues<ClockState>().Cast<ClockState?>().FirstOrDefault(s => string.Equals(s!.Value.Word(), StateText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (state is null) problems.Add($"Clock state: '{StateText}' is not one of {string.Join(", ", LeadListQuery.StateWords)}.");
        }
        var commitment = string.IsNullOrWhiteSpace(CommitmentText) ? "speed" : CommitmentText.Trim().ToLowerInvariant();
        if (commitment is not ("speed" or "depth")) problems.Add($"Commitment: '{CommitmentText}' is not speed or depth.");
        var sort = (SortText?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "newest" => LeadListSort.Newest,
            "wall" => LeadListSort.WallMinutes,
            "working" => LeadListSort.WorkingMinutes,
            _ => (LeadListSort?)null,
        };
        if (sort is null) problems.Add($"Sort: '{SortText}' is not one of {string.Join(", ", Sorts.Select(s => s.Value))}.");
        var touched = YesNo(TouchedText, "Touched");
        var within = YesNo(WithinText, "Within the commitment");
        var excused = YesNo(ExcusedText, "Excused");
        int? reachedWithin = null;
        if (!string.IsNullOrWhiteSpace(ReachedWithinText))
        {
            reachedWithin = int.TryParse(ReachedWithinText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && Tandem.Domain.Analytics.DepthReport.Ages.Contains(days) ? days : null;
            if (reachedWithin is null) problems.Add($"Reached within: '{ReachedWithinText}' is not one of {string.Join(", ", Tandem.Domain.Analytics.DepthReport.Ages)} (days).");
        }
        var reached = YesNo(ReachedText, "Reached");
        if (reached is not null && string.IsNullOrWhiteSpace(ReachedWithinText)) problems.Add("Reached: give reachedWithin too (7, 14 or 30 days).");
        var rep = string.IsNullOrWhiteSpace(RepText) ? null : RepText.Trim();
        Address = Link(Period.ToString(), Segment, ("leadType", leadType), ("rep", OwnRep is null ? rep : null), ("touched", Word(touched)), ("within", Word(within)),
            ("state", state?.Word()), ("commitment", commitment == "speed" ? null : commitment), ("excused", Word(excused)),
            ("reachedWithin", reachedWithin?.ToString(CultureInfo.InvariantCulture)), ("reached", reachedWithin is null ? null : Word(reached ?? true)), ("sort", sort is LeadListSort.Newest or null ? null : SortText!.Trim().ToLowerInvariant()));
        if (problems.Count > 0)
        {
            Problem = string.Join(" ", problems);
            return;
        }
        Filter = new LeadListFilter(Period.Start, Period.End)
        {
            Segment = Segment, LeadType = leadType, Rep = OwnRep is null ? rep : null, Touched = touched, Within = within, State = state, Commitment = commitment,
            Excused = excused, ReachedWithin = reachedWithin, Reached = reached ?? true, Viewer = OwnRep, Sort = sort!.Value,
        };
        try
        {
            List = await LeadListQuery.PageAsync(scope.Connection, Filter, Now, string.IsNullOrEmpty(Cursor) ? null : Cursor, LeadListQuery.PageSize, cancel).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            Problem = $"Cursor: {e.Message}.";
        }
    }

    private static string? Word(bool? value) => value switch { true => "yes", false => "no", null => null };

    /// <summary>The next or previous page's address.</summary>
    public string PageLink(string cursor) => $"{Address}&cursor={Uri.EscapeDataString(cursor)}";

    /// <summary>Minutes as a person reads them: 45 min, 3 h 05 min, 2 d 4 h.</summary>
    public static string Minutes(long? minutes) => minutes switch
    {
        null => "never touched",
        < 60 => $"{minutes} min",
        < 24 * 60 => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} d {minutes % (24 * 60) / 60} h"),
    };
}
