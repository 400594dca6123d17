using Tandem.Data.Analytics;
using Tandem.Domain.Agreements;

namespace Tandem.Web.Pages;

/// <summary>Follow-up: speed to first touch and depth of follow-up against the commitments, per day, week and rep.</summary>
public sealed class FollowUpModel(PageData data) : TandemPage(data)
{
    /// <summary>Speed to lead of the period's handoffs.</summary>
    public SpeedResult? Speed { get; private set; }

    /// <summary>Depth of follow-up of the period's handoffs, as of now.</summary>
    public DepthResult? Depth { get; private set; }

    /// <summary>Whether the speed commitment counts working time.</summary>
    public bool Working => Agreement?.Sales.Speed.Clock == ClockKind.Working;

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
        Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
    }
}
