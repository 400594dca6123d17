using Tandem.Data.Analytics;

namespace Tandem.Web.Pages;

/// <summary>Pacing: the waterfall per segment and lead type, the projection and the daily rate still needed.</summary>
public sealed class PacingModel(PageData data) : TandemPage(data)
{
    /// <summary>The period's pacing, or null when the page has a problem to show.</summary>
    public PacingResult? Result { get; private set; }

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Result = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
    }
}
