using System.Globalization;
using Microsoft.AspNetCore.Http;
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

    /// <summary>A funnel stage: the list is of leads that entered it in the period (not of handoffs).</summary>
    [BindProperty(SupportsGet = true, Name = "stage")]
    public string? StageText { get; set; }

    /// <summary>yes (handed off at least once), no, or empty: the list is of leads.</summary>
    [BindProperty(SupportsGet = true, Name = "handedOff")]
    public string? HandedOffText { get; set; }

    /// <summary>marketing or sales: the lead types of that origin in the agreement; the list is of leads.</summary>
    [BindProperty(SupportsGet = true, Name = "origin")]
    public string? OriginText { get; set; }

    /// <summary>A campaign's id: the list is of its leads (whatever the period), as the Deliverables page counts them.</summary>
    [BindProperty(SupportsGet = true, Name = "campaign")]
    public string? CampaignText { get; set; }

    /// <summary>The campaign's source; empty for default.</summary>
    [BindProperty(SupportsGet = true, Name = "campaignSource")]
    public string? CampaignSourceText { get; set; }

    /// <summary>A last day (YYYY-MM-DD) within the period, as a figure standing on a day counts up to it; empty for the period's end.</summary>
    [BindProperty(SupportsGet = true, Name = "through")]
    public string? ThroughText { get; set; }

    /// <summary>A first day (YYYY-MM-DD): with <see cref="ToText"/>, the handoffs (or entries) dated from it to it, inclusive, in place of the period's days.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FromText { get; set; }

    /// <summary>A last day (YYYY-MM-DD), inclusive: see <see cref="FromText"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? ToText { get; set; }

    /// <summary>The date range asked for (either end open when not given), or null for the period's days.</summary>
    public (NodaTime.LocalDate? From, NodaTime.LocalDate? To)? Range { get; private set; }

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

    /// <summary>The filter of a list of leads (stage, handedOff or origin given), when the address was valid; null for a list of handoffs.</summary>
    public LeadEntryFilter? EntryFilter { get; private set; }

    /// <summary>The page of a list of leads.</summary>
    public LeadEntryPage Entries { get; private set; } = new([], 0, null, null);

    /// <summary>Whether the list is of leads (stage, handedOff or origin given) rather than of handoffs.</summary>
    public bool OfLeads => !string.IsNullOrWhiteSpace(StageText) || !string.IsNullOrWhiteSpace(HandedOffText) || !string.IsNullOrWhiteSpace(OriginText) || OfCampaign;

    /// <summary>Whether the list is of a campaign's leads.</summary>
    public bool OfCampaign => !string.IsNullOrWhiteSpace(CampaignText);

    /// <summary>Reps' names, shown for the reps and owners (the id on hover).</summary>
    public Tandem.Data.Reps.RepNames Names { get; private set; } = Tandem.Data.Reps.RepNames.None;

    /// <summary>Whether the list spans any period (period=any).</summary>
    public bool AnyPeriod { get; private set; }

    /// <summary>How many rows match, whichever kind of list.</summary>
    public long Count => OfLeads ? Entries.Count : List.Count;

    /// <summary>The period as the page says it.</summary>
    public string PeriodWords => Range is { } r ? RangeWords(r.From, r.To) : AnyPeriod ? "any period" : Period.ToString();

    private static string RangeWords(NodaTime.LocalDate? from, NodaTime.LocalDate? to) => (from, to) switch
    {
        ({ } f, { } t) => $"{Day(f)} to {Day(t)}",
        ({ } f, null) => $"{Day(f)} on",
        (null, { } t) => $"any day to {Day(t)}",
        _ => "any period",
    };

    private static string Day(NodaTime.LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

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

    /// <summary>csv or xlsx: every matching row as a file (not the page), streamed; empty for the page.</summary>
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    /// <summary>Whether the request asks for a file rather than the page.</summary>
    public bool Downloading => Format is not null;

    /// <summary>The page, or with ?format=csv|xlsx every row matching as a file (a 400 problem naming the field when the address is bad).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (Format is not (null or "csv" or "xlsx"))
        {
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "Unknown format", $"format: '{Format}' is not csv or xlsx").ConfigureAwait(false);
            return new EmptyResult();
        }
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, cancel).ConfigureAwait(false);
        Names = await Tandem.Data.Reps.RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        if (!Downloading) return Page();
        if (Problem is not null)
        {
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "No leads to download", Problem).ConfigureAwait(false);
            return new EmptyResult();
        }
        await LeadExport.WriteAsync(HttpContext.Response, Format!, $"tandem-leads-{(AnyPeriod ? "any" : Period.ToString())}", scope, Filter, EntryFilter, Names, cancel).ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>Reads the filters and, for the page, its rows.</summary>
    private async Task ReadAsync(PageScope scope, CancellationToken cancel)
    {
        Zone = scope.Zone.Id;
        // period=any: every day; the page's other figures keep the current period.
        AnyPeriod = string.Equals(PeriodText?.Trim(), "any", StringComparison.OrdinalIgnoreCase);
        if (AnyPeriod) PeriodText = null;
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
        var (from, to) = AnyPeriod ? (new NodaTime.LocalDate(1, 1, 1), new NodaTime.LocalDate(9999, 12, 31)) : (Period.Start, Period.End);
        // A date range (from, to, inclusive) takes the place of the period's days; an end not given is open.
        NodaTime.LocalDate? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim());
            if (parsed.Success) return parsed.Value;
            problems.Add($"{field}: '{text}' is not a date (YYYY-MM-DD).");
            return null;
        }
        var rangeFrom = Date(FromText, "From");
        var rangeTo = Date(ToText, "To");
        if (rangeFrom is { } firstDay && rangeTo is { } lastDay && lastDay < firstDay) problems.Add($"To: {Day(lastDay)} is before from ({Day(firstDay)}); give the first day in from and the last in to.");
        if (rangeFrom is not null || rangeTo is not null)
        {
            Range = (rangeFrom, rangeTo);
            from = rangeFrom ?? new NodaTime.LocalDate(1, 1, 1);
            to = rangeTo?.PlusDays(1) ?? new NodaTime.LocalDate(9999, 12, 31);
        }
        NodaTime.LocalDate? through = null;
        if (!string.IsNullOrWhiteSpace(ThroughText))
        {
            var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(ThroughText.Trim());
            if (parsed.Success) through = parsed.Value;
            else problems.Add($"Through: '{ThroughText}' is not a date (YYYY-MM-DD).");
        }
        if (through is { } last && last.PlusDays(1) < to) to = last.PlusDays(1) < from ? from : last.PlusDays(1);
        string? stage = null, origin = null;
        if (OfLeads)
        {
            var funnel = Tandem.Data.Analytics.SheetReader.FunnelOf(Agreement!);
            stage = string.IsNullOrWhiteSpace(StageText) ? funnel[0] : funnel.FirstOrDefault(n => string.Equals(n, StageText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (stage is null) problems.Add($"Stage: '{StageText}' is not one of the agreement's funnel stages ({string.Join(", ", funnel)}).");
            if (!string.IsNullOrWhiteSpace(OriginText))
            {
                origin = OriginText.Trim().ToLowerInvariant();
                if (origin is not ("marketing" or "sales")) problems.Add($"Origin: '{OriginText}' is not marketing or sales.");
            }
            // The handoff filters say nothing about a lead that may have none.
            if (OfCampaign && !string.IsNullOrWhiteSpace(StageText)) problems.Add("Stage: a campaign's leads are listed whatever stage they reached; give campaign or stage, not both.");
            foreach (var (text, field) in new[] { (OfCampaign ? null : TouchedText, "Touched"), (WithinText, "Within"), (StateText, "State"), (ExcusedText, "Excused"), (ReachedWithinText, "Reached within"), (ReachedText, "Reached") })
                if (!string.IsNullOrWhiteSpace(text)) problems.Add($"{field}: filters handoffs, not a list of leads (stage, handedOff, origin).");
            if (commitment != "speed") problems.Add("Commitment: filters handoffs, not a list of leads (stage, handedOff, origin).");
            if (sort is not (LeadListSort.Newest or null)) problems.Add("Sort: a list of leads is newest entry first.");
        }
        var handedOff = YesNo(HandedOffText, "Handed off");
        Address = Link(AnyPeriod ? "any" : Period.ToString(), Segment, ("leadType", leadType), ("rep", OwnRep is null ? rep : null), ("touched", Word(touched)), ("within", Word(within)),
            ("state", state?.Word()), ("commitment", commitment == "speed" ? null : commitment), ("excused", Word(excused)),
            ("reachedWithin", reachedWithin?.ToString(CultureInfo.InvariantCulture)), ("reached", reachedWithin is null ? null : Word(reached ?? true)),
            ("stage", string.IsNullOrWhiteSpace(StageText) ? null : stage), ("handedOff", Word(handedOff)), ("origin", origin),
            ("campaign", OfCampaign ? CampaignText!.Trim() : null), ("campaignSource", OfCampaign && !string.IsNullOrWhiteSpace(CampaignSourceText) ? CampaignSourceText.Trim() : null),
            ("through", through?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)), ("from", rangeFrom is { } f ? Day(f) : null), ("to", rangeTo is { } t ? Day(t) : null), ("sort", sort is LeadListSort.Newest or null ? null : SortText!.Trim().ToLowerInvariant()));
        if (problems.Count > 0)
        {
            Problem = string.Join(" ", problems);
            return;
        }
        if (OfLeads)
        {
            var types = Agreement!.Plan.LeadTypes;
            // With no lead types listed every lead is marketing's, as pacing counts them.
            IReadOnlyList<string>? ofOrigin = origin is null ? null
                : types.Count == 0 ? (origin == "marketing" ? null : [])
                : [.. types.Where(t => t.Origin == (origin == "marketing" ? Tandem.Domain.Planning.LeadOrigin.Marketing : Tandem.Domain.Planning.LeadOrigin.Sales)).Select(t => t.Name)];
            // Entries stand as pacing's figures do on its as-of day (today within the period): none dated later.
            var stop = NodaTime.LocalDate.Min(to, (AnyPeriod || Range is not null ? Today : AsOf).PlusDays(1));
            EntryFilter = new LeadEntryFilter(from, stop < from ? from : stop, stage!, stage == Tandem.Data.Analytics.SheetReader.FunnelOf(Agreement)[0])
            {
                Segment = Segment, LeadType = leadType, LeadTypes = ofOrigin, Owner = OwnRep is null ? rep : null, HandedOff = handedOff, Viewer = OwnRep,
                Campaign = OfCampaign ? CampaignText!.Trim() : null, CampaignSource = string.IsNullOrWhiteSpace(CampaignSourceText) ? "default" : CampaignSourceText.Trim(),
                Touched = OfCampaign ? touched : null,
            };
            if (Downloading) return;
            try
            {
                Entries = await LeadEntryQuery.PageAsync(scope.Connection, EntryFilter, scope.Zone, string.IsNullOrEmpty(Cursor) ? null : Cursor, LeadEntryQuery.PageSize, cancel).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                Problem = $"Cursor: {e.Message}.";
            }
            return;
        }
        Filter = new LeadListFilter(from, to)
        {
            Segment = Segment, LeadType = leadType, Rep = OwnRep is null ? rep : null, Touched = touched, Within = within, State = state, Commitment = commitment,
            Excused = excused, ReachedWithin = reachedWithin, Reached = reached ?? true, Viewer = OwnRep, Sort = sort!.Value,
        };
        if (Downloading) return;
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

    /// <summary>The address of every matching row as a file (csv, xlsx).</summary>
    public string DownloadLink(string format) => $"{Address}&format={format}";

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
