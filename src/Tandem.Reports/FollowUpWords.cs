using System.Globalization;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;

namespace Tandem.Reports;

/// <summary>
/// How the cadence's first step is named where depth is judged: "at 14 days", "by day 14",
/// "younger than 14 days"; in working days when the cadence counts them; and in general words
/// when the agreement's rules give some leads another first step.
/// </summary>
/// <param name="At">Where the judging happens: "at 14 days".</param>
/// <param name="By">What the attempts are counted by: "by day 14".</param>
/// <param name="Younger">Leads not old enough: "younger than 14 days".</param>
/// <param name="Step">The step itself, "3 attempts within 14 days"; null without a cadence.</param>
public sealed record FirstStepWords(string At, string By, string Younger, string? Step);

/// <summary>
/// The speed and depth headlines in words, one wording for the pages, the command line and the
/// digests: speed's median and 90th percentile in working and in wall-clock time, each labelled;
/// depth judged at the end of the cadence's first step over the leads old enough, with their count.
/// </summary>
public static class FollowUpWords
{
    /// <summary>"Median: 0 min working time, 10 min wall-clock".</summary>
    public static string Median(SpeedStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return $"Median: {Figures.Minutes(stats.WorkingMedian)} working time, {Figures.Minutes(stats.WallMedian)} wall-clock";
    }

    /// <summary>"90th percentile: 25 min working time, 2 h 10 min wall-clock".</summary>
    public static string P90(SpeedStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return $"90th percentile: {Figures.Minutes(stats.WorkingP90)} working time, {Figures.Minutes(stats.WallP90)} wall-clock";
    }

    /// <summary>"30 working minutes" or "5 wall-clock minutes": the speed commitment.</summary>
    public static string Commitment(SpeedCommitment speed)
    {
        ArgumentNullException.ThrowIfNull(speed);
        return $"{speed.Minutes} {(speed.Clock == ClockKind.Working ? "working" : "wall-clock")} minutes";
    }

    /// <summary>The words for the agreement's first cadence step.</summary>
    public static FirstStepWords FirstStep(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var depth = agreement.Sales.Depth;
        if (depth.Cadence.Count == 0) return new("at the end of the first cadence step", "by then", "whose first step has not ended", null);
        var step = depth.Cadence[0];
        var step1 = $"{depth.RequiredAt(step)} attempt{(depth.RequiredAt(step) == 1 ? "" : "s")} within {Days(step.WithinDays, depth.Days)}";
        // A rule whose depth starts with another step: each lead is judged at the end of its own.
        var same = agreement.Sales.Rules.All(r => r.Depth is null
            || (r.Depth.Days == depth.Days && r.Depth.Cadence.Count > 0 && r.Depth.Cadence[0].WithinDays == step.WithinDays));
        if (!same) return new("at the end of each lead's first cadence step", "by the end of its first step", "whose first step has not ended", step1);
        return depth.Days == DayKind.Working
            ? new($"at {Days(step.WithinDays, depth.Days)}", $"by working day {step.WithinDays}", $"younger than {Days(step.WithinDays, depth.Days)}", step1)
            : new($"at {Days(step.WithinDays, depth.Days)}", $"by day {step.WithinDays}", $"younger than {Days(step.WithinDays, depth.Days)}", step1);
    }

    private static string Days(int days, DayKind kind) =>
        $"{days} {(kind == DayKind.Working ? "working " : "")}day{(days == 1 ? "" : "s")}";

    /// <summary>The headline figure: "87.5% on cadence at 14 days", "not judged yet" or "none to judge".</summary>
    public static string Headline(FirstStepStanding standing, FirstStepWords words)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Step is null) return "not judged: the depth commitment has no cadence";
        if (standing.OldEnough == 0) return "not judged yet";
        if (standing.Leads == 0) return "none to judge";
        return $"{Figures.Percent(standing.OnCadenceShare)} on cadence {words.At}";
    }

    /// <summary>
    /// What the headline is judged over: "226 leads not reached by day 14, of 300 handed off at
    /// least 14 days ago; 934 younger, not judged yet", or "(934 leads younger than 14 days)".
    /// </summary>
    public static string Basis(FirstStepStanding standing, FirstStepWords words)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Step is null) return $"({Leads(standing.Handoffs)} handed off)";
        if (standing.OldEnough == 0) return $"({Leads(standing.Younger)} {words.Younger})";
        var old = $"{Figures.Count(standing.OldEnough)} handed off {Old(words)}";
        var judged = standing.Leads == 0
            ? $"all {old} were reached or stopped {words.By}"
            : $"judged over {Leads(standing.Leads)} not reached {words.By}, of {old}";
        return standing.Younger == 0 ? judged : $"{judged}; {Figures.Count(standing.Younger)} {words.Younger}, not judged yet";
    }

    /// <summary>"Attempts by day 14: 2.4 on average; the first step asks 3", or null when no lead is judged.</summary>
    public static string? Attempts(FirstStepStanding standing, FirstStepWords words)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(words);
        if (standing.Leads == 0 || words.Step is null) return null;
        return $"Attempts {words.By}: {Figures.Number(standing.AverageAttempts)} on average; the first step asks {Figures.Number(standing.AverageRequired)}";
    }

    /// <summary>The whole depth headline as one sentence, for the command line and the digests.</summary>
    public static string DepthSentence(FirstStepStanding standing, FirstStepWords words)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Step is null) return $"Depth: {Headline(standing, words)} {Basis(standing, words)}.";
        var head = standing.OldEnough > 0 && standing.Leads > 0 ? $"{Figures.Percent(standing.OnCadenceShare)} on cadence" : Headline(standing, words);
        var basis = Basis(standing, words);
        return $"Depth judged {words.At} (first step: {words.Step}): {head}{(basis.StartsWith('(') ? " " : ", ")}{basis}.";
    }

    /// <summary>The speed headline as one sentence: the share within the commitment, then the median and 90th percentile in both times.</summary>
    public static string SpeedSentence(SpeedStats stats, SpeedCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return $"{Figures.Count(stats.Handoffs)} handoffs, {Figures.Percent(stats.WithinShare)} first touched within {Commitment(commitment)}; " +
            $"{LowerFirst(Median(stats))}; {P90(stats)}; {Figures.Count(stats.NeverTouched)} not touched yet.";
    }

    /// <summary>
    /// The handoffs a speed or depth figure leaves out because their source has no touch data:
    /// "No verdict: no touch data from olist (841 handoffs)." when none was judged,
    /// "Left out: 12 handoffs, no touch data from olist." beside judged ones; null when none was left out.
    /// </summary>
    public static string? Untimed(IReadOnlyList<Tandem.Data.Analytics.UntimedSource> untimed, long judged)
    {
        ArgumentNullException.ThrowIfNull(untimed);
        if (untimed.Count == 0) return null;
        var count = untimed.Sum(u => u.Handoffs);
        var handoffs = $"{Figures.Count(count)} handoff{(count == 1 ? "" : "s")}";
        var why = Tandem.Data.Analytics.UntimedHandoffs.ReasonFor(untimed);
        return judged == 0 ? $"No verdict: {why} ({handoffs})." : $"Left out: {handoffs}, {why}.";
    }

    private static string Old(FirstStepWords words) => words.Younger.StartsWith("younger than ", StringComparison.Ordinal)
        ? $"at least {words.Younger["younger than ".Length..]} ago"
        : "long enough ago for their first step to have ended";

    private static string Leads(long n) => $"{Figures.Count(n)} lead{(n == 1 ? "" : "s")}";

    private static string LowerFirst(string text) => char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];
}
