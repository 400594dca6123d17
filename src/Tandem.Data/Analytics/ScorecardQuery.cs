using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>The scorecard: for each period, every commitment of both teams with its figure and where it stands (<see cref="ScorecardLine.Status"/>).</summary>
public sealed record ScorecardResult(string? Segment, IReadOnlyList<(Period Period, IReadOnlyList<ScorecardLine> Lines)> Periods);

/// <summary>
/// Judges both teams' commitments period by period: marketing's goal against the leads it
/// delivered (the arrivals rollup), sales' speed and depth as the share of each period's handoffs
/// that kept them (the handoff facts, derived with the monitor's own clocks, so it agrees with the
/// breaches). A breach a manager excused is counted apart: out of the share, in the line's excused
/// count. It reads the periods in view, never the history. The
/// deliverable commitments (content, campaigns, reports, training) follow, one line each, judged
/// by <see cref="DeliverableScorecard"/> from what <see cref="DeliverableReader"/> reads. Each line
/// is then given its status as of now's date (<see cref="ScorecardStatus"/>): the period running
/// today is judged against where it should be by today, not against its whole promise.
/// </summary>
public static class ScorecardQuery
{
    /// <summary>The <paramref name="count"/> periods ending with <paramref name="last"/>, judged as of <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">The segment is not one of the agreement's.</exception>
    public static async Task<ScorecardResult> RunAsync(DbConnection connection, Agreement agreement, Period last, int count, string? segment, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var zone = agreement.Calendar.Zone;
        var periods = Enumerable.Range(0, count).Select(i => last.Plus(i - count + 1)).ToList();
        var plan = PlanCalculator.Compute(agreement.Plan);
        var cells = plan.Cells.Where(c => segment is null || ReportFactRows.Key(c.Segment) == ReportFactRows.Key(segment)).ToList();
        if (cells.Count == 0) throw new ArgumentException($"'{segment}' is not a segment of the agreement", nameof(segment));
        var value = agreement.Plan.Goal == GoalKind.Value;
        var goal = cells.Aggregate(Fraction.Zero, (sum, c) => sum + (value ? c.Figures.RevenueGoal : Fraction.FromInteger(c.Figures.LeadsNeeded)));
        var arrivals = MarketingArrivals.FromRollup(await ReportFactsReader.ArrivalsAsync(connection, periods[0].Start, last.End, segment, cancel).ConfigureAwait(false), agreement);
        var days = await ReportFactsReader.ScorecardAsync(connection, periods[0].Start, last.End, segment, now, cancel).ConfigureAwait(false);

        var deliverables = agreement.Deliverables.IsEmpty ? DeliverableRecords.Empty
            : await DeliverableReader.ReadAsync(connection, agreement, zone.AtStartOfDay(periods[0].Start).ToInstant(), zone.AtStartOfDay(last.End).ToInstant(), now, cancel).ConfigureAwait(false);

        // The period running today is judged against where it should be by today: its lead goal against the pacing's goal line and projection.
        var today = now.InZone(zone).Date;
        var running = periods.Where(p => p.Contains(today)).ToList();
        var pacing = new Dictionary<Period, PacingStanding>();
        foreach (var p in running)
            pacing[p] = (await PacingQuery.RunAsync(connection, agreement, p, today, segment, cancel).ConfigureAwait(false)).Total;

        // The handoffs of sources without touch data are not in the facts: each period says how many were left out and why.
        var untimed = new Dictionary<Period, IReadOnlyList<UntimedSource>>();
        foreach (var p in periods) untimed[p] = await UntimedHandoffs.ReadAsync(connection, p.Start, p.End, segment, cancel).ConfigureAwait(false);

        var speedPromise = $"first touch within {agreement.Sales.Speed.Minutes} {(agreement.Sales.Speed.Clock == ClockKind.Working ? "working" : "wall-clock")} minutes";
        const string DepthPromise = "attempts on the cadence until reached";
        return new ScorecardResult(segment, [.. periods.Select(p =>
        {
            var delivered = arrivals.Where(a => p.Contains(a.Date)).Aggregate(Fraction.Zero, (sum, a) => sum + a.Worth);
            var judged = days.Where(d => p.Contains(d.Date)).Aggregate(ScorecardDay.Zero, (sum, d) => sum + d);
            IReadOnlyList<ScorecardLine> lines =
            [
                Scorecard.Marketing($"{goal.ToDecimal(0):N0} {(value ? "of lead value" : "leads")}", goal, delivered, agreement.Tolerance),
                Scorecard.Sales("speed", speedPromise, checked((int)judged.Handoffs), checked((int)judged.SpeedKept), agreement.Tolerance, checked((int)judged.SpeedExcused)),
                Scorecard.Sales("depth", DepthPromise, checked((int)judged.Worked), checked((int)judged.DepthKept), agreement.Tolerance, checked((int)judged.DepthExcused)),
                .. DeliverableScorecard.Lines(agreement.Deliverables, p.Start, p.End, agreement.Calendar, agreement.Tolerance, now, deliverables),
            ];
            return (p, (IReadOnlyList<ScorecardLine>)[.. lines.Select(l => LeftOut(ScorecardStatus.Judge(l, p, today, agreement.Tolerance, pacing.GetValueOrDefault(p)), judged.Handoffs, untimed[p]))]);
        })]);
    }

    /// <summary>
    /// Sales' speed or depth line with the period's untimed handoffs said: pending with the reason
    /// ("no touch data from olist") when none of its handoffs could be judged, never missed or 0%
    /// kept; otherwise judged on the others, the reason saying how many were left out and why.
    /// </summary>
    private static ScorecardLine LeftOut(ScorecardLine line, long judged, IReadOnlyList<UntimedSource> untimed)
    {
        if (untimed.Count == 0 || line.Team != ScorecardTeam.Sales || line.Quota is not null || line.Commitment is not ("speed" or "depth")) return line;
        var why = UntimedHandoffs.ReasonFor(untimed);
        if (judged == 0) return line with { Met = null, Actual = null, Status = LineStatus.Pending, Reason = why };
        var count = untimed.Sum(u => u.Handoffs);
        var leftOut = $"{count:N0} {(count == 1 ? "handoff" : "handoffs")} left out, {why}";
        return line with { Reason = line.Reason is { } reason ? $"{reason}; {leftOut}" : leftOut };
    }
}
