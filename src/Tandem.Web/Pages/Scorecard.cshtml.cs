using Tandem.Data.Analytics;

namespace Tandem.Web.Pages;

/// <summary>Scorecard: both teams' commitments, met or missed, period by period.</summary>
public sealed class ScorecardModel(PageData data) : TandemPage(data)
{
    /// <summary>Periods shown, ending with the one asked for.</summary>
    public const int Periods = 6;

    /// <summary>The scorecard, or null when the page has a problem to show.</summary>
    public ScorecardResult? Result { get; private set; }

    /// <summary>Reads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        Result = await ScorecardQuery.RunAsync(scope.Connection, Agreement!, Period, Periods, Segment, Now, cancel).ConfigureAwait(false);
    }
}
