using Tandem.Domain.Numbers;

namespace Tandem.Domain.Analytics;

/// <summary>
/// One column of the tracking sheet for one group (a segment and lead type, or the total). Counts
/// are by cohort: the leads that entered the first funnel stage in the period, the customers and
/// revenue they became, and how many are still open. Revenue totals are by the period the deal
/// closed. Derived rates are null when their denominator is zero: nothing unmeasured shows as 0.
/// </summary>
public sealed record SheetFigures
{
    /// <summary>Leads of the cohort (marketing-generated only, in the total).</summary>
    public long Leads { get; init; }

    /// <summary>Cohort leads that became customers (a won deal) by the time of the sheet.</summary>
    public long Customers { get; init; }

    /// <summary>Cohort leads neither won nor lost nor disqualified.</summary>
    public long StillOpen { get; init; }

    /// <summary>Won revenue from the cohort's customers, whenever it closed.</summary>
    public Fraction RevenueFromCustomers { get; init; }

    /// <summary>Won revenue closed in the period from marketing-generated leads.</summary>
    public Fraction MarketingRevenue { get; init; }

    /// <summary>All won revenue closed in the period.</summary>
    public Fraction TotalRevenue { get; init; }

    /// <summary>Sum of the cohort customers' sales cycles in days (lead created to first won deal).</summary>
    public Fraction CycleDaysTotal { get; init; }

    /// <summary>Cohort leads that reached each funnel stage (or a later one), in funnel order, then customers.</summary>
    public IReadOnlyList<long> Reached { get; init; } = [];

    /// <summary>Customers / leads.</summary>
    public Fraction? CloseRate => Leads == 0 ? null : new Fraction(Customers, Leads);

    /// <summary>Revenue from customers / customers.</summary>
    public Fraction? DealSize => Customers == 0 ? null : RevenueFromCustomers / Customers;

    /// <summary>Marketing revenue / total revenue, both by close period.</summary>
    public Fraction? MarketingShare => TotalRevenue.Sign == 0 ? null : MarketingRevenue / TotalRevenue;

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
            StillOpen = a.StillOpen + b.StillOpen,
            RevenueFromCustomers = a.RevenueFromCustomers + b.RevenueFromCustomers,
            MarketingRevenue = a.MarketingRevenue + b.MarketingRevenue,
            TotalRevenue = a.TotalRevenue + b.TotalRevenue,
            CycleDaysTotal = a.CycleDaysTotal + b.CycleDaysTotal,
            Reached = a.Reached.Count == 0 ? b.Reached : b.Reached.Count == 0 ? a.Reached : [.. a.Reached.Zip(b.Reached, (x, y) => x + y)],
        };
    }

    /// <summary>The figures of an empty group.</summary>
    public static SheetFigures Empty { get; } = new() { RevenueFromCustomers = Fraction.Zero, MarketingRevenue = Fraction.Zero, TotalRevenue = Fraction.Zero, CycleDaysTotal = Fraction.Zero };

    /// <summary>Adds two figures (for callers that cannot use operators).</summary>
    public static SheetFigures Add(SheetFigures a, SheetFigures b) => a + b;
}
