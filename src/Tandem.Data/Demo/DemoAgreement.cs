using System.Globalization;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Domain.Planning;

namespace Tandem.Data.Demo;

/// <summary>The demo company's agreement file: its segments, lead types, calendar and commitments, for the as-of month.</summary>
public static class DemoAgreement
{
    /// <summary>The file text.</summary>
    public static string Text(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Write(options, QuotaFor(options));
    }

    /// <summary>
    /// The quota, in tens of thousands, whose plan asks for as many MQLs as the demo's marketing
    /// leads bring in an average month. The flow grows through the history (see
    /// <see cref="DemoGenerator"/>), so against one goal the early months fall short of the band,
    /// the middle ones meet it and the late ones overshoot it: the scorecard shows all three.
    /// </summary>
    private static long QuotaFor(DemoOptions options)
    {
        var monthlyLeads = (double)Math.Max(1, options.Leads) / Math.Max(1, options.Months);
        var mqlsPerLead = DemoCatalog.LeadTypes.Where(t => t.Marketing).Sum(t => t.LeadShare * t.MqlRate);
        var flow = monthlyLeads * mqlsPerLead;
        var plan = AgreementFile.Parse(Write(options, Reference), "demo agreement").Plan;
        long Goal(long quota) => PlanCalculator.Compute(new PlanInput(quota, plan.MarketingShare, plan.DealSize, plan.Funnel, plan.Goal, plan.Segments, plan.LeadTypes)).Total.LeadsNeeded;
        // The goal is nearly proportional to the quota; the rounding of the totals decides between neighbours.
        var estimate = (long)Math.Round(flow * Reference / Goal(Reference) / Step);
        return Enumerable.Range(-1, 3).Select(k => Math.Max(1, estimate + k) * Step).Distinct()
            .OrderBy(q => Math.Abs(Goal(q) - flow)).ThenBy(q => q).First();
    }

    private const long Step = 10_000;

    private const long Reference = 1_000_000;

    private static string Write(DemoOptions options, long quota)
    {
        var month = options.AsOf.InUtc().Date;
        return string.Create(CultureInfo.InvariantCulture, $"""
            # Demo agreement written by `tandem demo generate` (seed {options.Seed}). Edit freely.
            schemaVersion: 1
            name: Demo Co marketing and sales SLA
            period: "{month.Year:0000}-{month.Month:00}"
            currency: USD
            quota: {quota}
            marketingShare: 70%
            dealSize: 9000
            goal: count
            tolerance: 10%
            pacing: working-days
            salesCycle: 1
            funnel:
              - stage: MQL
                rate: 1/4
              - stage: SQL
                rate: 40%
              - stage: Opportunity
                rate: 30%
            segments:
              - name: SMB
                share: 30%
                dealSize: 2400
              - name: Mid-Market
                share: 40%
                dealSize: 12000
              - name: Enterprise
                share: 30%
                dealSize: 60000
            leadTypes:
              - name: Demo request
                generatedBy: marketing
                quality: high
                mix: 15%
              - name: Webinar
                generatedBy: marketing
                quality: medium
                mix: 25%
              - name: Ebook
                generatedBy: marketing
                quality: low
                mix: 40%
              - name: Paid social
                generatedBy: marketing
                quality: low
                mix: 20%
              - name: Outbound
                generatedBy: sales
            calendar:
              timeZone: America/New_York
              workingHours:
                weekdays: ["09:00-12:30", "13:30-17:30"]
              holidays:
                - "01-01"
                - "07-04"
                - "12-25"
            sales:
              handoffStage: MQL
              speed:
                firstTouchWithin: 30 minutes
                clock: working
              depth:
                attempts: 6
                days: calendar
                cadence:
                  - attempts: 3
                    within: 14 days
                  - attempts: 5
                    within: 28 days
                  - attempts: 6
                    within: 56 days
            deliverables:
              content:
                pieces:
                  - kind: blog post
                    count: 4
                    per: month
                  - kind: white paper
                    count: 2
                    per: month
                  - kind: case study
                    count: 1
                    per: month
                use:
                  touches: 1
                  within: 30 days
              campaigns:
                launches:
                  count: 3
                  per: quarter
                followUp:
                  within: 48 hours
                  clock: wall
              reports:
                deliver:
                  count: 1
                  per: week
                feedback:
                  within: 7 days
              training:
                session:
                  before: 7 days
                attendance:
                  required: 90%

            """);
    }
}
