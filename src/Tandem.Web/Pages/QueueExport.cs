using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Reps;
using Tandem.Domain.Clocks;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// The breach queue as a file (issue 21: every list downloads): every row the queue's filters match,
/// not the page shown, warnings first by deadline and then breaches newest first, as the queue lists
/// them. Read a page of 1,000 at a time through the queue's own queries and written as read
/// (<see cref="StreamedExport"/>), so memory holds one page; text formula-neutralised; the rep's id
/// in <c>rep</c> and name in <c>rep name</c>; times in the agreement's zone.
/// </summary>
public static class QueueExport
{
    /// <summary>Rows read a query.</summary>
    private const int Page = 1_000;

    private static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("source", CellKind.Text), new("lead", CellKind.Text), new("episode", CellKind.Count), new("commitment", CellKind.Text), new("rule", CellKind.Text),
        new("rep", CellKind.Text), new(ReportTables.RepNameHeading, CellKind.Text), new("standing", CellKind.Text), new("state", CellKind.Text),
        new("handed off", CellKind.Text), new("due", CellKind.Text), new("since", CellKind.Text), new("last action", CellKind.Text), new("reason", CellKind.Text),
    ];

    /// <summary>
    /// Writes the queue's rows to <paramref name="response"/> as <paramref name="format"/> (csv, xlsx):
    /// the warnings (when <paramref name="standings"/> holds "warning") and the breaches of the other standings
    /// in [<paramref name="from"/>, <paramref name="to"/>) (either end open).
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, string format, string stem, PageScope scope, QueueFilter filter, Instant? from, Instant? to,
        IReadOnlyList<string> standings, RepNames names, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(names);
        var zone = scope.Zone;
        string Local(Instant at) => at.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var rows = StreamedDownload.Select(RowsAsync(scope, filter, from, to, standings, cancel), r =>
        {
            var last = r.Actions.Count == 0 ? null : r.Actions[^1];
            return new object?[]
            {
                r.Clock.Source, r.Clock.LeadId, (long)r.Clock.Episode, r.Clock.Commitment, r.Clock.Rule, r.Clock.Rep, names.NameOf(r.Clock.Rep), r.Standing, r.State.Word(),
                Local(r.Clock.StartedAt), Local(r.Clock.Due), Local(r.Since), last is null ? null : $"{last.Action} by {last.By} {Local(last.At)}", last?.Reason,
            };
        });
        await StreamedDownload.WriteAsync(response, format, stem, "Breaches", Columns, rows, cancel).ConfigureAwait(false);
    }

    /// <summary>The queue's rows in its order, a page at a time.</summary>
    private static async IAsyncEnumerable<QueueRow> RowsAsync(PageScope scope, QueueFilter filter, Instant? from, Instant? to, IReadOnlyList<string> standings,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        if (standings.Contains("warning"))
        {
            for (var skip = 0; ; skip += Page)
            {
                var warnings = await QueueQuery.WarningPageAsync(scope.Connection, scope.Now, filter, skip, Page, cancel).ConfigureAwait(false);
                foreach (var row in warnings.Rows) yield return row;
                if (warnings.Rows.Count == 0 || skip + warnings.Rows.Count >= warnings.Count) break;
            }
        }
        string[] breached = [.. standings.Where(s => s != "warning")];
        if (breached.Length == 0) yield break;
        string? cursor = null;
        do
        {
            var page = await QueueQuery.BreachesAsync(scope.Connection, scope.Now, from, to, filter, breached, cursor, Page, cancel).ConfigureAwait(false);
            foreach (var row in page.Rows) yield return row;
            cursor = page.Next;
        }
        while (cursor is not null);
    }
}
