namespace Tandem.Domain.Leads;

/// <summary>How a rep tried to reach a lead.</summary>
public enum TouchChannel
{
    /// <summary>A phone call.</summary>
    Call,

    /// <summary>An email.</summary>
    Email,

    /// <summary>A meeting, in person or online.</summary>
    Meeting,

    /// <summary>A message on a social network.</summary>
    Social,
}
