using System.Globalization;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Reports;

/// <summary>
/// A scorecard line's figures as every view shows them (the command line, JSON, CSV and XLSX, the
/// page, the digests): shares rounded toward their verdict (<see cref="VerdictRounding"/>), so a
/// share below its target never shows as equal to it, whatever the places shown.
/// </summary>
public static class ScorecardFigures
{
    /// <summary>The line's target to <paramref name="places"/> decimals: a share rounded up (it never shows less than it asks), a count as it is.</summary>
    public static decimal? Target(ScorecardLine line, int places)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Target is not { } t ? null : line.Measure == ScorecardMeasure.Share ? VerdictRounding.Target(t, places) : t.ToDecimal(places);
    }

    /// <summary>The line's actual to <paramref name="places"/> decimals: a share rounded toward its verdict against the target, a count as it is.</summary>
    public static decimal? Actual(ScorecardLine line, int places)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Actual is not { } a ? null : line.Measure == ScorecardMeasure.Share ? VerdictRounding.Round(a, line.Target, places) : a.ToDecimal(places);
    }

    /// <summary>The line's figure: "32 of 72" for a count, "72.2% (needs 90.0%)" for a share; "-" where nothing was measured.</summary>
    public static string Figure(ScorecardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Actual is null) return "-";
        return line.Measure == ScorecardMeasure.Count
            ? $"{Figures.Number(line.Actual)} of {Figures.Number(line.Target)}"
            : $"{Percent(line.Actual, line.Target)} (needs {TargetPercent(line.Target)})";
    }

    /// <summary>A share as a percentage with one decimal, rounded toward its verdict against <paramref name="target"/>: 89.96% against 90% is <c>89.9%</c>.</summary>
    public static string Percent(Fraction? share, Fraction? target) =>
        share is { } s ? Text(VerdictRounding.Round(s, target, 3) * 100) : "-";

    /// <summary>A required share as a percentage with one decimal, rounded up: it never shows less than it asks.</summary>
    public static string TargetPercent(Fraction? target) =>
        target is { } t ? Text(VerdictRounding.Target(t, 3) * 100) : "-";

    /// <summary>The deliverables a quota line's windows each require; 0 on other lines.</summary>
    public static long QuotaCount(ScorecardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Quota is { Windows.Count: > 0 } q ? q.Target / q.Windows.Count : 0;
    }

    private static string Text(decimal percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
