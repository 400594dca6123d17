namespace Tandem.Domain.Leads;

/// <summary>What came of a touch. <see cref="Connected"/> (and <see cref="Replied"/>) mean the lead was reached.</summary>
public enum TouchOutcome
{
    /// <summary>The rep spoke with the lead.</summary>
    Connected,

    /// <summary>Nobody answered.</summary>
    NoAnswer,

    /// <summary>The rep left a voicemail.</summary>
    Voicemail,

    /// <summary>The message could not be delivered.</summary>
    Bounced,

    /// <summary>The lead answered in writing.</summary>
    Replied,
}
