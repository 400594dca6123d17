using NodaTime;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Analytics;

/// <summary>Where a scorecard line stands.</summary>
public enum LineStatus
{
    /// <summary>The period is over and the commitment was kept.</summary>
    Met,
    /// <summary>The period is over and the commitment was not kept, or, while it runs, it can no longer be (a quota window ended short).</summary>
    Missed,
    /// <summary>The period runs and the line is at or above the goal line's lower edge for the day (a share: at or above the required share).</summary>
    OnTrack,
    /// <summary>On track for the day, but the projection for the period's end is below the band's lower edge.</summary>
    AtRisk,
    /// <summary>The period runs and the line is below where it should be by the day.</summary>
    Behind,
    /// <summary>Nothing can be judged yet (no handoff, no item due, no goal, a period not begun).</summary>
    Pending,
}

/// <summary>
/// Says where a scorecard line stands on a day. A period that is over is met or missed, as the line
/// was judged. A period still running is judged against where it should be by that day, never
/// against its whole promise: the lead goal against the pacing goal line's lower edge for the day
/// and the period-end projection (<see cref="PacingReport"/>'s, not worked out again here), a share
/// against the share required, a quota window by window against its own line in whole deliverables.
/// Such a period is missed only when it can no longer be met: a quota window in it ended short.
/// </summary>
public static class ScorecardStatus
{
    /// <summary>The word reports, JSON and pages use for a status: met, missed, on-track, at-risk, behind, pending.</summary>
    public static string Word(LineStatus status) => status switch
    {
        LineStatus.Met => "met",
        LineStatus.Missed => "missed",
        LineStatus.OnTrack => "on-track",
        LineStatus.AtRisk => "at-risk",
        LineStatus.Behind => "behind",
        _ => "pending",
    };

    /// <summary>
    /// <paramref name="line"/> of <paramref name="period"/> as it stands on <paramref name="today"/>
    /// (the date in the agreement's zone the figures were read at). <paramref name="leads"/> is the
    /// pacing of the lead goal for a running period, as of <paramref name="today"/>; it is needed
    /// only for marketing's lead line in a running period.
    /// </summary>
    /// <exception cref="ArgumentException">The lead line of a running period without its pacing.</exception>
    public static ScorecardLine Judge(ScorecardLine line, Period period, LocalDate today, Tolerance tolerance, PacingStanding? leads = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (today < period.Start)
            return line with { Open = true, Met = null, Status = LineStatus.Pending, Reason = $"{period} has not begun" };
        var open = today < period.End;
        if (line.Quota is { } quota) return Quota(line, quota, period, open, open ? today : period.End.PlusDays(-1));
        if (!open) return line;

        if (line.Measure == ScorecardMeasure.Count)
        {
            // The lead goal: the only count that is not a quota.
            if (line.Met is null) return Running(line, LineStatus.Pending);
            if (leads is null) throw new ArgumentException($"the {line.Commitment} line of a running period needs its pacing", nameof(leads));
            if (leads.Status == PacingStatus.Behind) return Running(line, LineStatus.Behind);
            var lower = tolerance.Lower(leads.Goal);
            return leads.Projection.Expected < lower
                ? Running(line, LineStatus.AtRisk) with { Reason = $"projected {Whole(leads.Projection.Expected)} by the end of {period}, below the band's lower edge of {Whole(lower)}" }
                : Running(line, LineStatus.OnTrack);
        }
        // A share so far, against the share required.
        return Running(line, line.Actual is not { } share || line.Target is not { } required ? LineStatus.Pending
            : share >= required ? LineStatus.OnTrack : LineStatus.Behind);
    }

    /// <summary>
    /// The whole deliverables a quota window asks for by the end of <paramref name="day"/>: its
    /// count spread evenly over its days and rounded down, since a deliverable is a whole thing
    /// (one case study a month is due by the month's last day, not a tenth of one by its third).
    /// </summary>
    public static long LineOn(QuotaWindow window, long count, LocalDate day)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (day < window.Start) return 0;
        var days = DaysBetween(window.Start, window.End);
        var elapsed = Math.Min(days, DaysBetween(window.Start, day) + 1);
        return count * elapsed / days;
    }

    /// <summary>A window as a line names it: "the week 2026-11-30 to 2026-12-06", "the month 2026-11", "the quarter 2026-Q4", "the year 2026".</summary>
    public static string WindowName(QuotaWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (start, days) = (window.Start, DaysBetween(window.Start, window.End));
        string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return days == 7 ? $"the week {Date(start)} to {Date(window.End.PlusDays(-1))}"
            : days <= 31 ? $"the month {Number(start.Year)}-{start.Month:00}"
            : days <= 92 ? $"the quarter {Number(start.Year)}-Q{Number((start.Month - 1) / 3 + 1)}"
            : $"the year {Number(start.Year)}";
    }

    private static ScorecardLine Quota(ScorecardLine line, QuotaResult quota, Period period, bool open, LocalDate day)
    {
        var count = quota.Windows.Count == 0 ? 0 : quota.Target / quota.Windows.Count;
        if (quota.Windows.FirstOrDefault(w => w.Met == false) is { } ended)
            return line with
            {
                Open = open, Met = false, Status = LineStatus.Missed, ShortWindow = ended,
                Reason = $"{WindowName(ended)} ended with {ended.Delivered:N0} of {count:N0}",
            };
        if (quota.Windows.Count == 0) return line with { Open = open, Met = null, Status = LineStatus.Pending };
        if (!open && quota.Met == true) return line;
        // Running windows: each against its own line, a surplus in one not covering another.
        var status = quota.Windows.All(w => w.Delivered >= LineOn(w, count, day)) ? LineStatus.OnTrack : LineStatus.Behind;
        if (open) return Running(line, status);
        // A period over while a longer window runs on (a quarter's campaigns seen in its first month): where it stood at the period's end.
        var running = quota.Windows.First(w => !w.Closed);
        return line with { Status = status, Reason = $"{WindowName(running)} runs past {period}: as it stood on {Date(day)}" };
    }

    private static long DaysBetween(LocalDate start, LocalDate end) => NodaTime.Period.Between(start, end, PeriodUnits.Days).Days;

    private static ScorecardLine Running(ScorecardLine line, LineStatus status) => line with { Open = true, Met = null, Status = status };

    private static string Whole(Fraction value) => value.ToDecimal(0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
