using System.Data.Common;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>A period's pacing: each plan cell's standing, the total's, and the total's daily goal line.</summary>
public sealed record PacingResult(Period Period, LocalDate AsOf, bool ValueGoal, string? Segment,
    IReadOnlyList<(PlanCell Cell, PacingStanding Standing)> Groups, PacingStanding Total, IReadOnlyList<GoalLinePoint> Line);

/// <summary>
/// Pacing from the daily arrivals rollup: the period's days and the eight weeks before it (the
/// day-of-week pattern of the projection), a handful of rows per day however many leads there are.
/// </summary>
public static class PacingQuery
{
    /// <summary>The standing of <paramref name="period"/> as of <paramref name="asOf"/>, for one segment or all.</summary>
    /// <exception cref="ArgumentException">The segment is not one of the agreement's.</exception>
    public static async Task<PacingResult> RunAsync(DbConnection connection, Agreement agreement, Period period, LocalDate asOf, string? segment, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var plan = PlanCalculator.Compute(agreement.Plan);
        var cells = plan.Cells.Where(c => segment is null || ReportFactRows.Key(c.Segment) == ReportFactRows.Key(segment)).ToList();
        if (cells.Count == 0)
            throw new ArgumentException($"'{segment}' is not a segment of the agreement ({string.Join(", ", agreement.Plan.Segments.Select(s => s.Name))})", nameof(segment));
        var rows = await ReportFactsReader.ArrivalsAsync(connection, period.Start.PlusDays(-56), period.End, segment, cancel).ConfigureAwait(false);
        var arrivals = MarketingArrivals.FromRollup(rows, agreement);
        var value = agreement.Plan.Goal == GoalKind.Value;
        var weights = PacingReport.WeekdayWeights(Daily(arrivals.Where(a => a.Date < period.Start)));

        PacingStanding Stand(Fraction goal, string? ofSegment, string? leadType) =>
            PacingReport.Stand(goal, period, asOf, Daily(arrivals.Where(a => period.Contains(a.Date) && a.In(ofSegment, leadType))), weights, agreement.Tolerance, agreement.Pacing, agreement.Calendar);

        Fraction GoalOf(PlanPart part) => value ? part.RevenueGoal : Fraction.FromInteger(part.LeadsNeeded);
        var totalGoal = cells.Aggregate(Fraction.Zero, (sum, c) => sum + GoalOf(c.Figures));
        return new PacingResult(period, asOf, value, segment,
            [.. cells.Select(c => (c, Stand(GoalOf(c.Figures), c.Segment, c.LeadType)))],
            Stand(totalGoal, null, null),
            GoalLine.Daily(totalGoal, period, agreement.Tolerance, agreement.Pacing, agreement.Calendar));
    }

    private static Dictionary<LocalDate, Fraction> Daily(IEnumerable<Arrival> arrivals) =>
        arrivals.GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.Aggregate(Fraction.Zero, (sum, a) => sum + a.Worth));
}
