using System.Globalization;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;

namespace Tandem.Reports;

/// <summary>One term of the agreement in plain words. <paramref name="Key"/> stays the same across versions, so two versions compare term by term.</summary>
public sealed record DocumentTerm(string Key, string Text);

/// <summary>A heading and its terms.</summary>
public sealed record DocumentSection(string Heading, IReadOnlyList<DocumentTerm> Terms);

/// <summary>
/// The agreement as people read and sign it: who commits to what, how it is measured, and what
/// happens when it is missed, in plain sentences computed from the agreement itself (the lead goal
/// is the plan's exact figure, not a number typed twice).
/// </summary>
public sealed record AgreementDocument(string Title, string Covers, IReadOnlyList<DocumentSection> Sections)
{
    /// <summary>Builds the document of <paramref name="agreement"/>.</summary>
    public static AgreementDocument Build(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var sections = new List<DocumentSection>
        {
            new("Who agrees", Parties(agreement)),
            new("What marketing commits to", Marketing(agreement)),
            new("What sales commits to", Sales(agreement)),
        };
        if (DeliverableTerms.Of(agreement) is { Count: > 0 } deliverables) sections.Add(new(DeliverableTerms.Heading, deliverables));
        sections.AddRange(
        [
            new("How it is measured", Measured(agreement)),
            new("When a commitment is missed", Missed(agreement)),
        ]);
        if (agreement.Capacity is { } capacity) sections.Add(new("Sales capacity", Capacity(capacity)));
        sections.Add(new("Review", [new("review", $"Both teams review this agreement {Every(agreement.ReviewMonths)}, and at the end of each period against the results. "
            + (agreement.Signatories.Any(s => s.Email is not null)
                ? $"Tandem reminds {Join(agreement.Signatories.Where(s => s.Email is not null).Select(s => s.Name))} when a review is due."
                : "Give the signatories an e-mail address for Tandem to remind them when a review is due."))]));
        return new AgreementDocument(agreement.Name, $"For {PeriodWords(agreement.Period)} onwards, in {agreement.Currency}", sections);
    }

    /// <summary>Every term, section by section.</summary>
    public IEnumerable<DocumentTerm> Terms => Sections.SelectMany(s => s.Terms);

    /// <summary>The document as plain text, for the terminal and e-mail.</summary>
    public string ToText()
    {
        var w = new System.Text.StringBuilder();
        w.Append(Title).Append('\n').Append(Covers).Append('\n');
        foreach (var section in Sections)
        {
            w.Append('\n').Append(section.Heading).Append('\n').Append(new string('-', section.Heading.Length)).Append('\n');
            foreach (var term in section.Terms) w.Append("- ").Append(term.Text).Append('\n');
        }
        return w.ToString();
    }

    private static List<DocumentTerm> Parties(Agreement agreement)
    {
        if (agreement.Signatories.Count == 0)
            return [new("parties", "The marketing team and the sales team. This agreement names no signatories, so it takes effect without signatures.")];
        var terms = new List<DocumentTerm>();
        foreach (var side in new[] { Side.Marketing, Side.Sales })
            terms.Add(new($"parties.{Signatory.Word(side)}", $"For {Signatory.Word(side)}: " + Join(agreement.Signatories.Where(s => s.Side == side)
                .Select(s => s.Title is null ? s.Name : $"{s.Name} ({s.Title})")) + "."));
        terms.Add(new("parties.signing", "The agreement takes effect once every person named here has signed this exact text; any later change is signed again."));
        return terms;
    }

    private static List<DocumentTerm> Marketing(Agreement agreement)
    {
        var input = agreement.Plan;
        var plan = PlanCalculator.Compute(input);
        var currency = agreement.Currency;
        var stage = StageOf(input);
        var value = input.Goal == GoalKind.Value;
        var terms = new List<DocumentTerm>();
        if (value)
            terms.Add(new("marketing.goal", $"Marketing delivers leads worth {Amount(plan.MarketingRevenueGoal)} {currency} in lead value each {Kind(agreement)}: {Figures.Count(plan.Total.LeadsNeeded)} leads at the lead types' values."));
        else
            terms.Add(new("marketing.goal", $"Marketing delivers {Figures.Count(plan.Total.LeadsNeeded)} {stage}s each {Kind(agreement)}."));
        // Only the inputs that change the figures are named: a default deal size or funnel that every segment or lead type overrides is left out.
        terms.Add(new("marketing.basis", $"This is worked out from sales' revenue quota of {Amount(input.Quota)} {currency}, "
            + $"{input.MarketingShare} of it expected from marketing's leads (a goal of {Amount(plan.MarketingRevenueGoal)} {currency})"
            + (input.UsesDefaultDealSize ? $", an average deal size of {Amount(input.DealSize!.Value)} {currency}" : "")
            + (input.UsesDefaultFunnel ? $", and the funnel {FunnelWords(input.Funnel!)}" : "") + "."));
        foreach (var segment in plan.Segments)
        {
            var definition = input.Segments.First(s => s.Name == segment.Name);
            var own = new List<string>();
            if (!value && definition.DealSize is { } deal) own.Add($"deals of {Amount(deal)} {currency} on average");
            if (!value && definition.Funnel is { } funnel && (input.PlannedLeadTypes.Count == 0 || input.PlannedLeadTypes.Any(t => t.Type.Funnel is null)))
                own.Add($"the funnel {FunnelWords(funnel)}");
            terms.Add(new($"marketing.segment.{segment.Name}", $"{segment.Name}: {definition.Share} of the goal ({Amount(segment.RevenueGoal)} {currency})"
                + (own.Count > 0 ? $", {Join(own)}" : "") + ": " + Needs(segment, stage, value) + "."));
        }
        foreach (var type in plan.LeadTypes)
        {
            var (definition, mix) = input.PlannedLeadTypes.First(t => t.Type.Name == type.Name);
            var own = new List<string>();
            if (value) own.Add($"{Amount(definition.Value!.Value)} {currency} a lead");
            else if (definition.Funnel is { } funnel) own.Add($"the funnel {FunnelWords(funnel)}");
            terms.Add(new($"marketing.leadType.{type.Name}", $"{type.Name}: {mix} of {(plan.Segments.Count > 0 ? "each segment's" : "the")} goal"
                + (own.Count > 0 ? $", {Join(own)}" : "") + ": " + Needs(type, stage, value) + "."));
        }
        terms.Add(new("marketing.rule", RuleWords(plan, currency)));
        foreach (var type in input.LeadTypes.Where(t => t.Origin == LeadOrigin.Sales))
            terms.Add(new($"marketing.salesType.{type.Name}", $"{type.Name} leads are sales' own prospecting and do not count towards marketing's goal."));
        terms.Add(new("marketing.tolerance", $"Within {agreement.Tolerance.Band} of the goal is on track; further below is a shortfall and further above is flagged too, since sales may not be able to follow up the excess."));
        terms.Add(new("marketing.pacing", agreement.Pacing == PacingBasis.WorkingDays
            ? "Progress during the period is judged against a goal line spread evenly over the working days."
            : "Progress during the period is judged against a goal line spread evenly over the calendar days."));
        if (agreement.SalesCyclePeriods > 0)
            terms.Add(new("marketing.cycle", $"Leads take about {agreement.SalesCyclePeriods} {Kind(agreement)}(s) to close, so this {Kind(agreement)}'s leads feed the revenue of {agreement.SalesCyclePeriods} {Kind(agreement)}(s) later."));
        return terms;
    }

    private static List<DocumentTerm> Sales(Agreement agreement)
    {
        var sales = agreement.Sales;
        var terms = new List<DocumentTerm>
        {
            new("sales.handoff", $"A lead is handed to sales when it enters {sales.HandoffStage} with an owner rep; the clocks start then."),
            new("sales.speed", $"Sales makes the first touch within {SpeedWords(sales.Speed)} of the handoff."),
            new("sales.depth", $"Sales keeps trying until the lead is reached: {DepthWords(sales.Depth)}."),
        };
        foreach (var rule in sales.Rules)
        {
            var who = Join(new[] { rule.Segment is { } s ? $"segment {s}" : null, rule.LeadType is { } t ? $"lead type {t}" : null, rule.Tier is { } q ? $"quality {q}" : null }
                .OfType<string>());
            var parts = new List<string>();
            if (rule.Speed is { } speed) parts.Add($"first touch within {SpeedWords(speed)}");
            if (rule.Depth is { } depth) parts.Add(DepthWords(depth));
            terms.Add(new($"sales.rule.{rule.Name}", $"{rule.Name}: leads of {(who.Length == 0 ? "every kind" : who)} get {Join(parts)}."));
        }
        terms.Add(new("sales.reassign", sales.ResetOnReassign
            ? "Handing a lead to another rep starts its clocks again."
            : "Handing a lead to another rep does not stop or restart its clocks."));
        return terms;
    }

    private static List<DocumentTerm> Measured(Agreement agreement)
    {
        var terms = new List<DocumentTerm>
        {
            new("measured.calendar", $"Working time is {CalendarWords(agreement.Calendar)}."),
        };
        foreach (var team in agreement.Teams)
            terms.Add(new($"measured.team.{team.Name}", $"Team {team.Name} works {CalendarWords(team.Calendar)}"
                + (team.Segments.Count > 0 ? $", on {Join(team.Segments)}." : ".")));
        terms.Add(new("measured.records", "Leads, stage changes and touches (calls, e-mails, meetings) come from the CRM's records; each touch counts once, and one in another rep's name counts for the lead's owner."));
        terms.Add(new("measured.reports", "Tandem shows both sides every day: marketing's delivery against the goal line, and each rep's speed and depth against these terms."));
        return terms;
    }

    private static List<DocumentTerm> Missed(Agreement agreement) =>
    [
        new("missed.warning", $"A warning goes to the rep once {agreement.Sales.WarnAt} of a lead's allowed time has passed, while the lead can still be saved."),
        new("missed.breach", "A lead not followed up in time is a breach: it goes to the breach queue and to the rep and their manager. A manager acknowledges it, or excuses it with a reason; excused breaches are counted apart on the scorecard."),
        new("missed.marketing", "A period in which marketing delivers outside the band is marked on the scorecard, with the shortfall or excess."),
        new("missed.recalibration", "At the end of each period Tandem proposes next period's numbers from the results; the proposal becomes a new draft of this agreement, which both teams sign again."),
    ];

    private static List<DocumentTerm> Capacity(Domain.Capacity.CapacitySettings capacity)
    {
        var terms = new List<DocumentTerm>
        {
            new("capacity.minutes", capacity.ChannelMinutes.Count == 0
                ? $"An attempt takes {Figures.Number(capacity.DefaultMinutes)} minutes."
                : $"An attempt takes {Join(capacity.ChannelMinutes.Select(c => $"{Figures.Number(c.Value)} minutes by {c.Key}"))}, otherwise {Figures.Number(capacity.DefaultMinutes)} minutes."),
        };
        if (capacity.Ramp.Count > 0)
            terms.Add(new("capacity.ramp", $"A new rep works {Join(capacity.Ramp.Select(r => r.ToString()))} of a full load in their first months."));
        if (capacity.Team is { } team)
            terms.Add(new("capacity.team", $"Sales has {team.Reps} reps working {Figures.Number(team.HoursPerWeek)} hours a week, {team.MarketingShare} of it on marketing's leads."));
        return terms;
    }

    /// <summary>Whole amounts without cents (500,000), others with them (1,999.50).</summary>
    private static string Amount(Fraction amount) =>
        amount.ToDecimal(2) is var d && d == decimal.Truncate(d) ? d.ToString("#,##0", CultureInfo.InvariantCulture) : d.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string StageOf(PlanInput input) =>
        (input.Funnel ?? input.Segments.Select(s => s.Funnel).Concat(input.LeadTypes.Select(t => t.Funnel)).FirstOrDefault(f => f is not null)) is { Stages.Count: > 0 } funnel
            ? funnel.Stages[0].Name
            : "lead";

    /// <summary>"260 MQLs and 8 customers (exactly 233.33 and 7)": what a part is asked for, beside what it exactly needs.</summary>
    private static string Needs(PlanPart part, string stage, bool value) => value
        ? $"{Figures.Count(part.LeadsNeeded)} leads (exactly {Figures.Exact(part.LeadsExact)})"
        : $"{Figures.Count(part.LeadsNeeded)} {stage}s and {Figures.Count(part.Customers)} customer{(part.Customers == 1 ? "" : "s")} (exactly {Figures.Exact(part.LeadsExact)} and {Figures.Exact(part.CustomersExact)})";

    /// <summary>
    /// The rule in words with this plan's own figures, so a signatory can work every number out by
    /// hand: exact needs per part, summed, rounded once on the totals, then shared out.
    /// </summary>
    private static string RuleWords(MarketingPlan plan, string currency)
    {
        var input = plan.Input;
        var total = plan.Total;
        var several = plan.Cells.Count > 1;
        var first = plan.Cells[0];
        var firstName = first.Segment is { } segment && first.LeadType is { } type ? $"{segment}'s {type}" : first.Segment ?? first.LeadType;
        var pairs = plan.Segments.Count > 0 && plan.LeadTypes.Count > 0;
        var parts = pairs ? "each segment's lead types" : plan.Segments.Count > 0 ? "the segments" : "the lead types";
        var share = pairs ? "each segment's share of the goal, split by the lead types' mix,"
            : plan.Segments.Count > 0 ? "each segment's share of the goal"
            : plan.LeadTypes.Count > 0 ? "each lead type's share of the goal (its mix)"
            : "the goal";
        var example = several
            ? $" ({firstName}: {Amount(first.Figures.RevenueGoal)} {currency} / {Amount(input.Goal == GoalKind.Value ? first.LeadValue!.Value : first.DealSize!.Value)} = {Figures.Exact(input.Goal == GoalKind.Value ? first.Figures.LeadsExact : first.Figures.CustomersExact)})"
            : "";
        var shared = several
            ? $" Each total is then shared among {parts} in proportion to their exact needs: each gets its share rounded down, and the units left over go to the largest fractions (on a tie, to the one listed first in the agreement)"
                + (pairs ? "; a segment's or a lead type's figure is the sum of its shares." : ".")
            : "";
        if (input.Goal == GoalKind.Value)
            return $"How the figures are worked out: {share} divided by the lead type's value per lead gives the exact leads it needs{example}. "
                + $"These add up to {Figures.Exact(total.LeadsExact)} leads, rounded up once, on the total: {Figures.Count(total.LeadsNeeded)}.{shared}";
        var stages = total.Stages.Reverse().ToList();
        var exact = string.Join(", ", stages.Select(s => $"{s.Name} {Figures.Exact(s.Exact)}"));
        var whole = string.Join(", ", stages.Select(s => $"{s.Name} {Figures.Count(s.Count)}"));
        return $"How the figures are worked out: {share} divided by the deal size gives the exact customers it needs{example}; "
            + "walking up its funnel, each stage needs the next stage's exact figure divided by that step's rate. "
            + $"Added up, the exact needs are {Funnel.CustomerStage} {Figures.Exact(total.CustomersExact)}, {exact}. "
            + $"They are rounded up once, on the totals: {Funnel.CustomerStage} {Figures.Count(total.Customers)}; each stage above takes the next stage's total "
            + $"times its exact sum divided by the next stage's exact sum, rounded up: {whole}.{shared}";
    }

    private static string FunnelWords(Funnel funnel)
    {
        var steps = new List<string>();
        for (var i = 0; i < funnel.Stages.Count; i++)
        {
            var next = i + 1 < funnel.Stages.Count ? funnel.Stages[i + 1].Name : Funnel.CustomerStage;
            steps.Add($"{funnel.Stages[i].Name} to {next} {funnel.Stages[i].Rate}");
        }
        return Join(steps);
    }

    private static string SpeedWords(SpeedCommitment speed) =>
        (speed.Minutes % 60 == 0 ? (speed.Minutes == 60 ? "1 hour" : $"{speed.Minutes / 60} hours") : speed.Minutes == 1 ? "1 minute" : $"{speed.Minutes} minutes")
        + (speed.Clock == ClockKind.Working ? " of working time" : " (every minute counts, working hours or not)");

    private static string DepthWords(DepthCommitment depth)
    {
        var days = depth.Days == DayKind.Working ? "working days" : "days";
        var steps = depth.Cadence.Select(s => $"{depth.RequiredAt(s)} attempts within {s.WithinDays} {days}");
        return $"{Join(steps)}, and a lead not reached may be given up after {depth.TargetAttempts} attempts";
    }

    /// <summary>"Monday to Friday 09:00-17:00 (America/New_York), except 12-25".</summary>
    private static string CalendarWords(BusinessCalendar calendar)
    {
        var groups = new List<(List<IsoDayOfWeek> Days, string Hours)>();
        for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Sunday; d++)
        {
            if (!calendar.Week.TryGetValue(d, out var intervals)) continue;
            var hours = string.Join(" and ", intervals.Select(i => i.ToString()));
            if (groups.Count > 0 && groups[^1].Hours == hours && groups[^1].Days[^1] == d - 1) groups[^1].Days.Add(d);
            else groups.Add(([d], hours));
        }
        var week = Join(groups.Select(g => (g.Days.Count == 1 ? $"{g.Days[0]}" : $"{g.Days[0]} to {g.Days[^1]}") + " " + g.Hours));
        var holidays = calendar.Holidays.Count == 0 ? "" : $", except {Join(calendar.Holidays.Select(h => h.ToString()!))}";
        return $"{week} ({calendar.Zone.Id}){holidays}";
    }

    private static string PeriodWords(Domain.Periods.Period period) => period.ToString();

    private static string Kind(Agreement agreement) => agreement.Period.Kind.ToString().ToLowerInvariant();

    private static string Every(int months) => months switch
    {
        1 => "every month",
        3 => "every quarter",
        6 => "every six months",
        12 => "every year",
        _ => string.Create(CultureInfo.InvariantCulture, $"every {months} months"),
    };

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
