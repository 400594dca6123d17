using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Reps;

namespace Tandem.Web.Pages;

/// <summary>Today: both teams' standing at a glance, the page for the daily stand-up.</summary>
public sealed class IndexModel(PageData data) : TandemPage(data)
{
    /// <summary>Marketing's pacing in the period so far.</summary>
    public PacingResult? Pacing { get; private set; }

    /// <summary>Speed to lead of the period's handoffs.</summary>
    public SpeedResult? Speed { get; private set; }

    /// <summary>Depth of follow-up of the period's handoffs.</summary>
    public DepthResult? Depth { get; private set; }

    /// <summary>The first clocks warning now (about to breach), soonest deadline first, and how many warn.</summary>
    public WarningPage Warnings { get; private set; } = new([], 0);

    /// <summary>Breaches of any period by standing (open, acknowledged, snoozed, excused), in the segment shown: the breach queue's own counts.</summary>
    public IReadOnlyDictionary<string, long> BreachCounts { get; private set; } = new Dictionary<string, long>();

    /// <summary>Breaches of any period not excused, snoozed or acknowledged.</summary>
    public long OpenBreaches => BreachCounts.GetValueOrDefault("open");

    /// <summary>Excused breaches of any period (counted apart).</summary>
    public long ExcusedBreaches => BreachCounts.GetValueOrDefault("excused");

    /// <summary>The breach queue listing exactly the rows a figure counts: breaches of any period (or warnings) of one standing, in the segment shown.</summary>
    public string QueueLink(string show) => $"/breaches{Keep}&breached={BreachesModel.AnyPeriod}&show={show}";

    /// <summary>Reps' names, shown with the id on hover.</summary>
    public RepNames Names { get; private set; } = RepNames.None;

    /// <summary>
    /// The lead list of the leads marketing delivered in the period (those that entered the funnel's
    /// first stage, of marketing's lead types), when the goal counts leads; null for a lead-value
    /// goal, a sum of values no list's count can equal, and for a sales rep, whose lists hold only their own leads.
    /// </summary>
    public string? DeliveredLink => Pacing is null || Pacing.ValueGoal || Agreement is null || OwnRep is not null ? null
        : LeadsModel.Link(Period.ToString(), Segment, ("stage", SheetReader.FunnelOf(Agreement)[0]), ("origin", "marketing"));

    /// <summary>The lead list of the period and segment with <paramref name="filters"/>.</summary>
    public string List(params (string Name, string? Value)[] filters) => LeadsModel.Link(Period.ToString(), Segment, filters);

    /// <summary>Leads whose clock warns: about to breach (the first ten).</summary>
    public IReadOnlyList<QueueRow> AboutToBreach => Warnings.Rows;

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Pacing = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
        Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
        Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
        // The breach queue's rows and counts for this segment: open breaches whatever their period (issue 20), as its "any period" view lists them.
        Names = await RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        var filter = new QueueFilter(Segment, OwnRep);
        Warnings = await QueueQuery.WarningPageAsync(scope.Connection, Now, filter, 0, 10, cancel).ConfigureAwait(false);
        BreachCounts = await QueueQuery.BreachCountsAsync(scope.Connection, Now, null, null, filter, cancel).ConfigureAwait(false);
    }
}
