namespace Tandem.Domain.Planning;

/// <summary>What marketing commits to.</summary>
public enum GoalKind
{
    /// <summary>A number of leads: revenue goal -> customers -> up the funnel.</summary>
    Count,

    /// <summary>
    /// A sum of lead value in currency: each lead type carries a value, and the goal is the
    /// marketing revenue goal itself; the customer count is skipped.
    /// </summary>
    Value,
}

/// <summary>Which team generates leads of a type. Only marketing-generated leads count toward marketing's goal.</summary>
public enum LeadOrigin
{
    /// <summary>Forms, content, webinars, paid campaigns: marketing's.</summary>
    Marketing,

    /// <summary>Outbound prospecting and other leads sales finds itself.</summary>
    Sales,
}
