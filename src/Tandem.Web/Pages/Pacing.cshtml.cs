using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
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

    /// <summary>
    /// The lead list behind a delivered count (issue 21): the leads of marketing's lead types that
    /// entered the funnel's first stage in the period up to the as-of day, of one plan cell's segment
    /// and lead type or all; null for a lead-value goal, a sum no list's count equals.
    /// </summary>
    public string? DeliveredLink(string? segment, string? leadType) => DeliveredLink(segment, leadType, AsOf);

    /// <summary>As <see cref="DeliveredLink(string?, string?)"/>, for the leads delivered up to <paramref name="through"/> (a day of the waterfall).</summary>
    private string? DeliveredLink(string? segment, string? leadType, LocalDate through) => Result is null || Result.ValueGoal || Agreement is null ? null
        : LeadsModel.Link(Period.ToString(), segment ?? Segment, ("stage", SheetReader.FunnelOf(Agreement)[0]), ("origin", "marketing"), ("leadType", leadType),
            ("through", through < Period.End.PlusDays(-1) ? through.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null));

    /// <summary>
    /// The lead list behind a cell of the page's tables (issue 21): a cell's actual in the standing
    /// table (its segment and lead type), and each day's cumulative actual in the waterfall (the leads
    /// delivered up to that day). Null for every other cell, and for a value goal (a sum, not leads).
    /// </summary>
    public (string Href, string Figure)? CellLink(string table, object?[] row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (column != 4 || row[4] is null) return null;
        switch (table)
        {
            case "Daily" when row[0] is string day && LocalDatePattern.Iso.Parse(day) is { Success: true } parsed:
                return DeliveredLink(null, null, parsed.Value) is { } daily ? (daily, "pacing-daily") : null;
            case "Pacing":
                static string? All(object? cell) => cell is string text && text is not ("(all)" or "Total") ? text : null;
                return DeliveredLink(All(row[0]), All(row[1])) is { } cell ? (cell, "pacing-cell") : null;
            default:
                return null;
        }
    }

    /// <summary>Reads the figures; with ?format=csv|xlsx, answers them as the file <c>tandem report pacing --as-of</c> the same day writes.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (Resolve(scope)) Result = await PacingQuery.RunAsync(scope.Connection, Agreement!, Period, AsOf, Segment, cancel).ConfigureAwait(false);
        return Downloading ? await DownloadAsync(Result is null ? [] : ReportTables.Pacing(Result), cancel).ConfigureAwait(false) : Page();
    }
}
