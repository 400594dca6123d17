using Tandem.Data.Analytics;
using Tandem.Domain.Agreements;

namespace Tandem.Web.Pages;

/// <summary>
/// Today's speed and depth cards (<c>Shared/_FollowUpCards.cshtml</c>): the period's figures, the
/// agreement they are judged against, the filters to keep on the link to Follow-up, and whether
/// the counts link to their lead lists (not for a sales rep, whose lists hold only their own leads).
/// </summary>
public sealed record FollowUpCards(SpeedResult Speed, DepthResult Depth, Agreement Agreement, string Keep, bool Linked = true);
