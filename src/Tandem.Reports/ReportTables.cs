using System.Globalization;
using Tandem.Data.Analytics;
using Tandem.Data.Reps;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Reports;

/// <summary>
/// The reports as tables for the CSV and XLSX exports: the same figures as the JSON output, typed,
/// blank where nothing was measured. The tracking sheet is laid out as a marketing-ops manager keeps
/// it: one row per figure, one column per period.
/// </summary>
public static class ReportTables
{
    /// <summary>The tracking sheet: the total over <paramref name="columns"/> (oldest first), then the last period by segment and lead type.</summary>
    public static IReadOnlyList<ReportTable> Sheet(IReadOnlyList<SheetColumn> columns, IReadOnlyList<string> stages, string currency, string? segment)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(stages);
        var last = columns[^1];
        var history = new ReportTable("Tracking sheet", $"Tracking sheet, marketing-generated leads{(segment is null ? "" : $", segment {segment}")} ({currency}): leads by cohort, revenue by close",
            [new ReportColumn("figure", CellKind.Text), .. columns.Select(c => new ReportColumn(c.Period.ToString(), CellKind.Text))]);
        void Line(string name, CellKind kind, Func<SheetFigures, object?> value) =>
            history.Row([name, .. columns.Select(c => Typed(value(c.Total), kind))]);
        Line("Marketing-generated leads", CellKind.Count, f => f.Leads);
        Line("Of them, customers", CellKind.Count, f => f.Customers);
        Line("Of them, customers with a won amount", CellKind.Count, f => f.PricedCustomers);
        Line("Of them, still open", CellKind.Count, f => f.StillOpen);
        Line("Close rate", CellKind.Share, f => Share(f.CloseRate));
        Line("Revenue from those customers", CellKind.Money, f => Money(f.RevenueFromCustomers));
        Line("Deal size", CellKind.Money, f => Money(f.DealSize));
        Line("Average sales cycle (days)", CellKind.OneDecimal, f => Avg(f.AverageCycleDays));
        Line("Revenue from marketing-generated leads (closed in the period)", CellKind.Money, f => Money(f.MarketingRevenue));
        Line("Total revenue (closed in the period)", CellKind.Money, f => Money(f.TotalRevenue));
        Line("Marketing share of revenue", CellKind.Share, f => Share(f.MarketingShare));
        for (var i = 0; i + 1 < stages.Count; i++)
        {
            var stage = i;
            Line($"{stages[i]} -> {stages[i + 1]}", CellKind.Share, f => Share(f.Conversions[stage]));
        }

        var groups = new ReportTable("By segment and lead type", $"Tracking sheet {last.Period} by segment and lead type ({currency})",
        [
            new("segment", CellKind.Text), new("lead type", CellKind.Text), new("marketing-generated", CellKind.Text), new("leads", CellKind.Count), new("customers", CellKind.Count),
            new("still open", CellKind.Count), new("close rate", CellKind.Share), new("customers with a won amount", CellKind.Count), new("revenue from them", CellKind.Money), new("deal size", CellKind.Money),
            new("cycle days", CellKind.OneDecimal), new("marketing revenue", CellKind.Money), new("total revenue", CellKind.Money),
        ]);
        foreach (var (group, f) in last.Groups)
            groups.Row(group.Segment, group.LeadType, group.Marketing ? "yes" : "no", f.Leads, f.Customers, f.StillOpen, Share(f.CloseRate), f.PricedCustomers, Money(f.RevenueFromCustomers), Money(f.DealSize),
                Avg(f.AverageCycleDays), Money(f.MarketingRevenue), Money(f.TotalRevenue));
        var t = last.Total;
        groups.Row("Total (marketing-generated)", null, null, t.Leads, t.Customers, t.StillOpen, Share(t.CloseRate), t.PricedCustomers, Money(t.RevenueFromCustomers), Money(t.DealSize),
            Avg(t.AverageCycleDays), Money(t.MarketingRevenue), Money(t.TotalRevenue));
        return [history, groups, GroupsByPeriod(columns, currency)];
    }

    /// <summary>Each segment and lead type's cohort figures period by period: a few rows per group, one column per period.</summary>
    private static ReportTable GroupsByPeriod(IReadOnlyList<SheetColumn> columns, string currency)
    {
        var table = new ReportTable("Groups by period", $"Tracking sheet per segment and lead type, {columns[0].Period} to {columns[^1].Period} ({currency}): leads by cohort",
            [new ReportColumn("segment", CellKind.Text), new ReportColumn("lead type", CellKind.Text), new ReportColumn("figure", CellKind.Text), .. columns.Select(c => new ReportColumn(c.Period.ToString(), CellKind.Text))]);
        var order = columns.SelectMany(c => c.Groups.Select(g => g.Group)).Distinct()
            .OrderBy(g => g.Segment ?? "\uffff", StringComparer.OrdinalIgnoreCase).ThenBy(g => g.LeadType ?? "\uffff", StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var group in order)
        {
            var figures = columns.Select(c => c.Groups.Where(g => g.Group == group).Select(g => g.Figures).FirstOrDefault() ?? SheetFigures.Empty).ToList();
            void Line(string name, CellKind kind, Func<SheetFigures, object?> value) =>
                table.Row([group.Segment, group.LeadType, name, .. figures.Select(f => Typed(value(f), kind))]);
            Line("leads", CellKind.Count, f => f.Leads);
            Line("customers", CellKind.Count, f => f.Customers);
            Line("close rate", CellKind.Share, f => Share(f.CloseRate));
            Line("cycle days", CellKind.OneDecimal, f => Avg(f.AverageCycleDays));
        }
        return table;
    }

    /// <summary>Pacing: the standing of each plan cell and the total, then the waterfall day by day.</summary>
    public static IReadOnlyList<ReportTable> Pacing(PacingResult pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var standing = new ReportTable("Pacing", $"Pacing {pacing.Period} as of {Date(pacing.AsOf)}{(pacing.Segment is null ? "" : $", segment {pacing.Segment}")}",
        [
            new("segment", CellKind.Text), new("lead type", CellKind.Text), new("goal", CellKind.OneDecimal), new("line today", CellKind.OneDecimal), new("actual", CellKind.OneDecimal),
            new("status", CellKind.Text), new("projection", CellKind.OneDecimal), new("projection low (90%)", CellKind.Count), new("projection high (90%)", CellKind.Count), new("needed per day", CellKind.OneDecimal),
        ]);
        void Row(string? segment, string? leadType, PacingStanding s) =>
            standing.Row(segment, leadType, Avg(s.Goal), Avg(s.LineAtAsOf), Avg(s.Actual), Status(s.Status), Avg(s.Projection.Expected), s.Projection.Low, s.Projection.High, Avg(s.DailyRateNeeded));
        foreach (var (cell, s) in pacing.Groups) Row(cell.Segment ?? "(all)", cell.LeadType ?? "(all)", s);
        Row("Total", null, pacing.Total);
        var daily = new ReportTable("Daily", $"Waterfall {pacing.Period}: cumulative goal line, tolerance band and actuals",
            [new("date", CellKind.Text), new("goal", CellKind.OneDecimal), new("lower", CellKind.OneDecimal), new("upper", CellKind.OneDecimal), new("actual", CellKind.OneDecimal)]);
        for (var i = 0; i < pacing.Line.Count; i++)
        {
            var p = pacing.Line[i];
            daily.Row(Date(p.Date), Avg(p.Goal), Avg(p.Lower), Avg(p.Upper), i < pacing.Total.Daily.Count ? Avg(pacing.Total.Daily[i]) : null);
        }
        return [standing, daily];
    }

    /// <summary>Speed to lead: the total, each day, each ISO week and each rep (its id under name, its name from <paramref name="names"/> beside it).</summary>
    public static IReadOnlyList<ReportTable> Speed(SpeedResult speed, RepNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(speed);
        names ??= RepNames.None;
        var table = new ReportTable("Speed", $"Speed to lead, handoffs of {speed.Period}{(speed.Segment is null ? "" : $", segment {speed.Segment}")}: minutes from handoff to first touch",
        [
            new("group", CellKind.Text), new("name", CellKind.Text), new(RepNameHeading, CellKind.Text), new("handoffs", CellKind.Count), new("within commitment", CellKind.Count), new("share within", CellKind.Share),
            new("never touched", CellKind.Count), new("wall average", CellKind.OneDecimal), new("wall median", CellKind.Count), new("wall p90", CellKind.Count),
            new("working average", CellKind.OneDecimal), new("working median", CellKind.Count), new("working p90", CellKind.Count),
        ]);
        void Row(string group, string name, SpeedStats s) => table.Row(group, name, group == "rep" ? names.NameOf(name) : null, s.Handoffs, s.Within, Share(s.WithinShare), s.NeverTouched,
            Avg(s.WallAverage), s.WallMedian, s.WallP90, Avg(s.WorkingAverage), s.WorkingMedian, s.WorkingP90);
        Row("total", speed.Period.ToString(), speed.Total);
        foreach (var (day, s) in speed.ByDay) Row("day", Date(day), s);
        foreach (var (monday, s) in speed.ByWeek) Row("week", FollowUpQuery.WeekName(monday), s);
        foreach (var (rep, s) in speed.ByRep) Row("rep", rep, s);
        table.Note("Untouched handoffs are counted apart, not in the times. Percentiles are nearest-rank: every figure is a time some lead waited.");
        return [table];
    }

    /// <summary>Depth of follow-up: each age in total and per rep (its id, then its name from <paramref name="names"/>).</summary>
    public static IReadOnlyList<ReportTable> Depth(DepthResult depth, RepNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(depth);
        names ??= RepNames.None;
        var table = new ReportTable("Depth", $"Depth of follow-up, {depth.Handoffs:N0} handoffs of {depth.Period}{(depth.Segment is null ? "" : $", segment {depth.Segment}")}: leads not reached at each age",
        [
            new("rep", CellKind.Text), new(RepNameHeading, CellKind.Text), new("age (days)", CellKind.Count), new("leads", CellKind.Count), new("attempts (average)", CellKind.OneDecimal),
            new("required (average)", CellKind.OneDecimal), new("target (average)", CellKind.OneDecimal), new("on cadence", CellKind.Count), new("share on cadence", CellKind.Share),
        ]);
        void Rows(string rep, string? name, IEnumerable<DepthAtAge> ages)
        {
            foreach (var d in ages) table.Row(rep, name, (long)d.AgeDays, d.Leads, Avg(d.AverageAttempts), Avg(d.AverageRequired), Avg(d.AverageTarget), d.OnCadence, Share(d.OnCadenceShare));
        }
        Rows("Total", null, depth.Total);
        foreach (var (rep, _, ages) in depth.ByRep) Rows(rep, names.NameOf(rep), ages);
        return [table];
    }

    /// <summary>The scorecard, one row per period and commitment.</summary>
    public static IReadOnlyList<ReportTable> Scorecard(ScorecardResult scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var table = new ReportTable("Scorecard", $"Scorecard{(scorecard.Segment is null ? "" : $", segment {scorecard.Segment}")}: both teams' commitments, met or missed, and the period so far",
        [
            new("period", CellKind.Text), new("team", CellKind.Text), new("commitment", CellKind.Text), new("promise", CellKind.Text),
            new("target", CellKind.OneDecimal), new("actual", CellKind.OneDecimal), new("status", CellKind.Text), new("met", CellKind.Text), new("excused", CellKind.Count),
            new("reason", CellKind.Text),
        ]);
        foreach (var (period, lines) in scorecard.Periods)
            foreach (var l in lines)
            {
                // Shares to 0.1% toward their verdict: a spreadsheet's 0.0% never shows a missed share as equal to its target.
                var (target, actual) = l.Measure == ScorecardMeasure.Share
                    ? (Typed(ScorecardFigures.Target(l, 3), CellKind.Share), Typed(ScorecardFigures.Actual(l, 3), CellKind.Share))
                    : ((object?)l.Target?.ToDecimal(6), (object?)l.Actual?.ToDecimal(6));
                table.Row(period.ToString(), l.Team == ScorecardTeam.Marketing ? "marketing" : "sales", l.Commitment, l.Promise, target, actual,
                    ScorecardStatus.Word(l.Status), !l.Open && l.Met is { } met ? met ? "met" : "missed" : null, l.Team == ScorecardTeam.Sales ? (long?)l.Excused : null, l.Reason);
            }
        table.Note("Marketing: lead goal and leads delivered. Sales: the share of the period's handoffs that kept the commitment; handoffs whose breach was excused are counted apart, out of the share.");
        table.Note("Status: met or missed once the period is over; a period still running is on-track, at-risk (on track, but projected below the band's lower edge), behind or pending against where it should be by today, and missed only once a window in it ended short (met is blank for it).");
        if (scorecard.Periods.Count > 0 && scorecard.Periods[0].Lines.Count > 3)
            table.Note("Content, campaigns and reports: the count the period's weeks, months or quarters require and what they hold (each window must reach its own count). Content use, campaign follow-up, report feedback and training: the share of the period's items done in time; items still waiting are not judged.");
        return [table];
    }

    /// <summary>
    /// The column beside a rep's id that holds its name from <c>reps</c> (issue 21), blank when it has
    /// none: the id keeps its own column, so scripts that read it are unchanged.
    /// </summary>
    public const string RepNameHeading = "rep name";

    /// <summary>pacing status as the reports spell it.</summary>
    public static string Status(PacingStatus status) => status switch
    {
        PacingStatus.Behind => "behind",
        PacingStatus.OnTrack => "on-track",
        _ => "over-delivering",
    };

    private static KindedValue? Typed(object? value, CellKind kind) => value is null ? null : new KindedValue(value, kind);

    private static decimal? Share(Fraction? share) => share?.ToDecimal(6);

    private static decimal? Money(Fraction? amount) => amount?.ToDecimal(2);

    private static decimal? Avg(Fraction? value) => value?.ToDecimal(2);

    private static string Date(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
