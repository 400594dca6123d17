using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>One handoff as the depth report sees it: who got it, when, its attempts, when it was reached (if it was), its depth clock and terms.</summary>
public sealed record DepthSample(string Rep, Instant HandedOff, IReadOnlyList<Instant> Attempts, Instant? ReachedAt, ClockTimeline Clock, DepthCommitment Terms);

/// <summary>How the leads not yet reached at one age stand.</summary>
/// <param name="AgeDays">The age looked at: 7, 14 or 30 days after handoff.</param>
/// <param name="Leads">Handoffs that are that old by the as-of instant and were not reached before that age.</param>
/// <param name="AverageAttempts">Their average attempts made by that age; null without leads.</param>
/// <param name="AverageRequired">The average attempts their cadence required by that age (steps whose window had passed).</param>
/// <param name="AverageTarget">The average target number of attempts.</param>
/// <param name="OnCadence">Of them, those whose depth clock was not breached at that age.</param>
public sealed record DepthAtAge(int AgeDays, long Leads, Fraction? AverageAttempts, Fraction? AverageRequired, Fraction? AverageTarget, long OnCadence)
{
    /// <summary>On cadence / leads; null without leads.</summary>
    public Fraction? OnCadenceShare => Leads == 0 ? null : new Fraction(OnCadence, Leads);
}

/// <summary>
/// Depth of follow-up: for the handed-off leads not reached one week, two weeks and 30 days after
/// handoff, the average attempts made by then against what the cadence required by then and the
/// target, and the share still on cadence (depth clock not breached). A lead counts at an age only
/// once it is that old by the as-of instant, and not when its clocks stopped before that age.
/// </summary>
public static class DepthReport
{
    /// <summary>The ages reported, in days.</summary>
    public static IReadOnlyList<int> Ages { get; } = [7, 14, 30];

    /// <summary>The standing at <paramref name="ageDays"/>.</summary>
    public static DepthAtAge At(IReadOnlyCollection<DepthSample> samples, int ageDays, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var age = Duration.FromDays(ageDays);
        // Leads stopped (disqualified, recycled) or restarted before that age are no longer worked: left out.
        var eligible = samples.Where(s => s.HandedOff + age <= asOf && (s.ReachedAt is not { } r || r >= s.HandedOff + age)
            && s.Clock.StateAt(s.HandedOff + age) is not (ClockState.Stopped or ClockState.Cancelled)).ToList();
        if (eligible.Count == 0) return new DepthAtAge(ageDays, 0, null, null, null, 0);
        long attempts = 0, required = 0, target = 0, onCadence = 0;
        foreach (var s in eligible)
        {
            var at = s.HandedOff + age;
            attempts += s.Attempts.Count(a => a >= s.HandedOff && a < at);
            required += s.Terms.Cadence.Where(step => step.WithinDays <= ageDays).Select(s.Terms.RequiredAt).DefaultIfEmpty(0).Max();
            target += s.Terms.TargetAttempts;
            if (s.Clock.StateAt(at) != ClockState.Breached) onCadence++;
        }
        return new DepthAtAge(ageDays, eligible.Count, new Fraction(attempts, eligible.Count), new Fraction(required, eligible.Count), new Fraction(target, eligible.Count), onCadence);
    }
}
