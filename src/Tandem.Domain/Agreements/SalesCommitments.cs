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
/// attempts before giving up. Steps rise strictly in both attempts and days (3 in 14 days, 5 in
/// 28, 7 in 56), and the target is at least the last step's attempts.
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
        if (cadence.Count > 0 && targetAttempts < cadence[^1].Attempts)
            throw new InvalidInputException($"{field}.attempts", $"the target ({targetAttempts}) is below the cadence's last step ({cadence[^1].Attempts})");
        TargetAttempts = targetAttempts;
        Cadence = cadence;
        Days = days;
    }

    /// <summary>Attempts to make before a lead may be given up (default 6; the seeds quote 6-9).</summary>
    public int TargetAttempts { get; }

    /// <summary>The cadence steps, in order.</summary>
    public IReadOnlyList<CadenceStep> Cadence { get; }

    /// <summary>Whether the steps' days are calendar or working days.</summary>
    public DayKind Days { get; }

    /// <summary>The seeds' cadence: 3 attempts within 14 days, 5 within 28, 7 within 56; target 7.</summary>
    public static DepthCommitment Default { get; } =
        new(7, [new CadenceStep(3, 14), new CadenceStep(5, 28), new CadenceStep(7, 56)], DayKind.Calendar);
}

/// <summary>What sales commits to for every lead marketing hands over.</summary>
/// <param name="HandoffStage">The stage whose entry (with an owner rep) is the handoff; default MQL.</param>
/// <param name="Speed">Speed to first touch.</param>
/// <param name="Depth">Depth of follow-up.</param>
public sealed record SalesCommitments(string HandoffStage, SpeedCommitment Speed, DepthCommitment Depth)
{
    /// <summary>Handoff at MQL; first touch within 30 working minutes; the seeds' cadence.</summary>
    public static SalesCommitments Default { get; } =
        new("MQL", new SpeedCommitment(30, ClockKind.Working), DepthCommitment.Default);
}
