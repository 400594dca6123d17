using NodaTime;
using Tandem.Domain.Leads;
using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Analytics;

/// <summary>A group of the sheet: a segment and a lead type (either may be null: not given).</summary>
public sealed record SheetGroup(string? Segment, string? LeadType, bool Marketing);

/// <summary>The sheet for one period: each group's figures and the total.</summary>
public sealed record SheetColumn(Period Period, IReadOnlyList<(SheetGroup Group, SheetFigures Figures)> Groups, SheetFigures Total);

/// <summary>
/// The tracking sheet the articles keep by hand, computed exactly. A lead belongs to the cohort of
/// the period (in the agreement's zone) in which it entered the funnel's first stage (for a funnel
/// starting at Lead, its creation when no Lead stage change was recorded). Customers, revenue from
/// them, sales cycles and stage conversions follow the cohort; total and marketing revenue are by
/// the period in which the deal closed. The total adds up the marketing-generated groups for the
/// cohort figures and every group for the revenue by close period.
/// </summary>
public static class TrackingSheet
{
    /// <summary>The sheet of <paramref name="period"/>.</summary>
    /// <param name="period">The period (its boundaries fall at midnight in <paramref name="zone"/>).</param>
    /// <param name="zone">The agreement's time zone.</param>
    /// <param name="funnelStages">The funnel's stages in order (the first is the cohort stage); Customer follows the last.</param>
    /// <param name="leads">Every lead (deleted and merged-away ones left out).</param>
    /// <param name="deals">Every deal, amounts in the agreement's currency.</param>
    public static SheetColumn Compute(Period period, DateTimeZone zone, IReadOnlyList<string> funnelStages, IReadOnlyList<SheetLead> leads, IReadOnlyList<SheetDeal> deals)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(funnelStages);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(deals);
        if (funnelStages.Count == 0) throw new ArgumentException("the funnel has no stage", nameof(funnelStages));
        var start = zone.AtStartOfDay(period.Start).ToInstant();
        var end = zone.AtStartOfDay(period.End).ToInstant();
        bool InPeriod(Instant at) => at >= start && at < end;

        var dealsByLead = deals.Where(d => d.LeadKey is not null).GroupBy(d => d.LeadKey!).ToDictionary(g => g.Key, g => g.ToList());
        var groups = new List<(SheetGroup Group, SheetFigures Figures)>();
        var leadGroup = new Dictionary<string, SheetGroup>();

        foreach (var lead in leads)
        {
            var group = new SheetGroup(lead.Segment, lead.LeadType, lead.Marketing);
            leadGroup[lead.Key] = group;
            var entered = CohortEntry(lead, funnelStages[0]);
            if (entered is not { } cohortAt || !InPeriod(cohortAt)) continue;
            groups.Add((group, LeadFigures(lead, dealsByLead.GetValueOrDefault(lead.Key) ?? [], funnelStages)));
        }

        foreach (var deal in deals.Where(d => d.Won && d.ClosedAt is { } at && InPeriod(at)))
        {
            var group = deal.LeadKey is not null && leadGroup.TryGetValue(deal.LeadKey, out var g) ? g : new SheetGroup(null, null, false);
            groups.Add((group, WonFigures(group, deal.Amount)));
        }
        return Column(period, groups, funnelStages.Count);
    }

    /// <summary>
    /// One lead's cohort figures, whichever period its cohort is: 1 lead, and whether it is a
    /// customer (a won deal among <paramref name="own"/>), priced (every won deal has an amount) and
    /// still open (neither won nor lost nor disqualified), the revenue of its won deals when priced,
    /// its sales cycle (lead created to first won deal closed) when it has one, and the funnel
    /// stages it reached (a prefix of ones: reaching a stage counts every earlier one).
    /// </summary>
    /// <param name="lead">The lead.</param>
    /// <param name="own">Its deals (amounts in the agreement's currency).</param>
    /// <param name="funnelStages">The funnel's stages in order; Customer follows the last.</param>
    public static SheetFigures LeadFigures(SheetLead lead, IReadOnlyList<SheetDeal> own, IReadOnlyList<string> funnelStages)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(funnelStages);
        var won = own.Where(d => d.Won).ToList();
        var customer = won.Count > 0;
        var firstWin = FirstWin(won);
        var closed = customer || own.Any(d => d.Lost) || lead.Stages.ContainsKey(LeadStages.Disqualified);
        // A customer is priced when every won deal of theirs has an amount; otherwise their revenue is unknown.
        var priced = customer && won.All(d => d.Amount is not null);
        var reached = funnelStages.Select((_, i) => ReachedFrom(lead, funnelStages, i) || customer ? 1L : 0L).Append(customer ? 1L : 0L).ToList();
        return SheetFigures.Empty with
        {
            Leads = 1,
            Customers = customer ? 1 : 0,
            StillOpen = closed ? 0 : 1,
            PricedCustomers = priced ? 1 : 0,
            PricedRevenue = priced ? won.Aggregate(Fraction.Zero, (sum, d) => sum + d.Amount!.Value) : Fraction.Zero,
            CycleDaysTotal = firstWin is { } at ? new Fraction(CycleSeconds(lead.CreatedAt, at), 86_400) : Fraction.Zero,
            Reached = reached,
        };
    }

    /// <summary>A won deal's figures by the period it closed in, for its lead's group (marketing revenue when the group is marketing's).</summary>
    public static SheetFigures WonFigures(SheetGroup group, Fraction? amount)
    {
        ArgumentNullException.ThrowIfNull(group);
        var unpriced = amount is null ? 1 : 0;
        return SheetFigures.Empty with
        {
            ClosedRevenue = amount ?? Fraction.Zero,
            UnpricedClosedDeals = unpriced,
            ClosedMarketingRevenue = group.Marketing ? amount ?? Fraction.Zero : Fraction.Zero,
            UnpricedMarketingDeals = group.Marketing ? unpriced : 0,
        };
    }

    /// <summary>
    /// The sheet's column from each group's figures (a group may come several times: its figures are
    /// added up). Groups are ordered by segment then lead type, ignoring case, none last (ties: by
    /// their exact spelling, then marketing's first); the total adds up the marketing-generated
    /// groups and the revenue by close of every group.
    /// </summary>
    /// <param name="period">The period.</param>
    /// <param name="groups">The figures of each group (cohort figures of its leads, revenue of its won deals).</param>
    /// <param name="funnelStages">How many stages the funnel has.</param>
    public static SheetColumn Column(Period period, IEnumerable<(SheetGroup Group, SheetFigures Figures)> groups, int funnelStages)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var sums = new Dictionary<SheetGroup, SheetFigures>();
        foreach (var (group, figures) in groups) sums[group] = sums.TryGetValue(group, out var f) ? f + figures : figures;
        var ordered = sums.OrderBy(g => g.Key.Segment ?? "\uffff", StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.LeadType ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Key.Segment, StringComparer.Ordinal).ThenBy(g => g.Key.LeadType, StringComparer.Ordinal).ThenByDescending(g => g.Key.Marketing)
            .Select(g => (g.Key, g.Value)).ToList();
        var total = SheetFigures.Empty with { Reached = [.. Enumerable.Repeat(0L, funnelStages + 1)] };
        foreach (var (group, figures) in ordered)
            total += group.Marketing ? figures : SheetFigures.Empty with { ClosedRevenue = figures.ClosedRevenue, UnpricedClosedDeals = figures.UnpricedClosedDeals };
        return new SheetColumn(period, ordered, total);
    }

    /// <summary>When the first of <paramref name="deals"/> that was won closed; null when none was won with a close time.</summary>
    public static Instant? FirstWin(IEnumerable<SheetDeal> deals) =>
        (deals ?? throw new ArgumentNullException(nameof(deals))).Where(d => d.Won && d.ClosedAt is not null).Select(d => (Instant?)d.ClosedAt).Min();

    /// <summary>
    /// A sales cycle in whole seconds (lead created to first win, truncated toward zero); the sheet's
    /// cycle days are these / 86,400. A deal won before its lead was recorded (the CRM created the
    /// lead later, an import back-filled it) counts as won at once: a negative cycle would lower the
    /// average and push the recalibration window past its target.
    /// </summary>
    public static long CycleSeconds(Instant created, Instant firstWin) => Math.Max(0, (long)(firstWin - created).TotalSeconds);

    /// <summary>When the lead entered the cohort stage; a funnel starting at Lead counts its creation when no Lead stage was recorded.</summary>
    public static Instant? CohortEntry(SheetLead lead, string firstStage) => lead is null ? null :
        lead.Stages.TryGetValue(firstStage, out var at) ? at
        : string.Equals(firstStage, LeadStages.Lead, StringComparison.OrdinalIgnoreCase) ? lead.CreatedAt
        : null;

    /// <summary>Whether the lead reached stage <paramref name="index"/> or any later one (a lead may skip stages).</summary>
    private static bool ReachedFrom(SheetLead lead, IReadOnlyList<string> stages, int index)
    {
        for (var i = index; i < stages.Count; i++)
            if (lead.Stages.ContainsKey(stages[i]) || (i == 0 && string.Equals(stages[0], LeadStages.Lead, StringComparison.OrdinalIgnoreCase))) return true;
        return false;
    }

    /// <summary>
    /// The average sales cycle in days (lead created to first won deal) of the leads whose first win
    /// closed before <paramref name="before"/>; null when none did.
    /// </summary>
    public static Fraction? AverageCycleDays(IReadOnlyList<SheetLead> leads, IReadOnlyList<SheetDeal> deals, Instant before)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(deals);
        var firstWin = deals.Where(d => d.Won && d.LeadKey is not null && d.ClosedAt is { } at && at < before)
            .GroupBy(d => d.LeadKey!).ToDictionary(g => g.Key, g => g.Min(d => d.ClosedAt!.Value));
        var cycles = leads.Where(l => firstWin.ContainsKey(l.Key)).Select(l => CycleSeconds(l.CreatedAt, firstWin[l.Key])).ToList();
        return cycles.Count == 0 ? null : new Fraction(cycles.Sum(), 86_400L * cycles.Count);
    }
}
