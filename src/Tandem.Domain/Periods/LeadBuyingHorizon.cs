namespace Tandem.Domain.Periods;

/// <summary>
/// With a sales cycle of c periods, the leads that arrive in period p close, on average, in period
/// p + c. So the revenue of a period is bought c periods earlier, and this period's leads feed
/// revenue c periods ahead. A cycle of 0 means leads close in the period they arrive.
/// </summary>
public static class LeadBuyingHorizon
{
    /// <summary>The period whose leads feed the revenue of <paramref name="revenuePeriod"/>.</summary>
    public static Period LeadPeriodFor(Period revenuePeriod, int salesCyclePeriods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(salesCyclePeriods);
        return revenuePeriod.Plus(-salesCyclePeriods);
    }

    /// <summary>The period whose revenue the leads of <paramref name="leadPeriod"/> feed.</summary>
    public static Period RevenuePeriodFor(Period leadPeriod, int salesCyclePeriods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(salesCyclePeriods);
        return leadPeriod.Plus(salesCyclePeriods);
    }
}
