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
        var facts = await ReportFactsReader.SpeedAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false);
        var mondays = new Dictionary<long, long>();
        long Monday(long day) => mondays.TryGetValue(day, out var m) ? m : mondays[day] = ReportFactRows.DayOf(WeekStart(ReportFactRows.DateOf(day)));
        return new SpeedResult(period, segment, facts.Stats(),
            [.. facts.StatsBy(i => facts.Days[i]).OrderBy(g => g.Key).Select(g => (ReportFactRows.DateOf(g.Key), g.Stats))],
            [.. facts.StatsBy(i => Monday(facts.Days[i])).OrderBy(g => g.Key).Select(g => (ReportFactRows.DateOf(g.Key), g.Stats))],
            [.. facts.StatsBy(i => facts.Reps[i]).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Stats))]);
    }

    /// <summary>Depth of follow-up of the handoffs dated in <paramref name="period"/>, as of <paramref name="asOf"/>.</summary>
    public static async Task<DepthResult> DepthAsync(DbConnection connection, Period period, string? segment, Instant asOf, CancellationToken cancel = default)
    {
        var facts = await ReportFactsReader.DepthAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false);
        return new DepthResult(period, segment, asOf, facts.Count, facts.At(asOf),
            [.. Rows(facts.Reps, rep => rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Value.Count, facts.At(asOf, g.Value)))]);
    }

    /// <summary>The row numbers of each group: rows whose <paramref name="column"/> value maps to the same key.</summary>
    private static Dictionary<TKey, List<int>> Rows<TValue, TKey>(List<TValue> column, Func<TValue, TKey> key) where TKey : notnull
    {
        var groups = new Dictionary<TKey, List<int>>();
        for (var i = 0; i < column.Count; i++)
        {
            var k = key(column[i]);
            if (!groups.TryGetValue(k, out var rows)) groups[k] = rows = [];
            rows.Add(i);
        }
        return groups;
    }

    /// <summary>The Monday of <paramref name="date"/>'s ISO week.</summary>
    public static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    /// <summary>An ISO week's name, such as 2026-W48.</summary>
    public static string WeekName(LocalDate monday) => $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):00}";
}
