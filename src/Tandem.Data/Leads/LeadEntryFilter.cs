using NodaTime;

namespace Tandem.Data.Leads;

/// <summary>
/// Which leads a list of leads (not handoffs) keeps: those whose first entry into <see cref="Stage"/>
/// is dated in [<see cref="From"/>, <see cref="To"/>) (days in the agreement's zone), and optionally
/// one segment, one lead type, a set of lead types (an origin's), one owner, handed off or not, and
/// <see cref="Viewer"/>: a sales rep, who sees only the leads they own or that have a clock of theirs.
/// </summary>
/// <param name="From">The first day.</param>
/// <param name="To">The day after the last.</param>
/// <param name="Stage">A funnel stage as the agreement names it.</param>
/// <param name="FirstStage">Whether <see cref="Stage"/> is the funnel's first: its entries are the arrivals pacing counts (arrival_facts).</param>
public sealed record LeadEntryFilter(LocalDate From, LocalDate To, string Stage, bool FirstStage)
{
    /// <summary>One segment, or null for all.</summary>
    public string? Segment { get; init; }

    /// <summary>One lead type, or null for all.</summary>
    public string? LeadType { get; init; }

    /// <summary>Only these lead types (names as the agreement's; an origin's), or null for all; empty keeps none.</summary>
    public IReadOnlyList<string>? LeadTypes { get; init; }

    /// <summary>One owner (ignoring case), or null for all.</summary>
    public string? Owner { get; init; }

    /// <summary>Handed off at least once (true), never (false), or either.</summary>
    public bool? HandedOff { get; init; }

    /// <summary>
    /// One campaign's leads instead of a stage's entries (campaign_leads of <see cref="CampaignSource"/>,
    /// leads not deleted, as the Deliverables page counts them), whatever the period, dated by their response.
    /// </summary>
    public string? Campaign { get; init; }

    /// <summary>The campaign's source.</summary>
    public string CampaignSource { get; init; } = "default";

    /// <summary>With <see cref="Campaign"/>: touched since responding (true, under the lead or the lead it was merged into), not (false), or either.</summary>
    public bool? Touched { get; init; }

    /// <summary>A sales rep's id: only the leads they own or that have a clock of theirs; null for everyone's.</summary>
    public string? Viewer { get; init; }
}
