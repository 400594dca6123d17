using Tandem.Domain.Numbers;

namespace Tandem.Domain.Agreements;

/// <summary>Whether an SLA clock counts working time of the calendar or wall-clock time.</summary>
public enum ClockKind
{
    /// <summary>Only the calendar's working hours count.</summary>
    Working,
    /// <summary>Every minute counts (the research figures such as "within 5 minutes" are wall-clock).</summary>
    Wall,
}

/// <summary>Whether cadence windows count calendar days or the calendar's working days.</summary>
public enum DayKind
{
    /// <summary>Every day counts.</summary>
    Calendar,
    /// <summary>Only working days count.</summary>
    Working,
}

/// <summary>Speed to lead: the first touch within <see cref="Minutes"/> of handoff.</summary>
/// <param name="Minutes">Whole minutes, above zero.</param>
/// <param name="Clock">Working or wall-clock minutes.</param>
public sealed record SpeedCommitment(int Minutes, ClockKind Clock)
{
    /// <summary>Checks the commitment; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">Minutes not above zero.</exception>
    public SpeedCommitment Checked(string field) =>
        Minutes > 0 ? this : throw new InvalidInputException(field, $"must be at least 1 minute (got {Minutes})");
}

/// <summary>One step of the follow-up cadence: at least <see cref="Attempts"/> attempts within <see cref="WithinDays"/> days of handoff.</summary>
/// <param name="Attempts">Attempts, at least 1.</param>
/// <param name="WithinDays">Days since handoff, at least 1.</param>
public sealed record CadenceStep(int Attempts, int WithinDays);

/// <summary>
/// Depth of follow-up: attempts on a cadence until the lead is reached, and the target number of
/// attempts, after which a lead not reached may be given up. Steps rise strictly in both attempts
/// and days (3 in 14 days, 5 in 28, 7 in 56). A step never asks for more than the target: with a
/// target of 6, "7 within 56 days" is met by 6 attempts.
/// </summary>
public sealed record DepthCommitment
{
    /// <summary>Creates and checks the commitment; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">A rule above is broken.</exception>
    public DepthCommitment(int targetAttempts, IReadOnlyList<CadenceStep> cadence, DayKind days, string field = "sales.depth")
    {
        if (targetAttempts < 1) throw new InvalidInputException($"{field}.attempts", $"must be at least 1 (got {targetAttempts})");
        for (var i = 0; i < cadence.Count; i++)
        {
            var step = cadence[i];
            var at = $"{field}.cadence[{i + 1}]";
            if (step.Attempts < 1) throw new InvalidInputException($"{at}.attempts", $"must be at least 1 (got {step.Attempts})");
            if (step.WithinDays < 1) throw new InvalidInputException($"{at}.within", $"must be at least 1 day (got {step.WithinDays})");
            if (i > 0 && (step.Attempts <= cadence[i - 1].Attempts || step.WithinDays <= cadence[i - 1].WithinDays))
                throw new InvalidInputException(at, "each step must ask for more attempts over more days than the one before");
        }
        TargetAttempts = targetAttempts;
        Cadence = cadence;
        Days = days;
    }

    /// <summary>Attempts to make before a lead may be given up (default 6; the seeds quote 6-9).</summary>
    public int TargetAttempts { get; }

    /// <summary>The attempts a step requires: its own number, capped at the target.</summary>
    public int RequiredAt(CadenceStep step) => Math.Min((step ?? throw new ArgumentNullException(nameof(step))).Attempts, TargetAttempts);

    /// <summary>The cadence steps, in order.</summary>
    public IReadOnlyList<CadenceStep> Cadence { get; }

    /// <summary>Whether the steps' days are calendar or working days.</summary>
    public DayKind Days { get; }

    /// <summary>The seeds' cadence: 3 attempts within 14 days, 5 within 28, 7 within 56; target 6.</summary>
    public static DepthCommitment Default { get; } =
        new(6, [new CadenceStep(3, 14), new CadenceStep(5, 28), new CadenceStep(7, 56)], DayKind.Calendar);
}

/// <summary>
/// What sales commits to for every lead marketing hands over: the default speed and depth, and
/// ordered rules that give some leads other terms (first match wins).
/// </summary>
/// <param name="HandoffStage">The stage whose entry (with an owner rep) is the handoff; default MQL.</param>
/// <param name="Speed">Speed to first touch, unless a rule says otherwise.</param>
/// <param name="Depth">Depth of follow-up, unless a rule says otherwise.</param>
public sealed record SalesCommitments(string HandoffStage, SpeedCommitment Speed, DepthCommitment Depth)
{
    // Declared before Default, whose WarnAt reads it: static initializers run in textual order.
    /// <summary>80%: the default share of the allowed time after which a running clock warns.</summary>
    public static Share DefaultWarnAt { get; } = Share.From(new Fraction(4, 5), "sales.warnAt");

    /// <summary>Handoff at MQL; first touch within 30 working minutes; the seeds' cadence.</summary>
    public static SalesCommitments Default { get; } =
        new("MQL", new SpeedCommitment(30, ClockKind.Working), DepthCommitment.Default);

    /// <summary>Rules giving some leads their own speed or depth, in order; the first that matches applies.</summary>
    public IReadOnlyList<CommitmentRule> Rules { get; init; } = [];

    /// <summary>The share of the allowed time after which a running clock warns (default 80%).</summary>
    public Share WarnAt { get; init; } = DefaultWarnAt;

    /// <summary>Whether reassigning a lead to another rep starts its clocks again (default: no).</summary>
    public bool ResetOnReassign { get; init; }

    /// <summary>The terms for a lead: those of the first rule that matches it, else the defaults.</summary>
    public ClockTerms For(string? segment, string? leadType, string? tier)
    {
        foreach (var rule in Rules)
            if (rule.Matches(segment, leadType, tier))
                return new ClockTerms(rule.Name, rule.Speed ?? Speed, rule.Depth ?? Depth);
        return new ClockTerms(ClockTerms.DefaultRule, Speed, Depth);
    }
}
