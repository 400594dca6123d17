using System.Data.Common;
using NodaTime;
using NodaTime.Calendars;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>Speed to lead of a period's handoffs: in total, per day, per ISO week (keyed by its Monday) and per rep.</summary>
public sealed record SpeedResult(Period Period, string? Segment, SpeedStats Total,
    IReadOnlyList<(LocalDate Day, SpeedStats Stats)> ByDay, IReadOnlyList<(LocalDate Monday, SpeedStats Stats)> ByWeek, IReadOnlyList<(string Rep, SpeedStats Stats)> ByRep)
{
    /// <summary>The period's handoffs left out, per source: their source has no touch data, so their speed cannot be judged (<see cref="UntimedHandoffs"/>).</summary>
    public IReadOnlyList<UntimedSource> Untimed { get; init; } = [];
}

/// <summary>Depth of follow-up of a period's handoffs as of an instant: at each age in total and per rep, and the headline judged at the end of the cadence's first step.</summary>
public sealed record DepthResult(Period Period, string? Segment, Instant AsOf, int Handoffs, IReadOnlyList<DepthAtAge> Total,
    IReadOnlyList<(string Rep, int Handoffs, IReadOnlyList<DepthAtAge> Ages)> ByRep)
{
    /// <summary>The headline: the handoffs judged at the end of their cadence's first step, those not old enough counted apart.</summary>
    public FirstStepStanding FirstStep { get; init; } = DepthReport.FirstStepOf(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The headline per rep, in the order of <see cref="ByRep"/>.</summary>
    public IReadOnlyList<(string Rep, FirstStepStanding Standing)> FirstStepByRep { get; init; } = [];

    /// <summary>The period's handoffs left out, per source: their source has no touch data, so their depth cannot be judged (<see cref="UntimedHandoffs"/>).</summary>
    public IReadOnlyList<UntimedSource> Untimed { get; init; } = [];
}

/// <summary>The speed and depth reports of one period, from the rollups of its handoff facts (<see cref="ReportFactsReader"/>).</summary>
public static class FollowUpQuery
{
    /// <summary>Speed to lead of the handoffs dated in <paramref name="period"/>.</summary>
    public static async Task<SpeedResult> SpeedAsync(DbConnection connection, Period period, string? segment, CancellationToken cancel = default)
    {
        var speed = await ReportFactsReader.SpeedAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false);
        var mondays = new Dictionary<long, long>();
        long Monday(long day) => mondays.TryGetValue(day, out var m) ? m : mondays[day] = ReportFactRows.DayOf(WeekStart(ReportFactRows.DateOf(day)));
        return new SpeedResult(period, segment, speed.Stats(),
            [.. speed.StatsBy(i => speed.Days[i]).OrderBy(g => g.Key).Select(g => (ReportFactRows.DateOf(g.Key), g.Stats))],
            [.. speed.StatsBy(i => Monday(speed.Days[i])).OrderBy(g => g.Key).Select(g => (ReportFactRows.DateOf(g.Key), g.Stats))],
            [.. speed.StatsBy(i => speed.Reps[i]).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Stats))])
        {
            Untimed = await UntimedHandoffs.ReadAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false),
        };
    }

    /// <summary>Depth of follow-up of the handoffs dated in <paramref name="period"/>, as of <paramref name="asOf"/>.</summary>
    public static async Task<DepthResult> DepthAsync(DbConnection connection, Period period, string? segment, Instant asOf, CancellationToken cancel = default)
    {
        var sums = await ReportFactsReader.DepthAsync(connection, period.Start, period.End, segment, asOf, cancel).ConfigureAwait(false);
        var reps = sums.Reps.Order(StringComparer.OrdinalIgnoreCase).ThenBy(r => r, StringComparer.Ordinal).ToList();
        return new DepthResult(period, segment, asOf, checked((int)sums.Handoffs()), sums.At(),
            [.. reps.Select(rep => (rep, checked((int)sums.Handoffs(rep)), sums.At(rep)))])
        {
            FirstStep = sums.FirstStep(),
            FirstStepByRep = [.. reps.Select(rep => (rep, sums.FirstStep(rep)))],
            Untimed = await UntimedHandoffs.ReadAsync(connection, period.Start, period.End, segment, cancel).ConfigureAwait(false),
        };
    }

    /// <summary>The Monday of <paramref name="date"/>'s ISO week.</summary>
    public static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    /// <summary>An ISO week's name, such as 2026-W48.</summary>
    public static string WeekName(LocalDate monday) => $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):00}";
}
