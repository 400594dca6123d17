namespace Tandem.Domain.Leads;

/// <summary>Where a deal stands.</summary>
public enum DealStatus
{
    /// <summary>Still being worked.</summary>
    Open,

    /// <summary>Closed and won: the lead became a customer.</summary>
    Won,

    /// <summary>Closed and lost.</summary>
    Lost,
}
