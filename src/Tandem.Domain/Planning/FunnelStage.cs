using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// One named stage of the funnel and the rate at which it converts into the next stage (the last
/// stage converts into Customer).
/// </summary>
/// <param name="Name">The stage name, e.g. <c>MQL</c>; unique within a funnel, ignoring case.</param>
/// <param name="Rate">The share of this stage's count that reaches the next stage.</param>
public sealed record FunnelStage(string Name, Rate Rate);

/// <summary>How many of one stage the plan needs.</summary>
/// <param name="Name">The stage name.</param>
/// <param name="Count">A whole number of leads (see <see cref="PlanCalculator"/> for how it is rounded).</param>
/// <param name="Exact">The exact, unrounded need the count was rounded from.</param>
public sealed record StageCount(string Name, long Count, Fraction Exact);
