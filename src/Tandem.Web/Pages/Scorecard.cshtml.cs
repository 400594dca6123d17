using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Domain.Analytics;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>Scorecard: both teams' commitments period by period, met or missed, and the period so far on track or not.</summary>
public sealed class ScorecardModel(PageData data) : TablePage(data)
{
    /// <inheritdoc/>
    protected override string FileStem => "scorecard";

    /// <summary>Periods shown, ending with the one asked for.</summary>
    public const int Periods = 6;

    /// <summary>The scorecard, or null when the page has a problem to show.</summary>
    public ScorecardResult? Result { get; private set; }

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers them as the file <c>tandem report scorecard --last 6</c> writes.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope)) Result = await ScorecardQuery.RunAsync(scope.Connection, Agreement!, Period, Periods, Segment, Now, cancel).ConfigureAwait(false);
        return Downloading ? await DownloadAsync(Result is null ? [] : ReportTables.Scorecard(Result), cancel).ConfigureAwait(false) : Page();
    }

    /// <summary>A cell's figure: "32 of 72" for a count, "72.2%" for a share (its target is in the row's heading); "-" where nothing was measured.</summary>
    public static string Figure(ScorecardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Measure == ScorecardMeasure.Count ? ScorecardFigures.Figure(line) : ScorecardFigures.Percent(line.Actual, line.Target);
    }
}
