namespace Tandem.Web.Notifications;

/// <summary>How one delivery attempt went: null error means delivered.</summary>
public sealed record DeliveryResult(string? Error)
{
    /// <summary>Delivered.</summary>
    public static DeliveryResult Delivered { get; } = new((string?)null);

    /// <summary>Whether it was delivered.</summary>
    public bool Ok => Error is null;
}
