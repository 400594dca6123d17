using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Domain.Analytics;

/// <summary>Which team a scorecard line belongs to.</summary>
public enum ScorecardTeam
{
    /// <summary>Marketing.</summary>
    Marketing,
    /// <summary>Sales.</summary>
    Sales,
}

/// <summary>
/// One commitment in one period: what was promised, what was delivered, and whether that counts as
/// met. <see cref="Met"/> is null when nothing could be measured (no handoff, no goal).
/// <see cref="Excused"/> counts the handoffs whose breach a manager excused: they are left out of
/// the share and shown apart, so an excuse neither hides a breach nor counts it as kept.
/// </summary>
public sealed record ScorecardLine(ScorecardTeam Team, string Commitment, string Promise, Fraction? Target, Fraction? Actual, bool? Met, long Excused = 0);

/// <summary>
/// Judges commitments for the scorecard with the agreement's tolerance: marketing's lead goal is met
/// when delivery reaches the lower edge of the band (goal x (1 - tolerance)); a sales commitment
/// kept lead by lead (speed, depth) is met when at least 100% - tolerance of the period's handoffs
/// kept it.
/// </summary>
public static class Scorecard
{
    /// <summary>Marketing's line: delivered against the goal.</summary>
    public static ScorecardLine Marketing(string promise, Fraction goal, Fraction delivered, Tolerance tolerance) =>
        new(ScorecardTeam.Marketing, "leads", promise, goal, delivered, goal.Sign == 0 ? null : delivered >= tolerance.Lower(goal));

    /// <summary>
    /// A sales line: the share of handoffs that kept the commitment, over the handoffs not excused
    /// (<paramref name="kept"/> counts only those).
    /// </summary>
    public static ScorecardLine Sales(string commitment, string promise, long handoffs, long kept, Tolerance tolerance, long excused = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(excused);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(excused, handoffs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kept, handoffs - excused);
        var required = Fraction.One - tolerance.Band.Value;
        var judged = handoffs - excused;
        if (judged == 0) return new(ScorecardTeam.Sales, commitment, promise, required, null, null, excused);
        var share = new Fraction(kept, judged);
        return new(ScorecardTeam.Sales, commitment, promise, required, share, share >= required, excused);
    }
}
