using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Data.Reps;
using Tandem.Domain.Analytics;
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

    /// <summary>Reps' names, shown with the id on hover.</summary>
    public RepNames Names { get; private set; } = RepNames.None;

    /// <summary>Each rep's speed and depth, in the speed report's rep order: the per-rep table, whose counts link to the rep's leads.</summary>
    public IReadOnlyList<(string Rep, SpeedStats Speed, IReadOnlyList<DepthAtAge> Ages)> ByRep => Speed is null || Depth is null
        ? []
        : [.. Speed.ByRep.Select(r => (r.Rep, r.Stats, Depth.ByRep.FirstOrDefault(d => d.Rep == r.Rep).Ages ?? []))];

    /// <summary>Whether counts link to their lead lists: not for a sales rep, whose lists hold only their own leads while these figures are the team's.</summary>
    public bool Linked => OwnRep is null;

    /// <summary>The lead list of this page's period and segment with <paramref name="filters"/>.</summary>
    public string List(params (string Name, string? Value)[] filters) => LeadsModel.Link(Period.ToString(), Segment, filters);

    /// <summary>Whether the speed commitment counts working time.</summary>
    public bool Working => Agreement?.Sales.Speed.Clock == ClockKind.Working;

    /// <summary>
    /// The page's tables: speed (what <c>tandem report speed</c> writes), then the first step and
    /// the ages (what <c>tandem report depth</c> writes, in its order), reps named as the CLI names them.
    /// </summary>
    public IReadOnlyList<ReportTable> Tables => Speed is null || Depth is null
        ? []
        : [.. ReportTables.Speed(Speed, Names), FirstStepTable.Of(Depth, FollowUpWords.FirstStep(Agreement!), Names), .. ReportTables.Depth(Depth, Names)];

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers the page's tables as a file.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope))
        {
            Speed = await FollowUpQuery.SpeedAsync(scope.Connection, Period, Segment, cancel).ConfigureAwait(false);
            Depth = await FollowUpQuery.DepthAsync(scope.Connection, Period, Segment, Now, cancel).ConfigureAwait(false);
            Names = await RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        }
        return Downloading ? await DownloadAsync(Tables, cancel).ConfigureAwait(false) : Page();
    }
}
