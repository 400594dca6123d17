using ScottPlot;
using Tandem.Data.Analytics;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Reports;

/// <summary>
/// The report charts as PNG images (ScottPlot, drawn without a display): the pacing waterfall, speed
/// to lead by day and depth of follow-up by age, each against its goal. The same charts go into the
/// digests; the figures they draw are the reports' own.
/// </summary>
public static class ReportCharts
{
    /// <summary>Default image size, in pixels.</summary>
    public const int Width = 900, Height = 480;

    private static readonly Color GoalColor = Color.FromHex("#5B6770");
    private static readonly Color ActualColor = Color.FromHex("#1565C0");
    private static readonly Color BandColor = Color.FromHex("#5B6770").WithAlpha(0.15);
    private static readonly Color WarnColor = Color.FromHex("#C62828");

    /// <summary>The waterfall: the cumulative goal line with its tolerance band, and cumulative actuals up to the as-of day.</summary>
    public static byte[] Pacing(PacingResult pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var plot = NewPlot($"Pacing {pacing.Period}{Of(pacing.Segment)}: {Word(pacing.Total.Status)}", pacing.ValueGoal ? "cumulative lead value" : "cumulative leads");
        var days = pacing.Line.Select(p => p.Date.ToDateTimeUnspecified().ToOADate()).ToArray();
        var band = plot.Add.FillY(days, [.. pacing.Line.Select(p => D(p.Upper))], [.. pacing.Line.Select(p => D(p.Lower))]);
        band.FillColor = BandColor;
        band.LineWidth = 0;
        band.LegendText = "tolerance band";
        var goal = plot.Add.Scatter(days, [.. pacing.Line.Select(p => D(p.Goal))]);
        goal.Color = GoalColor;
        goal.LinePattern = LinePattern.Dashed;
        goal.MarkerSize = 0;
        goal.LegendText = "goal line";
        var actual = pacing.Total.Daily;
        if (actual.Count > 0)
        {
            var line = plot.Add.Scatter(days[..actual.Count], [.. actual.Select(D)]);
            line.Color = ActualColor;
            line.LineWidth = 2.5f;
            line.MarkerSize = 4;
            line.LegendText = "actual";
        }
        plot.Axes.DateTimeTicksBottom();
        return Png(plot);
    }

    /// <summary>Median and 90th percentile minutes to first touch per day, against the commitment.</summary>
    public static byte[] Speed(SpeedResult speed, int commitmentMinutes, bool working)
    {
        ArgumentNullException.ThrowIfNull(speed);
        var clock = working ? "working" : "wall-clock";
        var plot = NewPlot($"Speed to lead {speed.Period}{Of(speed.Segment)}: {Figures.Percent(speed.Total.WithinShare)} within {commitmentMinutes} {clock} minutes", $"{clock} minutes to first touch");
        var days = speed.ByDay.Where(d => (working ? d.Stats.WorkingMedian : d.Stats.WallMedian) is not null).ToList();
        if (days.Count > 0)
        {
            var xs = days.Select(d => d.Day.ToDateTimeUnspecified().ToOADate()).ToArray();
            var median = plot.Add.Scatter(xs, [.. days.Select(d => (double)(working ? d.Stats.WorkingMedian : d.Stats.WallMedian)!.Value)]);
            median.Color = ActualColor;
            median.LineWidth = 2.5f;
            median.LegendText = "median";
            var p90 = plot.Add.Scatter(xs, [.. days.Select(d => (double)(working ? d.Stats.WorkingP90 : d.Stats.WallP90)!.Value)]);
            p90.Color = ActualColor.WithAlpha(0.5);
            p90.LegendText = "90th percentile";
        }
        var target = plot.Add.HorizontalLine(commitmentMinutes);
        target.Color = WarnColor;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = "commitment";
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Margins(bottom: 0);
        return Png(plot);
    }

    /// <summary>Average attempts on leads not yet reached at each age, against what the cadence required and the target.</summary>
    public static byte[] Depth(DepthResult depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        var plot = NewPlot($"Depth of follow-up {depth.Period}{Of(depth.Segment)}: attempts on leads not yet reached", "attempts per lead (average)");
        var series = new (string Name, Color Color, Func<DepthAtAge, Fraction?> Value)[]
        {
            ("attempts made", ActualColor, d => d.AverageAttempts),
            ("required by the cadence", GoalColor, d => d.AverageRequired),
            ("target", WarnColor.WithAlpha(0.6), d => d.AverageTarget),
        };
        for (var s = 0; s < series.Length; s++)
        {
            var bars = depth.Total.Select((d, i) => new Bar { Position = i * 4 + s, Value = series[s].Value(d) is { } v ? D(v) : 0, FillColor = series[s].Color }).ToList();
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = series[s].Name;
        }
        plot.Axes.Bottom.SetTicks([.. depth.Total.Select((_, i) => i * 4 + 1.0)], [.. depth.Total.Select(d => $"{d.AgeDays} days ({d.Leads:N0} leads, {Figures.Percent(d.OnCadenceShare)} on cadence)")]);
        plot.Axes.Margins(bottom: 0);
        return Png(plot);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        // Named explicitly: without an installed font ScottPlot draws no text at all (fonts-dejavu-core).
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    private static double D(Fraction value) => (double)value.ToDecimal(4);

    private static string Of(string? segment) => segment is null ? "" : $", {segment}";


    private static string Word(Tandem.Domain.Pacing.PacingStatus status) => status switch
    {
        Tandem.Domain.Pacing.PacingStatus.Behind => "behind",
        Tandem.Domain.Pacing.PacingStatus.OnTrack => "on track",
        _ => "over-delivering",
    };
}
