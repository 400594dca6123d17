using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>Pacing: the waterfall per segment and lead type, the projection and the daily rate still needed.</summary>
public sealed class PacingModel(PageData data) : TablePage(data)
{
    /// <inheritdoc/>
    protected override string FileStem => "pacing";

    /// <summary>The period's pacing, or null when the page has a problem to show.</summary>
    public PacingResult? Result { get; private set; }

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers them as the file <c>tandem report pacing --as-of</c> the same day writes.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope)) Result = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
        return Downloading ? await DownloadAsync(Result is null ? [] : ReportTables.Pacing(Result), cancel).ConfigureAwait(false) : Page();
    }
}
