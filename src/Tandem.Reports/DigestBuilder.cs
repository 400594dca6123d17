using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Notifications;
using Tandem.Data.Reps;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Reports;

/// <summary>
/// Builds the digests from the same queries and charts as the reports: the daily one (a day's
/// pacing, speed and depth, the breaches so far, each as it stood that day) for both teams, and the
/// period-end one (the scorecard and the recalibration proposal) for leadership. Figures come as text and as an HTML
/// table, with the charts inline.
/// </summary>
public static class DigestBuilder
{
    /// <summary>
    /// The daily digest for <paramref name="day"/> (normally yesterday): every figure as it stood at
    /// the end of that day (or at <paramref name="now"/>, for today), the period's "so far" up to it:
    /// the handoffs of the period up to the day, depth at each age only of the handoffs that old by
    /// then, the breaches of the period by then and the clocks about to breach then.
    /// </summary>
    public static async Task<DigestMail> DailyAsync(DbConnection connection, Agreement agreement, LocalDate day, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var zone = agreement.Calendar.Zone;
        var period = Period.Containing(day, agreement.Period.Kind);
        var dayStart = zone.AtStartOfDay(day).ToInstant();
        var asOf = Instant.Min(now, zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
        var pacing = await PacingQuery.RunAsync(connection, agreement, period, day, null, cancel).ConfigureAwait(false);
        // The period's handoffs up to the day: the days after it (when --date names a past day) are left out of every figure and the chart.
        var speed = await FollowUpQuery.SpeedAsync(connection, period, null, cancel).ConfigureAwait(false);
        var soFar = (await ReportFactsReader.SpeedAsync(connection, period.Start, day.PlusDays(1), null, cancel).ConfigureAwait(false)).Stats();
        speed = speed with { Total = soFar, ByDay = [.. speed.ByDay.Where(d => d.Day <= day)], ByWeek = [], ByRep = [] };
        var depth = await FollowUpQuery.DepthAsync(connection, period, null, asOf, cancel).ConfigureAwait(false);
        var clocks = await DigestClocks.AtAsync(connection, zone.AtStartOfDay(period.Start).ToInstant(), dayStart, asOf, cancel).ConfigureAwait(false);
        var commitment = agreement.Sales.Speed;
        var working = commitment.Clock == ClockKind.Working;
        var required = Fraction.One - agreement.Tolerance.Band.Value;
        var yesterday = speed.ByDay.FirstOrDefault(d => d.Day == day).Stats;
        // The period's handoffs up to the day whose source has no touch data: said, never judged.
        var untimed = FollowUpWords.Untimed(await UntimedHandoffs.ReadAsync(connection, period.Start, day.PlusDays(1), null, cancel).ConfigureAwait(false), soFar.Handoffs);
        var unjudged = untimed is not null && soFar.Handoffs == 0;
        var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
        var dayByRep = DigestBreachesByRep.Line($"Breached on {Date(day)}", await DigestBreachesByRep.ReadAsync(connection, dayStart, asOf, cancel).ConfigureAwait(false), names);

        var body = new Body($"Tandem daily digest for {Date(day)}");
        body.Section("Marketing: pacing", [
            $"{Figures.Number(pacing.Total.Actual)} {(pacing.ValueGoal ? "of lead value" : "leads")} delivered in {period} against a line of {Figures.Number(pacing.Total.LineAtAsOf)} by {Date(day)} (goal {Figures.Number(pacing.Total.Goal)}): {ReportTables.Status(pacing.Total.Status)}.",
            $"Projected {period} end: {Figures.Number(pacing.Total.Projection.Expected)} (90%: {pacing.Total.Projection.Low:N0} to {pacing.Total.Projection.High:N0}); needed per day from here: {Figures.Number(pacing.Total.DailyRateNeeded)}.",
            .. pacing.Groups.Where(g => g.Standing.Status == Tandem.Domain.Pacing.PacingStatus.Behind)
                .Select(g => $"Behind: {g.Cell.Segment ?? "(all)"} / {g.Cell.LeadType ?? "(all)"}, {Figures.Number(g.Standing.Actual)} of a line of {Figures.Number(g.Standing.LineAtAsOf)}."),
        ], "pacing");
        body.Section("Sales: speed to lead", unjudged ? [$"{period} so far, to {Date(day)}: {untimed}"] : [
            .. untimed is null ? Array.Empty<string>() : [$"{period} so far, to {Date(day)}: {untimed}"],
            yesterday is null ? $"No handoffs on {Date(day)}." : $"{Date(day)}: {yesterday.Handoffs:N0} handoffs, {ScorecardFigures.Percent(yesterday.WithinShare, required)} first touched within {commitment.Minutes} {(working ? "working" : "wall-clock")} minutes; median {Min(working ? yesterday.WorkingMedian : yesterday.WallMedian)}, 90th percentile {Min(working ? yesterday.WorkingP90 : yesterday.WallP90)} ({(working ? "working time" : "wall-clock")}); {yesterday.NeverTouched:N0} not touched yet.",
            $"{period} so far, to {Date(day)}: {soFar.Handoffs:N0} handoffs, {ScorecardFigures.Percent(soFar.WithinShare, required)} within the commitment (needs {ScorecardFigures.TargetPercent(required)}).",
        ], "speed");
        body.Section("Sales: depth of follow-up", unjudged ? [$"{period} so far, to {Date(day)}: {untimed}"] : [.. depth.Total.Select(d =>
            // A handoff of the period is that old by the day's end only if the period began that long before.
            period.Start.PlusDays(d.AgeDays) > day.PlusDays(1)
                ? $"Not reached after {d.AgeDays} days: none of {period}'s handoffs is {d.AgeDays} days old on {Date(day)}."
                : $"Not reached after {d.AgeDays} days: {d.Leads:N0} leads, {Avg(d.AverageAttempts)} attempts on average against {Avg(d.AverageRequired)} required; {ScorecardFigures.Percent(d.OnCadenceShare, required)} on cadence.")], "depth");
        body.Section("Breaches", [
            $"{period} so far, to {Date(day)}: {clocks.Breached:N0} clocks breached, {clocks.OnDay:N0} of them on {Date(day)}; {clocks.Warning:N0} about to breach at the end of {Date(day)}. Work them from the breach queue.",
            .. dayByRep is null ? Array.Empty<string>() : [dayByRep],
        ], null);
        return body.Mail($"Tandem daily {Date(day)}: {period} pacing {ReportTables.Status(pacing.Total.Status)}, {(unjudged ? "speed not judged (no touch data)" : $"speed {ScorecardFigures.Percent(soFar.WithinShare, required)} within")}, {clocks.Breached:N0} breached so far",
        [
            new DigestImage("pacing", "pacing.png", ReportCharts.Pacing(pacing)),
            new DigestImage("speed", "speed.png", ReportCharts.Speed(speed, commitment.Minutes, working)),
            new DigestImage("depth", "depth.png", ReportCharts.Depth(depth)),
        ]);
    }

    /// <summary>
    /// The period digest for <paramref name="period"/>: its scorecard (with the two before it) and the
    /// proposal for the next period. Normally a finished period; one still running is shown so far,
    /// its lines on track or not rather than met or missed, its pacing as of today.
    /// </summary>
    public static async Task<DigestMail> PeriodAsync(DbConnection connection, Agreement agreement, Period period, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var today = now.InZone(agreement.Calendar.Zone).Date;
        var scorecard = await ScorecardQuery.RunAsync(connection, agreement, period, 3, null, now, cancel).ConfigureAwait(false);
        var (proposal, _) = await RecalibrationQuery.RunAsync(connection, agreement, period.Plus(1), RecalibrationWindow.MinLength, null, cancel).ConfigureAwait(false);
        var lastDay = period.End.PlusDays(-1);
        var pacing = await PacingQuery.RunAsync(connection, agreement, period, today < lastDay ? today : lastDay, null, cancel).ConfigureAwait(false);

        var lines = scorecard.Periods[^1].Lines;
        var open = lines.Any(l => l.Open);
        var zone = agreement.Calendar.Zone;
        var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
        var byRep = await DigestBreachesByRep.ReadAsync(connection, zone.AtStartOfDay(period.Start).ToInstant(), Instant.Min(now, zone.AtStartOfDay(period.End).ToInstant()), cancel).ConfigureAwait(false);
        var body = new Body(open ? $"Tandem scorecard for {period} so far, to {Date(today)}" : $"Tandem scorecard for {period}");
        body.Section("Commitments", [.. lines.Select(l =>
            $"{(l.Team == ScorecardTeam.Marketing ? "Marketing" : "Sales")}, {l.Promise}: {Verdict(l)}{(l.Actual is null ? "" : $" ({Figure(l)})")}{(l.Reason is { } why ? $"; {why}" : "")}.")], "pacing");
        body.Section("The last three periods", [.. scorecard.Periods.Select(p =>
            $"{p.Period}{(p.Lines.Any(l => l.Open) ? " so far" : "")}: {string.Join("; ", p.Lines.Select(l => $"{l.Commitment} {ScorecardStatus.Word(l.Status)}"))}")], null);
        body.Section("Breaches by rep", [DigestBreachesByRep.Line($"{period}{(open ? " so far" : "")}: {byRep.Sum(r => r.Breaches):N0} clocks breached", byRep, names) ?? $"No clock breached in {period}{(open ? " so far" : "")}."], null);
        body.Section($"Recalibration proposal for {period.Plus(1)}", [
            $"Window {proposal.Window.From} to {proposal.Window.To}; sales cycle {proposal.CyclePeriods} period(s){(proposal.CycleMeasured ? ", measured" : "")}.",
            .. proposal.Changes.Select(c => $"{c.Name}: {Show(c.Old)} -> {Show(c.New)}"),
            .. proposal.PeriodsWithoutData.Count > 0 ? [$"Left out, no leads: {string.Join(", ", proposal.PeriodsWithoutData)}."] : Array.Empty<string>(),
            .. proposal.Notes,
        ], null);
        var subject = open
            ? $"Tandem scorecard {period} so far: {lines.Count(l => l.Status is LineStatus.OnTrack or LineStatus.AtRisk)} of {lines.Count(l => l.Status != LineStatus.Pending)} commitments on track, {lines.Count(l => l.Status == LineStatus.Missed)} missed"
            : $"Tandem scorecard {period}: {lines.Count(l => l.Status == LineStatus.Met)} of {lines.Count(l => l.Status is LineStatus.Met or LineStatus.Missed)} commitments met";
        return body.Mail(subject, [new DigestImage("pacing", "pacing.png", ReportCharts.Pacing(pacing))]);
    }

    /// <summary>The digest's text and HTML, written side by side.</summary>
    private sealed class Body(string title)
    {
        private readonly StringBuilder _text = new(title + "\n" + new string('=', title.Length) + "\n");
        private readonly StringBuilder _html = new($"<html><body style=\"font-family: sans-serif; color: #1a1a1a\"><h1 style=\"font-size: 20px\">{WebUtility.HtmlEncode(title)}</h1>");

        public void Section(string heading, IReadOnlyList<string> lines, string? chart)
        {
            _text.Append('\n').Append(heading).Append('\n');
            foreach (var line in lines) _text.Append("  ").Append(line).Append('\n');
            _html.Append($"<h2 style=\"font-size: 16px\">{WebUtility.HtmlEncode(heading)}</h2><ul>");
            foreach (var line in lines) _html.Append($"<li>{WebUtility.HtmlEncode(line)}</li>");
            _html.Append("</ul>");
            if (chart is not null) _html.Append($"<img src=\"cid:{chart}\" alt=\"{WebUtility.HtmlEncode(heading)} chart\" width=\"{ReportCharts.Width}\" height=\"{ReportCharts.Height}\" style=\"max-width: 100%; height: auto\">");
        }

        public DigestMail Mail(string subject, IReadOnlyList<DigestImage> images) =>
            new(subject, _text.ToString(), _html.Append("<p style=\"color: #555\">Tandem: the SLA between marketing and sales.</p></body></html>").ToString(),
                [.. images.Where(i => _html.ToString().Contains($"cid:{i.ContentId}", StringComparison.Ordinal))]);
    }

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);



    private static string Avg(Fraction? value) => value is { } v ? v.ToDecimal(1).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Min(long? minutes) => minutes is { } m ? $"{m:N0} min" : "-";

    private static string Show(Fraction? value) => value is { } v ? v.ToDecimal(4).ToString("#,##0.####", CultureInfo.InvariantCulture) : "-";

    /// <summary>A line's status in words: MISSED in capitals, as the scorecard table prints it.</summary>
    private static string Verdict(ScorecardLine l) => l.Status switch
    {
        LineStatus.Missed => "MISSED",
        LineStatus.Pending => l.Reason?.StartsWith(UntimedHandoffs.ReasonFor(""), StringComparison.Ordinal) == true ? "no verdict" : "nothing to judge yet",
        _ => ScorecardStatus.Word(l.Status),
    };

    private static string Figure(ScorecardLine l) => l.Measure == ScorecardMeasure.Count
        ? $"{Figures.Number(l.Actual)} of {Figures.Number(l.Target)}"
        : $"{ScorecardFigures.Percent(l.Actual, l.Target)} kept it, needs {ScorecardFigures.TargetPercent(l.Target)}{(l.Excused > 0 ? $", {l.Excused} excused" : "")}";
}
