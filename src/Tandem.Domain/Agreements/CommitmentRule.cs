namespace Tandem.Domain.Agreements;

/// <summary>
/// A rule of the agreement giving the leads it matches their own speed or depth. Each condition
/// given must hold (names compare ignoring case); a rule with no condition matches every lead.
/// A part the rule leaves out (null) keeps the agreement's default.
/// </summary>
/// <param name="Name">How reports and explanations name the rule.</param>
/// <param name="Segment">The lead's segment, or null for any.</param>
/// <param name="LeadType">The lead's lead type, or null for any.</param>
/// <param name="Tier">The lead type's quality tier, or null for any.</param>
/// <param name="Speed">Its speed, or null for the default.</param>
/// <param name="Depth">Its depth, or null for the default.</param>
public sealed record CommitmentRule(string Name, string? Segment, string? LeadType, string? Tier, SpeedCommitment? Speed, DepthCommitment? Depth)
{
    /// <summary>Whether a lead with these fields falls under the rule; a missing field matches only a rule without that condition.</summary>
    public bool Matches(string? segment, string? leadType, string? tier) =>
        Holds(Segment, segment) && Holds(LeadType, leadType) && Holds(Tier, tier);

    private static bool Holds(string? condition, string? value) =>
        condition is null || string.Equals(condition, value?.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>The speed and depth that apply to one lead, and the rule they came from.</summary>
/// <param name="Rule">The matching rule's name, or <see cref="DefaultRule"/>.</param>
/// <param name="Speed">Speed to first touch.</param>
/// <param name="Depth">Depth of follow-up.</param>
public sealed record ClockTerms(string Rule, SpeedCommitment Speed, DepthCommitment Depth)
{
    /// <summary>The name of the agreement's default terms.</summary>
    public const string DefaultRule = "default";
}
