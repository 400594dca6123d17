using Tandem.Data.Analytics;
using Tandem.Data.Clocks;

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

    /// <summary>Clocks warning now (about to breach), soonest deadline first.</summary>
    public IReadOnlyList<QueueRow> Warnings { get; private set; } = [];

    /// <summary>The period's breaches by standing (open, acknowledged, snoozed, excused): the breach queue's own counts.</summary>
    public IReadOnlyDictionary<string, long> BreachCounts { get; private set; } = new Dictionary<string, long>();

    /// <summary>The period's breaches not excused, snoozed or acknowledged.</summary>
    public long OpenBreaches => BreachCounts.GetValueOrDefault("open");

    /// <summary>The period's excused breaches (counted apart).</summary>
    public long ExcusedBreaches => BreachCounts.GetValueOrDefault("excused");

    /// <summary>Leads whose clock warns: about to breach.</summary>
    public IReadOnlyList<QueueRow> AboutToBreach => [.. Warnings.Take(10)];

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Pacing = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
        Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
        Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
        // The same rows and counts as the breach queue for this period and segment.
        var filter = new QueueFilter(Segment, OwnRep);
        var (from, to) = (Period.Start.AtStartOfDayInZone(scope.Zone).ToInstant(), Period.End.AtStartOfDayInZone(scope.Zone).ToInstant());
        Warnings = await QueueQuery.WarningsAsync(scope.Connection, Now, filter, cancel).ConfigureAwait(false);
        BreachCounts = await QueueQuery.BreachCountsAsync(scope.Connection, Now, from, to, filter, cancel).ConfigureAwait(false);
    }
}
