using NodaTime;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Analytics;

/// <summary>
/// A sheet group as stored: segment and lead type exactly as recorded ('' when none) and
/// <see cref="Flags"/> saying which were given, whether the group is marketing's, and whether it
/// holds deals without a counted lead (shown in the group of no segment and no lead type).
/// </summary>
public readonly record struct SheetGroupKey(string Segment, string LeadType, long Flags)
{
    /// <summary>Flag bits.</summary>
    public const long HasSegment = 1, HasLeadType = 2, IsMarketing = 4, WithoutLead = 8;

    /// <summary>The group of a lead.</summary>
    public static SheetGroupKey Of(string? segment, string? leadType, bool marketing) =>
        new(segment ?? "", leadType ?? "", (segment is null ? 0 : HasSegment) | (leadType is null ? 0 : HasLeadType) | (marketing ? IsMarketing : 0));

    /// <summary>The group of the won deals that count without a lead.</summary>
    public static SheetGroupKey Leadless { get; } = new("", "", WithoutLead);

    /// <summary>No group (a deal that counts for no figure by close).</summary>
    public static SheetGroupKey None { get; } = new("", "", 0);

    /// <summary>Whether these are deals without a counted lead.</summary>
    public bool IsLeadless => (Flags & WithoutLead) != 0;

    /// <summary>The group as the sheet shows it.</summary>
    public SheetGroup Group => new((Flags & HasSegment) != 0 ? Segment : null, (Flags & HasLeadType) != 0 ? LeadType : null, (Flags & IsMarketing) != 0);
}

/// <summary>
/// A lead's row of sheet_lead_facts: its group, the month of its cohort (null: it never entered the
/// funnel's first stage), how many stages it reached (the figures' Reached is that many ones, then
/// zeros), whether it is a customer, priced and still open, its priced revenue in ten-thousandths,
/// its sales cycle in seconds and the month of its first win (null: no won deal has closed).
/// </summary>
public sealed record SheetLeadFact(string Source, string LeadId, SheetGroupKey Group, long? CohortMonth, long Depth, bool Customer, bool Priced, bool StillOpen,
    long RevenueE4, long CycleSeconds, long? WinMonth);

/// <summary>
/// A deal's row of sheet_deal_facts: the lead whose refresh wrote it (<see cref="Owner"/>), whether
/// it is in another currency, and for a won deal that counts for the revenue by close the month it
/// closed, its group and its amount in ten-thousandths (null: unknown).
/// </summary>
public sealed record SheetDealFact(string Source, string DealId, string Owner, bool OtherCurrency, long? WonMonth, SheetGroupKey Group, long? AmountE4);

/// <summary>A lead row as the sheet facts read it.</summary>
internal sealed record RawLead(string Id, Instant CreatedAt, string? Segment, string? LeadType, bool Deleted, string? MergedInto)
{
    public bool Live => !Deleted && MergedInto is null;
}

/// <summary>A deal row as the sheet facts read it.</summary>
internal sealed record RawDeal(string Id, string? LeadId, long? AmountE4, string? Currency, string Status, long? ClosedAt);

/// <summary>How a lead key's records count (see <see cref="SheetFactRows.Derive"/>).</summary>
internal enum UnitKind
{
    /// <summary>A lead neither deleted nor merged away: its records and those of the leads merged into it.</summary>
    Live,

    /// <summary>Deals without a lead (the key's id is '') or of a lead never stored: they count in the group without a lead.</summary>
    Leadless,

    /// <summary>A deleted lead, or one merged into a lead that is not counted: its deals count for nothing but the other-currency count.</summary>
    Excluded,

    /// <summary>A lead merged into a counted lead: its records are that lead's.</summary>
    Absorbed,
}

/// <summary>
/// Derives the sheet facts of one lead key from its records, with the tracking sheet's own
/// functions (<see cref="TrackingSheet.LeadFigures"/>, <see cref="TrackingSheet.CohortEntry"/>,
/// <see cref="TrackingSheet.FirstWin"/>) and <see cref="SheetReader"/>'s rules: a deleted lead and its
/// deals are left out, a merged lead's stage changes and deals belong to the lead it was merged into
/// (one hop), a deal without a stored lead counts without a lead, and a deal in another currency is
/// only counted as such.
/// </summary>
internal static class SheetFactRows
{
    /// <summary>The facts of the lead key (<paramref name="source"/>, <paramref name="id"/>).</summary>
    /// <param name="terms">The agreement's terms.</param>
    /// <param name="source">The key's source.</param>
    /// <param name="id">The key's id ('' for the source's deals without a lead).</param>
    /// <param name="kind">How the key's records count.</param>
    /// <param name="lead">The lead row (for <see cref="UnitKind.Live"/>).</param>
    /// <param name="stages">The first time each recorded stage was entered, under the lead and the leads merged into it (for <see cref="UnitKind.Live"/>).</param>
    /// <param name="deals">The deals the key owns: for a live lead its own and those of the leads merged into it, else those under the key's id.</param>
    public static (SheetLeadFact? Lead, List<SheetDealFact> Deals) Derive(SheetTerms terms, string source, string id, UnitKind kind, RawLead? lead,
        IEnumerable<(string Stage, long At)> stages, IEnumerable<RawDeal> deals)
    {
        var group = kind == UnitKind.Live ? SheetGroupKey.Of(lead!.Segment, lead.LeadType, terms.Marketing(lead.LeadType)) : SheetGroupKey.Leadless;
        var facts = new List<SheetDealFact>();
        var counted = new List<SheetDeal>();
        foreach (var deal in deals)
        {
            if (terms.OtherCurrency(deal.Currency))
            {
                facts.Add(new SheetDealFact(source, deal.Id, id, true, null, SheetGroupKey.None, null));
                continue;
            }
            var won = deal.Status == "won";
            var closed = deal.ClosedAt is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : (Instant?)null;
            var counts = kind is UnitKind.Live or UnitKind.Leadless;
            if (kind == UnitKind.Live)
                counted.Add(new SheetDeal(id, deal.AmountE4 is { } amount ? new Fraction(amount, 10_000) : null, won, deal.Status == "lost", closed));
            facts.Add(counts && won && closed is { } at
                ? new SheetDealFact(source, deal.Id, id, false, terms.MonthOf(at), group, deal.AmountE4)
                : new SheetDealFact(source, deal.Id, id, false, null, SheetGroupKey.None, null));
        }
        if (kind != UnitKind.Live) return (null, facts);

        var entered = new Dictionary<string, Instant>(StringComparer.OrdinalIgnoreCase);
        foreach (var (recorded, ms) in stages)
        {
            var stage = SheetReader.StageName(terms.Funnel, recorded);
            var at = Instant.FromUnixTimeMilliseconds(ms);
            if (!entered.TryGetValue(stage, out var earlier) || at < earlier) entered[stage] = at;
        }
        var sheetLead = new SheetLead(id, lead!.CreatedAt, lead.Segment, lead.LeadType, group.Group.Marketing, entered);
        var cohort = TrackingSheet.CohortEntry(sheetLead, terms.Funnel[0]);
        var firstWin = TrackingSheet.FirstWin(counted);
        if (cohort is null && firstWin is null) return (null, facts);
        var figures = TrackingSheet.LeadFigures(sheetLead, counted, terms.Funnel);
        var depth = figures.Reached.TakeWhile(r => r == 1).Count();
        if (figures.Reached.Skip(depth).Any(r => r != 0)) throw new InvalidOperationException($"lead {id}: the stages reached are not a prefix of the funnel");
        var revenue = figures.PricedRevenue * 10_000;
        if (!revenue.IsInteger) throw new InvalidOperationException($"lead {id}: a revenue in ten-thousandths is not whole");
        return (new SheetLeadFact(source, id, group, cohort is { } c ? terms.MonthOf(c) : null, depth, figures.Customers == 1, figures.PricedCustomers == 1,
            figures.StillOpen == 1, (long)revenue.Numerator, firstWin is { } w ? TrackingSheet.CycleSeconds(lead.CreatedAt, w) : 0, firstWin is { } f ? terms.MonthOf(f) : null), facts);
    }
}
