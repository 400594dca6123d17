using Tandem.Data.Analytics;
using Tandem.Domain.Clocks;

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

    /// <summary>Breached and warning clocks now.</summary>
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    /// <summary>Breaches not excused, snoozed or acknowledged.</summary>
    public int OpenBreaches => Queue.Count(r => r.State == ClockState.Breached && r.Standing == "open");

    /// <summary>Excused breaches (counted apart).</summary>
    public int ExcusedBreaches => Queue.Count(r => r.Standing == "excused");

    /// <summary>Leads whose clock warns: about to breach.</summary>
    public IReadOnlyList<QueueRow> AboutToBreach => [.. Queue.Where(r => r.State == ClockState.Warning).OrderBy(r => r.Deadline(Now)).Take(10)];

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Pacing = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
        Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
        Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
        Queue = await BreachList.ReadAsync(scope, OwnRep, cancel).ConfigureAwait(false);
    }
}
