using System.Data.Common;
using NodaTime;
using NodaTime.Calendars;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>Speed to lead of a period's handoffs: in total, per day, per ISO week (keyed by its Monday) and per rep.</summary>
public sealed record SpeedResult(Period Period, string? Segment, SpeedStats Total,
    IReadOnlyList<(LocalDate Day, SpeedStats Stats)> ByDay, IReadOnlyList<(LocalDate Monday, SpeedStats Stats)> ByWeek, IReadOnlyList<(string Rep, SpeedStats Stats)> ByRep);

/// <summary>Depth of follow-up of a period's handoffs as of an instant: at each age in total and per rep.</summary>
public sealed record DepthResult(Period Period, string? Segment, Instant AsOf, int Handoffs, IReadOnlyList<DepthAtAge> Total,
    IReadOnlyList<(string Rep, int Handoffs, IReadOnlyList<DepthAtAge> Ages)> ByRep);

/// <summary>The speed and depth reports from the handoff facts of one period (one segment's rows through its index).</summary>
public static class FollowUpQuery
{
    /// <summary>Speed to lead of the handoffs dated in <paramref name="period"/>.</summary>
    public static async Task<SpeedResult> SpeedAsync(DbConnection connection, Period period, string? segment, CancellationToken cancel = default)
    {
        var samples = await ReportFactsReader.SpeedAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false);
        return new SpeedResult(period, segment, SpeedReport.Stats(samples),
            [.. samples.GroupBy(s => s.HandedOff).OrderBy(g => g.Key).Select(g => (g.Key, SpeedReport.Stats([.. g])))],
            [.. samples.GroupBy(s => WeekStart(s.HandedOff)).OrderBy(g => g.Key).Select(g => (g.Key, SpeedReport.Stats([.. g])))],
            [.. samples.GroupBy(s => s.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, SpeedReport.Stats([.. g])))]);
    }

    /// <summary>Depth of follow-up of the handoffs dated in <paramref name="period"/>, as of <paramref name="asOf"/>.</summary>
    public static async Task<DepthResult> DepthAsync(DbConnection connection, Period period, string? segment, Instant asOf, CancellationToken cancel = default)
    {
        var handoffs = await ReportFactsReader.DepthAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false);
        return new DepthResult(period, segment, asOf, handoffs.Count, ReportFactsReader.DepthAt(handoffs, asOf),
            [.. handoffs.GroupBy(h => h.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Count(), ReportFactsReader.DepthAt(g, asOf)))]);
    }

    /// <summary>The Monday of <paramref name="date"/>'s ISO week.</summary>
    public static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    /// <summary>An ISO week's name, such as 2026-W48.</summary>
    public static string WeekName(LocalDate monday) => $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):00}";
}
