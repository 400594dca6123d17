using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Data.Leads;
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

    /// <summary>
    /// Per period, the speed line's handoffs kept and judged (not excused), as the lead list counts
    /// them, so each links to its list and kept / judged is the share shown. Empty for a sales rep,
    /// whose lists hold only their own leads while the scorecard is the team's.
    /// </summary>
    public IReadOnlyDictionary<Domain.Periods.Period, (long Kept, long Judged)> SpeedCounts { get; private set; } = new Dictionary<Domain.Periods.Period, (long, long)>();

    /// <summary>The funnel's first stage, where marketing's delivered leads are counted; null for a lead-value goal (a sum no list's count equals) or a sales rep.</summary>
    public string? DeliveredStage { get; private set; }

    /// <summary>The lead list of <paramref name="period"/> and the page's segment with <paramref name="filters"/>.</summary>
    public string List(Domain.Periods.Period period, params (string Name, string? Value)[] filters) => LeadsModel.Link(period.ToString(), Segment, filters);

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers them as the file <c>tandem report scorecard --last 6</c> writes.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope))
        {
            Result = await ScorecardQuery.RunAsync(scope.Connection, Agreement!, Period, Periods, Segment, Now, cancel).ConfigureAwait(false);
            if (!Downloading && OwnRep is null)
            {
                // Two indexed counts a period (its days of handoff facts), never the history.
                var counts = new Dictionary<Domain.Periods.Period, (long, long)>();
                foreach (var (period, _) in Result.Periods)
                {
                    var judged = new LeadListFilter(period.Start, period.End) { Segment = Segment, Excused = false };
                    counts[period] = (await LeadListQuery.CountAsync(scope.Connection, judged with { Within = true }, Now, cancel).ConfigureAwait(false),
                        await LeadListQuery.CountAsync(scope.Connection, judged, Now, cancel).ConfigureAwait(false));
                }
                SpeedCounts = counts;
                if (Agreement!.Plan.Goal != Domain.Planning.GoalKind.Value) DeliveredStage = SheetReader.FunnelOf(Agreement)[0];
            }
        }
        return Downloading ? await DownloadAsync(Result is null ? [] : ReportTables.Scorecard(Result), cancel).ConfigureAwait(false) : Page();
    }

    /// <summary>A cell's figure: "32 of 72" for a count, "72.2%" for a share (its target is in the row's heading); "-" where nothing was measured.</summary>
    public static string Figure(ScorecardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Measure == ScorecardMeasure.Count ? ScorecardFigures.Figure(line) : ScorecardFigures.Percent(line.Actual, line.Target);
    }
}
