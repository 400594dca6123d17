using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Reports;
using Tandem.Domain.Agreements;

namespace Tandem.Web.Pages;

/// <summary>Follow-up: speed to first touch and depth of follow-up against the commitments, per day, week and rep.</summary>
public sealed class FollowUpModel(PageData data) : TablePage(data)
{
    /// <inheritdoc/>
    protected override string FileStem => "follow-up";

    /// <summary>Speed to lead of the period's handoffs.</summary>
    public SpeedResult? Speed { get; private set; }

    /// <summary>Depth of follow-up of the period's handoffs, as of now.</summary>
    public DepthResult? Depth { get; private set; }

    /// <summary>Whether the speed commitment counts working time.</summary>
    public bool Working => Agreement?.Sales.Speed.Clock == ClockKind.Working;

    /// <summary>
    /// The page's tables: speed (what <c>tandem report speed</c> writes), then the first step and
    /// the ages (what <c>tandem report depth</c> writes, in its order).
    /// </summary>
    public IReadOnlyList<ReportTable> Tables => Speed is null || Depth is null
        ? []
        : [.. ReportTables.Speed(Speed), FirstStepTable.Of(Depth, FollowUpWords.FirstStep(Agreement!)), .. ReportTables.Depth(Depth)];

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers the page's tables as a file.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope))
        {
            Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
            Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
        }
        return Downloading ? await DownloadAsync(Tables, cancel).ConfigureAwait(false) : Page();
    }
}
