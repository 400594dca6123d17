using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// One handoff as the depth report sees it: who got it, when, its attempts, when it was reached (if
/// it was), its depth clock and terms, and when its cadence's first step ends (the deadline its
/// clock judges first, on the calendar it runs on; null without a cadence).
/// </summary>
public sealed record DepthSample(string Rep, Instant HandedOff, IReadOnlyList<Instant> Attempts, Instant? ReachedAt, ClockTimeline Clock, DepthCommitment Terms,
    Instant? FirstStepEnd = null);

/// <summary>How one handoff stood at one age: attempts made by then, attempts its cadence required by then, its target, and whether its depth clock was not breached.</summary>
public sealed record DepthPoint(long Attempts, long Required, long Target, bool OnCadence);

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
/// The depth headline: the handoffs judged at the end of their cadence's first step (3 attempts
/// within 14 days is judged at 14 days; earlier nothing is asked, so nothing can fail).
/// </summary>
/// <param name="Handoffs">Handoffs counted: those made by the as-of instant.</param>
/// <param name="OldEnough">Of them, those whose first step had ended by the as-of instant.</param>
/// <param name="Younger">Those whose first step had not ended yet: not judged yet.</param>
/// <param name="Leads">Of the old enough, those not reached before the step ended and still worked then (not stopped): the leads judged.</param>
/// <param name="AverageAttempts">Their average attempts by the step's end; null without leads.</param>
/// <param name="AverageRequired">The average attempts their first step required.</param>
/// <param name="AverageTarget">The average target number of attempts.</param>
/// <param name="OnCadence">Of the leads judged, those whose depth clock was not breached at the step's end.</param>
public sealed record FirstStepStanding(long Handoffs, long OldEnough, long Younger, long Leads, Fraction? AverageAttempts, Fraction? AverageRequired, Fraction? AverageTarget, long OnCadence)
{
    /// <summary>On cadence / leads judged; null without leads.</summary>
    public Fraction? OnCadenceShare => Leads == 0 ? null : new Fraction(OnCadence, Leads);

    /// <summary>Handoffs whose terms have no cadence step, never judged.</summary>
    public long WithoutCadence => Handoffs - OldEnough - Younger;
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
        return Sum(ageDays, samples.Where(s => s.HandedOff + age <= asOf).Select(s => PointAt(s, ageDays)).OfType<DepthPoint>());
    }

    /// <summary>
    /// How one handoff stood <paramref name="ageDays"/> after it; null when it does not count at that
    /// age: reached before it, or stopped (disqualified, recycled) or restarted before it, so no
    /// longer worked. Whether the age has come by the as-of instant is the caller's filter, which is
    /// what lets the report facts store this once per handoff.
    /// </summary>
    public static DepthPoint? PointAt(DepthSample sample, int ageDays)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var at = sample.HandedOff + Duration.FromDays(ageDays);
        if (sample.ReachedAt is { } r && r < at) return null;
        var state = sample.Clock.StateAt(at);
        if (state is ClockState.Stopped or ClockState.Cancelled) return null;
        return new DepthPoint(
            sample.Attempts.Count(a => a >= sample.HandedOff && a < at),
            sample.Terms.Cadence.Where(step => step.WithinDays <= ageDays).Select(sample.Terms.RequiredAt).DefaultIfEmpty(0).Max(),
            sample.Terms.TargetAttempts,
            state != ClockState.Breached);
    }

    /// <summary>
    /// How one handoff stood when its cadence's first step ended; null when it does not count there:
    /// no cadence, reached before the step ended, or stopped or restarted before it. Attempts are
    /// those the clock counted by the deadline (an attempt at the very instant counts, as for the
    /// clock), so on cadence is exactly "the first step kept".
    /// </summary>
    public static DepthPoint? PointAtFirstStep(DepthSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.FirstStepEnd is not { } end || sample.Terms.Cadence.Count == 0) return null;
        if (sample.ReachedAt is { } r && r < end) return null;
        var state = sample.Clock.StateAt(end);
        if (state is ClockState.Stopped or ClockState.Cancelled) return null;
        return new DepthPoint(
            sample.Attempts.Count(a => a >= sample.HandedOff && a <= end),
            sample.Terms.RequiredAt(sample.Terms.Cadence[0]),
            sample.Terms.TargetAttempts,
            state != ClockState.Breached);
    }

    /// <summary>The headline of <paramref name="samples"/> as of <paramref name="asOf"/>: those handed off by then, each judged at the end of its first step once that has come.</summary>
    public static FirstStepStanding FirstStep(IReadOnlyCollection<DepthSample> samples, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var made = samples.Where(s => s.HandedOff <= asOf).ToList();
        var old = made.Where(s => s.FirstStepEnd is { } end && end <= asOf).ToList();
        var younger = made.Count(s => s.FirstStepEnd is { } end && end > asOf);
        var sum = Sum(0, old.Select(PointAtFirstStep).OfType<DepthPoint>());
        return new FirstStepStanding(made.Count, old.Count, younger, sum.Leads, sum.AverageAttempts, sum.AverageRequired, sum.AverageTarget, sum.OnCadence);
    }

    /// <summary>The headline from totals: handoffs, those old enough and younger, and the sums of the points of the old enough ones that count.</summary>
    public static FirstStepStanding FirstStepOf(long handoffs, long oldEnough, long younger, long leads, long attempts, long required, long target, long onCadence)
    {
        var sum = Of(0, leads, attempts, required, target, onCadence);
        return new FirstStepStanding(handoffs, oldEnough, younger, leads, sum.AverageAttempts, sum.AverageRequired, sum.AverageTarget, onCadence);
    }

    /// <summary>The standing at <paramref name="ageDays"/> of the handoffs that count there.</summary>
    public static DepthAtAge Sum(int ageDays, IEnumerable<DepthPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        long leads = 0, attempts = 0, required = 0, target = 0, onCadence = 0;
        foreach (var p in points)
        {
            leads++;
            attempts += p.Attempts;
            required += p.Required;
            target += p.Target;
            if (p.OnCadence) onCadence++;
        }
        return Of(ageDays, leads, attempts, required, target, onCadence);
    }

    /// <summary>The standing at <paramref name="ageDays"/> from the totals of the handoffs that count there (averages are totals / leads).</summary>
    public static DepthAtAge Of(int ageDays, long leads, long attempts, long required, long target, long onCadence) =>
        leads == 0 ? new DepthAtAge(ageDays, 0, null, null, null, 0)
            : new DepthAtAge(ageDays, leads, new Fraction(attempts, leads), new Fraction(required, leads), new Fraction(target, leads), onCadence);
}
