using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// A group's figures summed over a recalibration window and the rates they give. Rates are pooled
/// (sum of customers / sum of leads), never a mean of per-period rates; each is null when nothing
/// was measured for it.
/// </summary>
public sealed record PooledInputs(SheetFigures Sum)
{
    /// <summary>Customers / leads over the window.</summary>
    public Fraction? CloseRate => Sum.CloseRate;

    /// <summary>Revenue from the cohorts' customers / customers.</summary>
    public Fraction? DealSize => Sum.DealSize;

    /// <summary>Revenue from the cohorts' customers / leads: what a lead was worth.</summary>
    public Fraction? LeadValue => Sum.Leads == 0 ? null : Sum.RevenueFromCustomers / Sum.Leads;

    /// <summary>Each stage's conversion into the next (the last into Customer).</summary>
    public IReadOnlyList<Fraction?> Conversions => Sum.Conversions;

    /// <summary>The average sales cycle in days.</summary>
    public Fraction? CycleDays => Sum.AverageCycleDays;
}
