using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// A revenue stream, business unit or customer-size band with its own share of the quota and,
/// optionally, its own deal size and funnel (otherwise the agreement's apply).
/// </summary>
/// <param name="Name">Unique, ignoring case.</param>
/// <param name="Share">Its share of the marketing revenue goal; all segments' shares sum to 100%.</param>
/// <param name="DealSize">Average deal size in the agreement's currency, above zero when given.</param>
/// <param name="Funnel">Its own funnel rates, when they differ from the agreement's.</param>
public sealed record SegmentDefinition(string Name, Share Share, Fraction? DealSize = null, Funnel? Funnel = null);

/// <summary>
/// Where and how a lead came in (website form, demo request, ebook, outbound, ...).
/// </summary>
/// <param name="Name">Unique, ignoring case.</param>
/// <param name="Origin">Marketing- or sales-generated.</param>
/// <param name="Quality">A free-form quality tier (A, B, high, ...), for reports.</param>
/// <param name="Value">What one lead of this type is worth, in currency; needed for value goals.</param>
/// <param name="Mix">Its share of marketing's goal; marketing types only; all given mixes sum to 100%.</param>
/// <param name="Funnel">Its own funnel rates, when they differ from its segment's.</param>
public sealed record LeadTypeDefinition(
    string Name,
    LeadOrigin Origin = LeadOrigin.Marketing,
    string? Quality = null,
    Fraction? Value = null,
    Share? Mix = null,
    Funnel? Funnel = null);
