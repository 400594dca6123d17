using System.Text.RegularExpressions;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Periods;
using Tandem.Domain.Planning;

namespace Tandem.Domain.Agreements;

/// <summary>
/// The SLA between marketing and sales for a period: marketing's plan inputs (quota, share,
/// funnel, segments, lead types), how delivery is judged (tolerance, pacing), the business calendar
/// the clocks run on, and sales' commitments. One currency for every amount.
/// </summary>
public sealed partial class Agreement
{
    /// <summary>The agreement-file schema this model reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Creates and checks an agreement.</summary>
    /// <exception cref="InvalidInputException">A field is invalid.</exception>
    public Agreement(
        string name,
        Period period,
        string currency,
        PlanInput plan,
        Tolerance tolerance,
        PacingBasis pacing,
        int salesCyclePeriods,
        BusinessCalendar calendar,
        SalesCommitments sales,
        IReadOnlyList<Team>? teams = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidInputException("name", "is empty");
        if (!CurrencyPattern().IsMatch(currency ?? ""))
            throw new InvalidInputException("currency", $"'{currency}' is not a three-letter ISO 4217 code such as USD or EUR");
        if (salesCyclePeriods is < 0 or > 120)
            throw new InvalidInputException("salesCycle", $"must be 0 to 120 periods (got {salesCyclePeriods})");
        Name = name.Trim();
        Period = period;
        Currency = currency!;
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        Tolerance = tolerance;
        Pacing = pacing;
        SalesCyclePeriods = salesCyclePeriods;
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Sales = sales ?? throw new ArgumentNullException(nameof(sales));
        Teams = teams ?? [];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Teams.Count; i++)
            if (!names.Add(Teams[i].Name)) throw new InvalidInputException($"teams[{i + 1}].name", $"'{Teams[i].Name}' is used twice");
    }

    /// <summary>A human name for the agreement.</summary>
    public string Name { get; }

    /// <summary>The first period the agreement covers; its kind is the planning period (month, quarter, year).</summary>
    public Period Period { get; }

    /// <summary>ISO 4217 code of every amount.</summary>
    public string Currency { get; }

    /// <summary>Marketing-side plan inputs.</summary>
    public PlanInput Plan { get; private set; }

    /// <summary>The band around the goal that counts as on track.</summary>
    public Tolerance Tolerance { get; private set; }

    /// <summary>Whether the goal line spreads over calendar or working days.</summary>
    public PacingBasis Pacing { get; }

    /// <summary>Average sales cycle in whole periods: leads of period p feed revenue of p + cycle.</summary>
    public int SalesCyclePeriods { get; }

    /// <summary>The business calendar SLA clocks and period boundaries use.</summary>
    public BusinessCalendar Calendar { get; private set; }

    /// <summary>Sales' commitments.</summary>
    public SalesCommitments Sales { get; private set; }

    /// <summary>What sales capacity is worked out from (minutes per attempt, ramp, team size), or null when the agreement does not say.</summary>
    public Capacity.CapacitySettings? Capacity { get; init; }

    /// <summary>The commitments beyond leads, speed and depth: content, campaigns, reporting, training (none by default).</summary>
    public Deliverables.DeliverableCommitments Deliverables
    {
        get => _deliverables;
        init => _deliverables = value ?? throw new ArgumentNullException(nameof(value));
    }

    // A field rather than an auto-property so Revise can replace it on its copy.
    private Deliverables.DeliverableCommitments _deliverables = Tandem.Domain.Deliverables.DeliverableCommitments.None;

    /// <summary>Who signs for each side; empty when the agreement takes effect without signatures.</summary>
    public IReadOnlyList<Signatory> Signatories { get; init; } = [];

    /// <summary>How often the owners review the agreement, in months (quarterly by default).</summary>
    public int ReviewMonths { get; init; } = 3;

    /// <summary>Teams with their own calendars; a rep of no listed team uses <see cref="Calendar"/>.</summary>
    public IReadOnlyList<Team> Teams { get; }

    /// <summary>The calendar of the team named <paramref name="team"/> (ignoring case), or null when there is no such team.</summary>
    public BusinessCalendar? CalendarOfTeam(string team) =>
        Teams.FirstOrDefault(t => string.Equals(t.Name, team?.Trim(), StringComparison.OrdinalIgnoreCase))?.Calendar;

    /// <summary>
    /// The calendar a rep's clocks run on: their team's (else the agreement's), read in the rep's
    /// own time zone when they have one.
    /// </summary>
    public BusinessCalendar CalendarFor(string? team, NodaTime.DateTimeZone? repZone)
    {
        var calendar = (team is null ? null : CalendarOfTeam(team)) ?? Calendar;
        return repZone is null ? calendar : calendar.InZone(repZone);
    }

    /// <summary>
    /// This agreement with other plan inputs, tolerance, calendar, sales or deliverable commitments, and every
    /// other term exactly as it is: a revision (a recalibration's rates, an edit on the web). A
    /// copy of the whole, so a term added to the agreement later is carried over without listing it.
    /// Teams keep their own calendars.
    /// </summary>
    public Agreement Revise(PlanInput? plan = null, Tolerance? tolerance = null, BusinessCalendar? calendar = null, SalesCommitments? sales = null,
        Deliverables.DeliverableCommitments? deliverables = null)
    {
        var copy = (Agreement)MemberwiseClone();
        copy.Plan = plan ?? Plan;
        copy.Tolerance = tolerance ?? Tolerance;
        copy.Calendar = calendar ?? Calendar;
        copy.Sales = sales ?? Sales;
        copy._deliverables = deliverables ?? _deliverables;
        return copy;
    }

    /// <summary>The period whose leads feed this agreement's period's revenue.</summary>
    public Period LeadPeriod => LeadBuyingHorizon.LeadPeriodFor(Period, SalesCyclePeriods);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
