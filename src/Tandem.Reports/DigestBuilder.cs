using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Notifications;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Reports;

/// <summary>
/// Builds the digests from the same queries and charts as the reports: the daily one (yesterday's
/// pacing, speed and depth, the open breaches) for both teams, and the period-end one (the
/// scorecard and the recalibration proposal) for leadership. Figures come as text and as an HTML
/// table, with the charts inline.
/// </summary>
public static class DigestBuilder
{
    /// <summary>The daily digest for <paramref name="day"/> (normally yesterday), measured as of <paramref name="now"/>.</summary>
    public static async Task<DigestMail> DailyAsync(DbConnection connection, Agreement agreement, LocalDate day, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var period = Period.Containing(day, agreement.Period.Kind);
        var pacing = await PacingQuery.RunAsync(connection, agreement, period, day, null, cancel).ConfigureAwait(false);
        var speed = await FollowUpQuery.SpeedAsync(connection, period, null, cancel).ConfigureAwait(false);
        var depth = await FollowUpQuery.DepthAsync(connection, period, null, now, cancel).ConfigureAwait(false);
        var (breached, warning) = await OpenClocksAsync(connection, cancel).ConfigureAwait(false);
        var commitment = agreement.Sales.Speed;
        var working = commitment.Clock == ClockKind.Working;
        var yesterday = speed.ByDay.FirstOrDefault(d => d.Day == day).Stats;

        var body = new Body($"Tandem daily digest for {Date(day)}");
        body.Section("Marketing: pacing", [
            $"{Figures.Number(pacing.Total.Actual)} {(pacing.ValueGoal ? "of lead value" : "leads")} delivered in {period} against a line of {Figures.Number(pacing.Total.LineAtAsOf)} by {Date(day)} (goal {Figures.Number(pacing.Total.Goal)}): {ReportTables.Status(pacing.Total.Status)}.",
            $"Projected month end: {Figures.Number(pacing.Total.Projection.Expected)} (90%: {pacing.Total.Projection.Low:N0} to {pacing.Total.Projection.High:N0}); needed per day from here: {Figures.Number(pacing.Total.DailyRateNeeded)}.",
            .. pacing.Groups.Where(g => g.Standing.Status == Tandem.Domain.Pacing.PacingStatus.Behind)
                .Select(g => $"Behind: {g.Cell.Segment ?? "(all)"} / {g.Cell.LeadType ?? "(all)"}, {Figures.Number(g.Standing.Actual)} of a line of {Figures.Number(g.Standing.LineAtAsOf)}."),
        ], "pacing");
        body.Section("Sales: speed to lead", [
            yesterday is null ? $"No handoffs on {Date(day)}." : $"{Date(day)}: {yesterday.Handoffs:N0} handoffs, {Figures.Percent(yesterday.WithinShare)} first touched within {commitment.Minutes} {(working ? "working" : "wall-clock")} minutes; median {Min(working ? yesterday.WorkingMedian : yesterday.WallMedian)}, 90th percentile {Min(working ? yesterday.WorkingP90 : yesterday.WallP90)}; {yesterday.NeverTouched:N0} not touched yet.",
            $"{period} so far: {speed.Total.Handoffs:N0} handoffs, {Figures.Percent(speed.Total.WithinShare)} within the commitment.",
        ], "speed");
        body.Section("Sales: depth of follow-up", [.. depth.Total.Select(d =>
            $"Not reached after {d.AgeDays} days: {d.Leads:N0} leads, {Avg(d.AverageAttempts)} attempts on average against {Avg(d.AverageRequired)} required; {Figures.Percent(d.OnCadenceShare)} on cadence.")], "depth");
        body.Section("Breaches", [$"{breached:N0} clocks breached and {warning:N0} about to breach (as of the monitor's last pass); work them from the breach queue."], null);
        return body.Mail($"Tandem daily: {period} pacing {ReportTables.Status(pacing.Total.Status)}, speed {Figures.Percent(speed.Total.WithinShare)} within, {breached:N0} breached",
        [
            new DigestImage("pacing", "pacing.png", ReportCharts.Pacing(pacing)),
            new DigestImage("speed", "speed.png", ReportCharts.Speed(speed, commitment.Minutes, working)),
            new DigestImage("depth", "depth.png", ReportCharts.Depth(depth)),
        ]);
    }

    /// <summary>The period-end digest for <paramref name="period"/>: its scorecard (with the two before it) and the proposal for the next period.</summary>
    public static async Task<DigestMail> PeriodAsync(DbConnection connection, Agreement agreement, Period period, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var scorecard = await ScorecardQuery.RunAsync(connection, agreement, period, 3, null, now, cancel).ConfigureAwait(false);
        var (proposal, _) = await RecalibrationQuery.RunAsync(connection, agreement, period.Plus(1), RecalibrationWindow.MinLength, null, cancel).ConfigureAwait(false);
        var pacing = await PacingQuery.RunAsync(connection, agreement, period, period.End.PlusDays(-1), null, cancel).ConfigureAwait(false);

        var body = new Body($"Tandem scorecard for {period}");
        var lines = scorecard.Periods[^1].Lines;
        body.Section("Commitments", [.. lines.Select(l =>
            $"{(l.Team == ScorecardTeam.Marketing ? "Marketing" : "Sales")}, {l.Promise}: {(l.Met is null ? "nothing to judge" : l.Met.Value ? "met" : "MISSED")} ({Figure(l)}).")], "pacing");
        body.Section("The last three periods", [.. scorecard.Periods.Select(p =>
            $"{p.Period}: {string.Join("; ", p.Lines.Select(l => $"{l.Commitment} {(l.Met is null ? "-" : l.Met.Value ? "met" : "missed")}"))}")], null);
        body.Section($"Recalibration proposal for {period.Plus(1)}", [
            $"Window {proposal.Window.From} to {proposal.Window.To}; sales cycle {proposal.CyclePeriods} period(s){(proposal.CycleMeasured ? ", measured" : "")}.",
            .. proposal.Changes.Select(c => $"{c.Name}: {Show(c.Old)} -> {Show(c.New)}"),
            .. proposal.PeriodsWithoutData.Count > 0 ? [$"Left out, no leads: {string.Join(", ", proposal.PeriodsWithoutData)}."] : Array.Empty<string>(),
            .. proposal.Notes,
        ], null);
        var met = lines.Count(l => l.Met == true);
        return body.Mail($"Tandem scorecard {period}: {met} of {lines.Count(l => l.Met is not null)} commitments met", [new DigestImage("pacing", "pacing.png", ReportCharts.Pacing(pacing))]);
    }

    private static async Task<(long Breached, long Warning)> OpenClocksAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM sla_clocks WHERE state = 'breached'), (SELECT COUNT(*) FROM sla_clocks WHERE state = 'warning')";
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        await reader.ReadAsync(cancel).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
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

    private static string Figure(ScorecardLine l) => l.Measure == ScorecardMeasure.Count
        ? $"{Figures.Number(l.Actual)} of {Figures.Number(l.Target)}"
        : $"{Figures.Percent(l.Actual)} kept it{(l.Excused > 0 ? $", {l.Excused} excused" : "")}";
}
