using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// One column of the tracking sheet for one group (a segment and lead type, or the total). Counts
/// are by cohort: the leads that entered the first funnel stage in the period, the customers and
/// revenue they became, and how many are still open. Revenue totals are by the period the deal
/// closed. Derived rates are null when their denominator is zero: nothing unmeasured shows as 0.
/// A won deal without an amount is not a deal worth 0: a revenue figure that would need its amount
/// is null (unknown), and the deal size is the average of the customers whose amounts are known.
/// </summary>
public sealed record SheetFigures
{
    /// <summary>Leads of the cohort (marketing-generated only, in the total).</summary>
    public long Leads { get; init; }

    /// <summary>Cohort leads that became customers (a won deal) by the time of the sheet.</summary>
    public long Customers { get; init; }

    /// <summary>Cohort customers every one of whose won deals carries an amount.</summary>
    public long PricedCustomers { get; init; }

    /// <summary>Cohort leads neither won nor lost nor disqualified.</summary>
    public long StillOpen { get; init; }

    /// <summary>Won revenue from the cohort's priced customers (<see cref="PricedCustomers"/>), whenever it closed.</summary>
    public Fraction PricedRevenue { get; init; }

    /// <summary>The known amounts of the won deals closed in the period.</summary>
    public Fraction ClosedRevenue { get; init; }

    /// <summary>Won deals closed in the period without an amount.</summary>
    public long UnpricedClosedDeals { get; init; }

    /// <summary>The known amounts of the won deals closed in the period from marketing-generated leads.</summary>
    public Fraction ClosedMarketingRevenue { get; init; }

    /// <summary>Won deals closed in the period from marketing-generated leads without an amount.</summary>
    public long UnpricedMarketingDeals { get; init; }

    /// <summary>Sum of the cohort customers' sales cycles in days (lead created to first won deal).</summary>
    public Fraction CycleDaysTotal { get; init; }

    /// <summary>Cohort leads that reached each funnel stage (or a later one), in funnel order, then customers.</summary>
    public IReadOnlyList<long> Reached { get; init; } = [];

    /// <summary>Customers with a won deal whose amount is not known.</summary>
    public long UnpricedCustomers => Customers - PricedCustomers;

    /// <summary>Won revenue from the cohort's customers, whenever it closed; null when a customer's amount is not known (a partial sum is not the revenue).</summary>
    public Fraction? RevenueFromCustomers => PricedCustomers == Customers ? PricedRevenue : null;

    /// <summary>All won revenue closed in the period; null when a deal's amount is not known.</summary>
    public Fraction? TotalRevenue => UnpricedClosedDeals == 0 ? ClosedRevenue : null;

    /// <summary>Won revenue closed in the period from marketing-generated leads; null when a deal's amount is not known.</summary>
    public Fraction? MarketingRevenue => UnpricedMarketingDeals == 0 ? ClosedMarketingRevenue : null;

    /// <summary>Customers / leads.</summary>
    public Fraction? CloseRate => Leads == 0 ? null : new Fraction(Customers, Leads);

    /// <summary>Revenue from the priced customers / priced customers: the average deal size where it is known; null when no customer's is.</summary>
    public Fraction? DealSize => PricedCustomers == 0 ? null : PricedRevenue / PricedCustomers;

    /// <summary>Marketing revenue / total revenue, both by close period; null when either is unknown or there is no revenue.</summary>
    public Fraction? MarketingShare => TotalRevenue is { Sign: not 0 } total && MarketingRevenue is { } marketing ? marketing / total : null;

    /// <summary>Average sales cycle in days.</summary>
    public Fraction? AverageCycleDays => Customers == 0 ? null : CycleDaysTotal / Customers;

    /// <summary>Each stage-to-stage conversion rate (reached the next / reached this); null where none reached this.</summary>
    public IReadOnlyList<Fraction?> Conversions =>
        [.. Enumerable.Range(0, Math.Max(0, Reached.Count - 1)).Select(i => Reached[i] == 0 ? (Fraction?)null : new Fraction(Reached[i + 1], Reached[i]))];

    /// <summary>The sum of two groups' figures.</summary>
    public static SheetFigures operator +(SheetFigures a, SheetFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new SheetFigures
        {
            Leads = a.Leads + b.Leads,
            Customers = a.Customers + b.Customers,
            PricedCustomers = a.PricedCustomers + b.PricedCustomers,
            StillOpen = a.StillOpen + b.StillOpen,
            PricedRevenue = a.PricedRevenue + b.PricedRevenue,
            ClosedRevenue = a.ClosedRevenue + b.ClosedRevenue,
            UnpricedClosedDeals = a.UnpricedClosedDeals + b.UnpricedClosedDeals,
            ClosedMarketingRevenue = a.ClosedMarketingRevenue + b.ClosedMarketingRevenue,
            UnpricedMarketingDeals = a.UnpricedMarketingDeals + b.UnpricedMarketingDeals,
            CycleDaysTotal = a.CycleDaysTotal + b.CycleDaysTotal,
            Reached = a.Reached.Count == 0 ? b.Reached : b.Reached.Count == 0 ? a.Reached : [.. a.Reached.Zip(b.Reached, (x, y) => x + y)],
        };
    }

    /// <summary>The figures of an empty group.</summary>
    public static SheetFigures Empty { get; } = new()
    {
        PricedRevenue = Fraction.Zero, ClosedRevenue = Fraction.Zero, ClosedMarketingRevenue = Fraction.Zero, CycleDaysTotal = Fraction.Zero,
    };

    /// <summary>Adds two figures (for callers that cannot use operators).</summary>
    public static SheetFigures Add(SheetFigures a, SheetFigures b) => a + b;
}
