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
/// A line is built as if its period were over; <see cref="ScorecardStatus.Judge"/> then says where
/// it stands on a day (<see cref="Status"/>), which for a period still running is not a verdict.
/// </summary>
public sealed record ScorecardLine(ScorecardTeam Team, string Commitment, string Promise, Fraction? Target, Fraction? Actual, bool? Met, long Excused = 0)
{
    /// <summary>
    /// Whether <see cref="Target"/> and <see cref="Actual"/> are counts (leads, content pieces,
    /// campaigns, reports) or shares of items that kept a commitment (speed, depth, follow-ups).
    /// Marketing's lead line is a count and sales' lines are shares unless a line says otherwise.
    /// </summary>
    public ScorecardMeasure Measure { get; init; } = Team == ScorecardTeam.Marketing ? ScorecardMeasure.Count : ScorecardMeasure.Share;

    /// <summary>A quota line's windows as <see cref="Deliverables.QuotaJudge"/> judged them; null on other lines.</summary>
    public Deliverables.QuotaResult? Quota { get; init; }

    /// <summary>
    /// Whether the period had not ended on the day the line was judged (it is running, or has not
    /// begun): <see cref="Met"/> is then true never and false only when the line can no longer be met.
    /// </summary>
    public bool Open { get; init; }

    /// <summary>Where the line stands: met or missed once its period is over; on-track, at-risk, behind or pending while it runs.</summary>
    public LineStatus Status { get; init; } = Met is { } met ? met ? LineStatus.Met : LineStatus.Missed : LineStatus.Pending;

    /// <summary>Why the status is what it is, where the figures alone do not say (a window that ended short, a projection below the band); null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>The first quota window that ended short, which makes the line missed; null otherwise.</summary>
    public Deliverables.QuotaWindow? ShortWindow { get; init; }
}

/// <summary>What a scorecard line's target and actual are.</summary>
public enum ScorecardMeasure
{
    /// <summary>A number of things delivered against a number promised.</summary>
    Count,
    /// <summary>The share of items that kept the commitment against the share required.</summary>
    Share,
}

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

    /// <summary>
    /// A quota line (content pieces, campaigns, reports): the count the period's windows require
    /// together against what they hold; met as <see cref="Deliverables.QuotaResult.Met"/> says.
    /// </summary>
    public static ScorecardLine Quota(ScorecardTeam team, string commitment, string promise, Deliverables.QuotaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(team, commitment, promise, Fraction.FromInteger(result.Target), Fraction.FromInteger(result.Delivered), result.Met) { Measure = ScorecardMeasure.Count, Quota = result };
    }

    /// <summary>
    /// A deadline line (follow-ups, feedback, use, training): the share of the judged items kept,
    /// met from <paramref name="required"/>; null when nothing is judged yet (pending items wait).
    /// </summary>
    public static ScorecardLine Deadlines(ScorecardTeam team, string commitment, string promise, Deliverables.DeadlineTally tally, Share required)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var share = tally.Share;
        return new(team, commitment, promise, required.Value, share, share is { } s ? s >= required.Value : null) { Measure = ScorecardMeasure.Share };
    }
}
