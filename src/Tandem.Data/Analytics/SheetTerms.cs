using System.Text;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Planning;

namespace Tandem.Data.Analytics;

/// <summary>
/// What of an agreement the tracking sheet's figures depend on, as <see cref="SheetReader"/> applies
/// it: the funnel's stages (the first is the cohort stage), the time zone that says which month a
/// moment falls in, the currency whose deals count, and which lead types are marketing's. The sheet
/// facts are derived under one set of terms, whose <see cref="Hash"/> is stored with them; a reader
/// with an agreement of other terms reads the raw records instead.
/// </summary>
public sealed class SheetTerms
{
    /// <summary>Bumped when the facts' derivation changes, so facts of an older build are rebuilt, never misread.</summary>
    // 2: a win before the lead was created is a zero cycle, not a negative one.
    private const string Version = "sheet-facts 2";

    private readonly bool _everyLead;
    private readonly HashSet<string> _marketing;

    private SheetTerms(IReadOnlyList<string> funnel, DateTimeZone zone, string currency, bool everyLead, HashSet<string> marketing)
    {
        (Funnel, Zone, Currency, _everyLead, _marketing) = (funnel, zone, currency, everyLead, marketing);
        var text = new StringBuilder(Version).Append('\n')
            .AppendJoin('\u001f', funnel).Append('\n')
            .Append(zone.Id).Append('\n')
            .Append(currency.ToUpperInvariant()).Append('\n')
            .Append(everyLead ? "*" : string.Join('\u001f', marketing.Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal)));
        // FNV-1a over the UTF-8 text: stable across processes, builds and engines.
        var hash = unchecked((long)14695981039346656037UL);
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString())) hash = unchecked((hash ^ b) * 1099511628211L);
        Hash = hash;
    }

    /// <summary>The funnel's stage names, first the one marketing delivers into.</summary>
    public IReadOnlyList<string> Funnel { get; }

    /// <summary>The agreement's time zone: a period's boundaries fall at midnight in it.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The agreement's currency: deals in another one are left out (and counted).</summary>
    public string Currency { get; }

    /// <summary>A hash of the terms, stored with the facts derived under them.</summary>
    public long Hash { get; }

    /// <summary>The terms of <paramref name="agreement"/>.</summary>
    public static SheetTerms Of(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var marketing = agreement.Plan.LeadTypes.Where(t => t.Origin == LeadOrigin.Marketing).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // An agreement without lead types makes no distinction: every lead is marketing's.
        return new SheetTerms(SheetReader.FunnelOf(agreement), agreement.Calendar.Zone, agreement.Currency, agreement.Plan.LeadTypes.Count == 0, marketing);
    }

    /// <summary>Whether a lead of <paramref name="leadType"/> is marketing-generated.</summary>
    public bool Marketing(string? leadType) => _everyLead || (leadType is not null && _marketing.Contains(leadType.Trim()));

    /// <summary>Whether a deal in <paramref name="currency"/> (null: none given, taken as the agreement's) is left out.</summary>
    public bool OtherCurrency(string? currency) => currency is not null && !string.Equals(currency, Currency, StringComparison.OrdinalIgnoreCase);

    /// <summary>The month (year * 12 + month - 1) in which <paramref name="at"/> falls, in the agreement's zone.</summary>
    public long MonthOf(Instant at) => MonthOf(at.InZone(Zone).Date);

    /// <summary>The month number of <paramref name="date"/>: year * 12 + month - 1.</summary>
    public static long MonthOf(LocalDate date) => date.Year * 12L + date.Month - 1;
}
