using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// A group's figures summed over a recalibration window and the rates they give. Rates are pooled
/// (sum of customers / sum of leads), never a mean of per-period rates; each is null when nothing
/// was measured for it.
/// </summary>
/// <param name="Sum">The group's figures summed over the window.</param>
/// <param name="AssumedDealSize">A deal size assumed in place of the measured one (<c>--deal-size</c>), or null.</param>
public sealed record PooledInputs(SheetFigures Sum, Fraction? AssumedDealSize = null)
{
    /// <summary>Customers / leads over the window.</summary>
    public Fraction? CloseRate => Sum.CloseRate;

    /// <summary>Revenue from the cohorts' priced customers / those customers (see <see cref="SheetFigures.DealSize"/>).</summary>
    public Fraction? DealSize => Sum.DealSize;

    /// <summary>
    /// What a lead was worth: deal size x close rate, which is revenue / leads when every customer's
    /// amount is known. Leads that brought no customer were worth 0 (measured). With an assumed deal
    /// size it is that size x close rate. Otherwise null when there were no leads or any customer's
    /// amount is unknown: the average over only the priced customers is not the average deal (as
    /// <see cref="Recalibration"/> refuses it for the deal size), and dividing only the known
    /// revenue by every lead would understate it.
    /// </summary>
    public Fraction? LeadValue =>
        Sum.Leads > 0 && Sum.Customers == 0 ? Fraction.Zero
        : CloseRate is not { } rate ? null
        : AssumedDealSize is { } assumed ? assumed * rate
        : Sum.UnpricedCustomers == 0 && DealSize is { } deal ? deal * rate
        : null;

    /// <summary>Each stage's conversion into the next (the last into Customer).</summary>
    public IReadOnlyList<Fraction?> Conversions => Sum.Conversions;

    /// <summary>The average sales cycle in days.</summary>
    public Fraction? CycleDays => Sum.AverageCycleDays;
}
