using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tandem.Data.Leads;
using Tandem.Data.Reps;
using Tandem.Domain.Clocks;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// A lead list as a file (issue 21): every row its filters keep, not the page shown, read a keyset
/// page at a time and written as read (<see cref="StreamedExport"/>), so a list of a million costs
/// one page of memory. The rep is kept as its id in <c>rep</c> with its name beside it in
/// <c>rep name</c> (<see cref="RepNames"/>, the heading the report tables use; empty when none). A sales rep's filter already holds only their leads.
/// </summary>
public static class LeadExport
{
    /// <summary>A list of handoffs' columns.</summary>
    public static IReadOnlyList<ReportColumn> HandoffColumns { get; } =
    [
        new("source", CellKind.Text), new("lead", CellKind.Text), new("episode", CellKind.Count), new("name", CellKind.Text), new("company", CellKind.Text),
        new("segment", CellKind.Text), new("lead type", CellKind.Text), new("rep", CellKind.Text), new(ReportTables.RepNameHeading, CellKind.Text), new("handed off", CellKind.Text),
        new("wall minutes to first touch", CellKind.Count), new("working minutes to first touch", CellKind.Count), new("within commitment", CellKind.Text),
        new("clock", CellKind.Text), new("excused", CellKind.Text),
    ];

    /// <summary>A list of leads' columns: the owner as the rep.</summary>
    public static IReadOnlyList<ReportColumn> LeadColumns { get; } =
    [
        new("source", CellKind.Text), new("lead", CellKind.Text), new("name", CellKind.Text), new("company", CellKind.Text), new("segment", CellKind.Text),
        new("lead type", CellKind.Text), new("rep", CellKind.Text), new(ReportTables.RepNameHeading, CellKind.Text), new("entered", CellKind.Text), new("handed off", CellKind.Text),
    ];

    /// <summary>Writes the list of <paramref name="handoffs"/> (or, when null, of <paramref name="leads"/>) to <paramref name="response"/> as <paramref name="format"/> (csv, xlsx).</summary>
    public static async Task WriteAsync(HttpResponse response, string format, string stem, PageScope scope, LeadListFilter? handoffs, LeadEntryFilter? leads, RepNames names, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(names);
        var zone = scope.Zone;
        var (columns, rows) = handoffs is not null
            ? (HandoffColumns, StreamedDownload.Select(LeadListQuery.RowsAsync(scope.Connection, handoffs, scope.Now, cancel), r => new object?[]
            {
                r.Source, r.LeadId, (long)r.Episode, r.Name, r.Company, r.Segment, r.LeadType, r.Rep, names.NameOf(r.Rep),
                r.HandedOffAt.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture), r.WallMinutes, r.WorkingMinutes, r.Within ? "yes" : "no",
                r.State?.Word(), r.Excused ? "yes" : "no",
            }))
            : (LeadColumns, StreamedDownload.Select(LeadEntryQuery.RowsAsync(scope.Connection, leads ?? throw new ArgumentNullException(nameof(leads)), zone, cancel), r => new object?[]
            {
                r.Source, r.LeadId, r.Name, r.Company, r.Segment, r.LeadType, r.Owner, names.NameOf(r.Owner),
                r.Entered.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), r.HandedOff ? "yes" : "no",
            }));
        await StreamedDownload.WriteAsync(response, format, stem, "Leads", columns, rows, cancel).ConfigureAwait(false);
    }
}
