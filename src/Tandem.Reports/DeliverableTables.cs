using System.Globalization;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Reports;

/// <summary>
/// The Deliverables page's tables for its CSV and XLSX downloads (issue 21): the deliverable lines
/// against the commitments, then what was logged in the period (content, its uses, campaigns,
/// reports, launches, training sessions), as the page shows them; times in the agreement's zone.
/// There is no CLI verb for deliverables, so the page's tables are the reference.
/// </summary>
public static class DeliverableTables
{
    /// <summary>The tables of <paramref name="period"/>: <paramref name="lines"/> (empty without deliverable commitments) and <paramref name="logged"/>.</summary>
    public static IReadOnlyList<ReportTable> Of(string period, IReadOnlyList<ScorecardLine> lines, DeliverableLogResult logged, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(logged);
        ArgumentNullException.ThrowIfNull(zone);
        string At(Instant at) => at.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
        object? Figure(ScorecardLine l, Fraction? value) => value is not { } v ? null
            : l.Measure == ScorecardMeasure.Share ? new KindedValue(v.ToDecimal(6), CellKind.Share) : new KindedValue(v.ToDecimal(2), CellKind.OneDecimal);

        var commitments = new ReportTable("Commitments", $"Deliverables {period}: counts for marketing's quotas, the share of items done in time for the rest",
            [new("team", CellKind.Text), new("commitment", CellKind.Text), new("promise", CellKind.Text), new("measure", CellKind.Text), new("actual", CellKind.OneDecimal),
             new("target", CellKind.OneDecimal), new("verdict", CellKind.Text)]);
        foreach (var l in lines)
            commitments.Row(l.Team == ScorecardTeam.Marketing ? "marketing" : "sales", l.Commitment, l.Promise, l.Measure == ScorecardMeasure.Share ? "share" : "count",
                Figure(l, l.Actual), Figure(l, l.Target), l.Met is { } met ? met ? "met" : "missed" : null);

        var content = new ReportTable("Content", $"Content pieces published in {period} ({zone.Id})",
            [new("published", CellKind.Text), new("kind", CellKind.Text), new("title", CellKind.Text), new("id", CellKind.Text), new("uses by reps", CellKind.Count)]);
        foreach (var p in logged.Pieces) content.Row(At(p.Published), p.Kind, p.Title, p.Id, p.Uses);

        var uses = new ReportTable("Content uses", $"Which pieces reps used in {period}, in which touches (the latest 200)",
            [new("used", CellKind.Text), new("piece", CellKind.Text), new("rep", CellKind.Text), new("touch", CellKind.Text), new("lead", CellKind.Text)]);
        foreach (var u in logged.Uses) uses.Row(At(u.Used), u.PieceTitle ?? u.PieceId, u.Rep, u.TouchId, u.LeadId);

        var campaigns = new ReportTable("Campaigns", $"Campaigns launched in {period}",
            [new("launched", CellKind.Text), new("name", CellKind.Text), new("id", CellKind.Text), new("leads tied", CellKind.Count), new("touched since responding", CellKind.Count)]);
        foreach (var c in logged.Campaigns) campaigns.Row(At(c.Launched), c.Name, c.Id, c.Leads, c.Touched);

        var reports = new ReportTable("Reports", $"Performance reports delivered in {period}",
            [new("delivered", CellKind.Text), new("title", CellKind.Text), new("feedback", CellKind.Count), new("first feedback", CellKind.Text)]);
        foreach (var r in logged.Reports) reports.Row(At(r.Delivered), r.Title, r.Feedback, r.FirstFeedback is { } f ? At(f) : null);

        var launches = new ReportTable("Launches", $"Product launches dated in {period}",
            [new("launch", CellKind.Text), new("product", CellKind.Text), new("first session", CellKind.Text)]);
        foreach (var l in logged.Launches) launches.Row(l.LaunchDate, l.Product, l.FirstSession is { } s ? At(s) : null);

        var trainings = new ReportTable("Trainings", $"Training sessions held in {period}",
            [new("held", CellKind.Text), new("title", CellKind.Text), new("product", CellKind.Text), new("launch", CellKind.Text), new("named", CellKind.Count), new("attended", CellKind.Count)]);
        foreach (var t in logged.Trainings) trainings.Row(At(t.Held), t.Title, t.Product, t.LaunchDate, t.Named, t.Attended);

        return [commitments, content, uses, campaigns, reports, launches, trainings];
    }
}
