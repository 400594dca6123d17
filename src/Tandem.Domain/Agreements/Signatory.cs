namespace Tandem.Domain.Agreements;

/// <summary>The two parties to the agreement.</summary>
public enum Side
{
    /// <summary>The marketing team: commits to lead volume or value.</summary>
    Marketing,

    /// <summary>The sales team: commits to speed and depth of follow-up.</summary>
    Sales,
}

/// <summary>
/// A person who must sign every version of the agreement for it to take effect, for
/// <paramref name="Side"/>. Signatories with an e-mail address are the agreement's owners: the
/// review reminder goes to them.
/// </summary>
/// <param name="Name">Unique within the agreement, ignoring case.</param>
/// <param name="Side">The team they sign for.</param>
/// <param name="Title">Their role, as printed on the agreement (optional).</param>
/// <param name="Email">Where the review reminder reaches them (optional).</param>
public sealed record Signatory(string Name, Side Side, string? Title = null, string? Email = null)
{
    /// <summary>marketing or sales, as written in the agreement file.</summary>
    public static string Word(Side side) => side == Side.Marketing ? "marketing" : "sales";
}
