using NodaTime;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Domain.Capacity;

/// <summary>A rep as capacity counts them.</summary>
/// <param name="Id">The rep's id in the lead data.</param>
/// <param name="WeeklyHours">Their working hours a week.</param>
/// <param name="MarketingShare">The share of those hours for marketing-generated leads.</param>
/// <param name="Team">Their team (as the agreement's teams name it), or null.</param>
/// <param name="StartDate">Their first day, for the ramp; null when not known (counted as fully ramped).</param>
public sealed record CapacityRep(string Id, string? Team, Fraction WeeklyHours, Share MarketingShare, LocalDate? StartDate);

/// <summary>Part of marketing's commitment: leads of one plan cell and the attempts each must get.</summary>
public sealed record CapacityDemand(string? Segment, string? LeadType, long Leads, int Attempts);

/// <summary>
/// Reps who work a set of segments: a team that names its segments in the agreement, or the rest
/// (<see cref="Teams"/> null: reps of no such team, for the segments no team names; everyone and every
/// segment when no team names any).
/// </summary>
/// <param name="Name">The team's name, or "all reps" / "other reps".</param>
/// <param name="Segments">The segments served; null for every segment.</param>
/// <param name="Teams">The teams whose reps are in the pool; null for reps of no team that names segments.</param>
public sealed record CapacityPool(string Name, IReadOnlyList<string>? Segments, IReadOnlyList<string>? Teams)
{
    /// <summary>The pools for <paramref name="teams"/> (name, segments it works) over the plan's <paramref name="segments"/>.</summary>
    public static IReadOnlyList<CapacityPool> From(IReadOnlyList<(string Team, IReadOnlyList<string> Segments)> teams, IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(segments);
        var named = teams.Where(t => t.Segments.Count > 0).Select(t => new CapacityPool(t.Team, t.Segments, [t.Team])).ToList();
        if (named.Count == 0) return [new CapacityPool("all reps", null, null)];
        var covered = named.SelectMany(p => p.Segments!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rest = segments.Where(s => !covered.Contains(s)).ToList();
        if (rest.Count > 0) named.Add(new CapacityPool("other reps", rest, null));
        return named;
    }
}

/// <summary>What capacity is computed over for one period.</summary>
/// <param name="PeriodStart">The period's first day (ramps are read at it).</param>
/// <param name="Weeks">Working weeks in the period: its working days over the calendar's working days a week.</param>
/// <param name="MinutesPerAttempt">Minutes an average attempt takes.</param>
/// <param name="DefaultAttempts">Attempts a lead gets where no demand says (a pool with no committed leads).</param>
/// <param name="Settings">The agreement's capacity settings (the ramp).</param>
/// <param name="Reps">Every rep with hours.</param>
/// <param name="Demands">Marketing's commitment, cell by cell.</param>
/// <param name="Pools">How reps and segments are grouped.</param>
public sealed record CapacityInput(LocalDate PeriodStart, Fraction Weeks, Fraction MinutesPerAttempt, int DefaultAttempts,
    CapacitySettings Settings, IReadOnlyList<CapacityRep> Reps, IReadOnlyList<CapacityDemand> Demands, IReadOnlyList<CapacityPool> Pools);

/// <summary>One pool's verdict.</summary>
/// <param name="Pool">The pool.</param>
/// <param name="Reps">Reps counted, with their ramp share this period.</param>
/// <param name="Fte">Full-time equivalents for marketing's leads: each rep's weekly hours x share x ramp over the average rep's full hours x share.</param>
/// <param name="MinutesAvailable">Minutes the pool has for marketing's leads in the period.</param>
/// <param name="MinutesNeeded">Minutes the committed leads take at the committed depth (every attempt made).</param>
/// <param name="LeadsCommitted">Leads marketing commits to for the pool's segments.</param>
/// <param name="LeadsWorkable">Leads the pool can work as committed, at the committed leads' average minutes per lead.</param>
/// <param name="RepsShort">More fully ramped reps (of the pool's average hours and share) that would make it feasible; 0 when it is; null when the pool has no rep to size them by.</param>
public sealed record CapacityVerdict(CapacityPool Pool, IReadOnlyList<(CapacityRep Rep, Fraction Ramp)> Reps, Fraction Fte, Fraction MinutesAvailable,
    Fraction MinutesNeeded, long LeadsCommitted, long LeadsWorkable, long? RepsShort)
{
    /// <summary>Whether the pool can follow up every committed lead as committed.</summary>
    public bool Feasible => MinutesNeeded <= MinutesAvailable;

    /// <summary>Leads over what the pool can work (0 when feasible).</summary>
    public long LeadsOver => Math.Max(0, LeadsCommitted - LeadsWorkable);
}

/// <summary>
/// Sales capacity against marketing's commitment: leads x attempts x minutes per attempt must fit in
/// the hours each rep gives to marketing-generated leads (PRODUCT.md), pool by pool. Exact: minutes
/// are fractions, leads workable are rounded down and reps short rounded up.
/// </summary>
public static class CapacityPlan
{
    /// <summary>Each pool's verdict, in the order of <see cref="CapacityInput.Pools"/>.</summary>
    public static IReadOnlyList<CapacityVerdict> Compute(CapacityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Weeks.Sign < 0) throw new ArgumentOutOfRangeException(nameof(input), "weeks cannot be negative");
        if (input.MinutesPerAttempt.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(input), "minutes per attempt must be above 0");
        return [.. input.Pools.Select(pool => Verdict(input, pool))];
    }

    /// <summary>Whole months from <paramref name="start"/> to <paramref name="day"/> (negative before the start).</summary>
    public static int MonthsSince(LocalDate start, LocalDate day)
    {
        var months = (day.Year - start.Year) * 12 + day.Month - start.Month;
        return day.Day < start.Day ? months - 1 : months;
    }

    /// <summary>Full minutes a rep gives marketing's leads in <paramref name="weeks"/> weeks, before the ramp.</summary>
    public static Fraction FullMinutes(CapacityRep rep, Fraction weeks)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return rep.WeeklyHours * 60 * weeks * rep.MarketingShare.Value;
    }

    private static CapacityVerdict Verdict(CapacityInput input, CapacityPool pool)
    {
        var claimed = input.Pools.Where(p => p.Teams is not null).SelectMany(p => p.Teams!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool InPool(string? team) => pool.Teams is { } teams
            ? teams.Any(t => string.Equals(t, team?.Trim(), StringComparison.OrdinalIgnoreCase))
            : team is null || !claimed.Contains(team.Trim());
        bool Serves(string? segment) => pool.Segments is null || pool.Segments.Any(s => string.Equals(s, segment?.Trim(), StringComparison.OrdinalIgnoreCase));
        var reps = input.Reps.Where(r => InPool(r.Team))
            .Select(r => (Rep: r, Ramp: r.StartDate is { } start ? input.Settings.RampAt(MonthsSince(start, input.PeriodStart)) : Fraction.One)).ToList();
        var available = reps.Aggregate(Fraction.Zero, (sum, r) => sum + FullMinutes(r.Rep, input.Weeks) * r.Ramp);
        var demands = input.Demands.Where(d => Serves(d.Segment)).ToList();
        var leads = demands.Sum(d => d.Leads);
        var needed = demands.Aggregate(Fraction.Zero, (sum, d) => sum + Fraction.FromInteger(d.Leads) * d.Attempts * input.MinutesPerAttempt);
        var perLead = leads > 0 ? needed / leads : input.MinutesPerAttempt * input.DefaultAttempts;
        var workable = Counts.ToLong((available / perLead).Floor(), "capacity");

        var fullRep = reps.Count == 0 ? (Fraction?)null : reps.Aggregate(Fraction.Zero, (sum, r) => sum + FullMinutes(r.Rep, input.Weeks)) / reps.Count;
        var fte = fullRep is { Sign: > 0 } full ? available / full : Fraction.Zero;
        long? repsShort = needed <= available ? 0 : fullRep is { Sign: > 0 } f ? Counts.ToLong(((needed - available) / f).Ceiling(), "capacity") : null;
        return new CapacityVerdict(pool, reps, fte, available, needed, leads, workable, repsShort);
    }
}
