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

    /// <summary>Revenue from the cohorts' priced customers / those customers (see <see cref="SheetFigures.DealSize"/>).</summary>
    public Fraction? DealSize => Sum.DealSize;

    /// <summary>
    /// What a lead was worth: deal size x close rate, which is revenue / leads when every customer's
    /// amount is known; dividing only the known revenue by every lead would understate it. Leads
    /// that brought no customer were worth 0 (measured); null when there were no leads or no
    /// customer's amount is known.
    /// </summary>
    public Fraction? LeadValue =>
        Sum.Leads > 0 && Sum.Customers == 0 ? Fraction.Zero
        : DealSize is { } deal && CloseRate is { } rate ? deal * rate : null;

    /// <summary>Each stage's conversion into the next (the last into Customer).</summary>
    public IReadOnlyList<Fraction?> Conversions => Sum.Conversions;

    /// <summary>The average sales cycle in days.</summary>
    public Fraction? CycleDays => Sum.AverageCycleDays;
}
