using System.Globalization;
using Tandem.Data.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Web.Pages;

/// <summary>The pages' charts: the same figures as the PNG charts of the CLI and digests (ReportCharts), drawn in the browser.</summary>
public static class WebCharts
{
    private const string Actual = "#0b5cad", Goal = "#4a5260", Band = "#9aa5b1", Warn = "#b3261e", Light = "#7fb0e0", Interval = "rgba(11, 92, 173, 0.35)";

    /// <summary>
    /// The waterfall: the cumulative goal line, its tolerance band, the cumulative actuals to the
    /// as-of day, and from there the projection to the period's end with its 90% interval (the
    /// domain's own figures, day by day, so the last point is the Projection card's).
    /// </summary>
    public static ChartSpec Pacing(PacingResult pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var total = pacing.Total;
        var actual = total.Daily;
        List<ChartSeries> series =
        [
            new("Actual", [.. pacing.Line.Select((_, i) => i < actual.Count ? D(actual[i]) : null)], "line", Actual),
            new("Goal line", [.. pacing.Line.Select(p => D(p.Goal))], "band", Goal),
            new("Tolerance: lower", [.. pacing.Line.Select(p => D(p.Lower))], "band", Band),
            new("Tolerance: upper", [.. pacing.Line.Select(p => D(p.Upper))], "band", Band),
        ];
        // Only once a day has passed and one remains: before, there is no rate to project; after, nothing to project.
        if (actual.Count > 0 && total.Path.Count > 0)
        {
            var path = total.Path.ToDictionary(d => d.Date);
            var start = actual.Count - 1; // the as-of day: the projection leaves from the last actual
            decimal? At(int i, NodaTime.LocalDate date, Func<ProjectedDay, decimal> value) =>
                i == start ? D(actual[start]) : path.TryGetValue(date, out var day) ? value(day) : null;
            series.Add(new("Projection", [.. pacing.Line.Select((p, i) => At(i, p.Date, d => D(d.Expected)!.Value))], "projection", Actual));
            series.Add(new("Projection: 90% low", [.. pacing.Line.Select((p, i) => At(i, p.Date, d => d.Low))], "interval", Interval));
            series.Add(new("Projection: 90% high", [.. pacing.Line.Select((p, i) => At(i, p.Date, d => d.High))], "interval", Interval) { FillToPrevious = true });
        }
        return new ChartSpec("pacing", $"Pacing {pacing.Period}{Of(pacing.Segment)}: cumulative {(pacing.ValueGoal ? "lead value" : "leads")} against the goal line, projected to the period's end",
            [.. pacing.Line.Select(p => Day(p.Date))], series,
            pacing.ValueGoal ? "Cumulative lead value" : "Cumulative leads");
    }

    /// <summary>Median and 90th percentile minutes to first touch per day, against the commitment.</summary>
    public static ChartSpec Speed(SpeedResult speed, int commitmentMinutes, bool working)
    {
        ArgumentNullException.ThrowIfNull(speed);
        var clock = working ? "working" : "wall-clock";
        return new ChartSpec("speed", $"Speed to lead {speed.Period}{Of(speed.Segment)}: {clock} minutes to first touch per day of handoff",
            [.. speed.ByDay.Select(d => Day(d.Day))],
            [
                new("Median", [.. speed.ByDay.Select(d => (decimal?)(working ? d.Stats.WorkingMedian : d.Stats.WallMedian))], "line", Actual),
                new("90th percentile", [.. speed.ByDay.Select(d => (decimal?)(working ? d.Stats.WorkingP90 : d.Stats.WallP90))], "line", Light),
                new("Commitment", [.. speed.ByDay.Select(_ => (decimal?)commitmentMinutes)], "band", Warn),
            ],
            $"{char.ToUpperInvariant(clock[0])}{clock[1..]} minutes");
    }

    /// <summary>Average attempts on leads not yet reached at each age, against the cadence and the target.</summary>
    public static ChartSpec Depth(DepthResult depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        return new ChartSpec("depth", $"Depth of follow-up {depth.Period}{Of(depth.Segment)}: attempts on leads not yet reached",
            [.. depth.Total.Select(d => $"{d.AgeDays} days ({d.Leads:N0} leads)")],
            [
                new("Attempts made", [.. depth.Total.Select(d => D(d.AverageAttempts))], "bar", Actual),
                new("Required by the cadence", [.. depth.Total.Select(d => D(d.AverageRequired))], "bar", Goal),
                new("Target", [.. depth.Total.Select(d => D(d.AverageTarget))], "bar", Warn),
            ],
            "Attempts per lead (average)");
    }

    private static string Day(NodaTime.LocalDate date) => date.ToString("MMM d", CultureInfo.InvariantCulture);

    private static decimal? D(Fraction? value) => value?.ToDecimal(2);

    private static string Of(string? segment) => segment is null ? "" : $", {segment}";
}
