using System.Globalization;
using Tandem.Cli.Commands;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Tandem.Reports;

namespace Tandem.Cli.Output;

/// <summary>The human-readable form of <c>tandem plan</c>: the goal, the funnel, segments, lead types.</summary>
public static class PlanTable
{
    /// <summary>Writes the plan.</summary>
    public static void Write(TextWriter output, MarketingPlan plan, PlanContext context, IReadOnlyList<GoalLinePoint>? daily)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var input = plan.Input;
        var currency = context.Currency is { } c ? $" ({c})" : "";
        output.WriteLine(input.Goal == GoalKind.Value
            ? $"Marketing plan{currency}: a lead value goal"
            : $"Marketing plan{currency}");
        var summary = new TextTable("", "")
            .Row("Quota", Money(input.Quota))
            .Row("Marketing share", input.MarketingShare.ToString())
            .Row(input.Goal == GoalKind.Value ? "Lead value goal" : "Marketing revenue goal", Money(plan.MarketingRevenueGoal));
        if (input.DealSize is { } dealSize && input.Goal == GoalKind.Count)
            summary.Row("Average deal size", input.UsesDefaultDealSize ? Money(dealSize) : $"{Money(dealSize)} (not used: every segment has its own)");
        if (plan.Total.Customers is { } customers) summary.Row("Customers needed", Figures.CountWithExact(customers, plan.Total.CustomersExact));
        summary.Row("Leads needed", Figures.CountWithExact(plan.Total.LeadsNeeded, plan.Total.LeadsExact));
        summary.Row("Value per lead", plan.Total.ValuePerLead is { } v ? Money(v) : "n/a (no leads needed)");
        if (plan.PlannedLeadValue is { } planned) summary.Row("Lead value planned", Money(planned));
        if (context.Period is { } period)
        {
            summary.Row("Period", period.ToString());
            summary.Row("Leads bought in", context.SalesCycle == 0
                ? $"{context.LeadPeriod} (sales cycle under one period)"
                : $"{context.LeadPeriod} (sales cycle {context.SalesCycle} period{(context.SalesCycle == 1 ? "" : "s")})");
        }
        summary.Row("Tolerance", context.Tolerance.ToString());
        summary.Write(output);

        if (plan.Total.Stages.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Funnel");
            WriteStages(output, plan.Total.Stages, SingleFunnel(plan.Cells), plan.Total.Customers, plan.Total.CustomersExact, plan.Cells.Count > 1);
        }

        if (plan.Segments.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Segments");
            var table = new TextTable("Segment", "Share", "Revenue goal", "Deal size", "Customers", "Leads", "Value/lead");
            for (var i = 0; i < plan.Segments.Count; i++)
            {
                var part = plan.Segments[i];
                var cell = plan.Cells.First(x => x.Segment == part.Name);
                table.Row(part.Name, input.Segments[i].Share.ToString(), Money(part.RevenueGoal),
                    cell.DealSize is { } d ? Money(d) : "", part.Customers is { } n ? Figures.CountWithExact(n, part.CustomersExact) : "",
                    Figures.CountWithExact(part.LeadsNeeded, part.LeadsExact), part.ValuePerLead is { } v2 ? Money(v2) : "n/a");
            }
            table.Row("Total", "100%", Money(plan.MarketingRevenueGoal), "", plan.Total.Customers is { } t ? Figures.CountWithExact(t, plan.Total.CustomersExact) : "",
                Figures.CountWithExact(plan.Total.LeadsNeeded, plan.Total.LeadsExact), plan.Total.ValuePerLead is { } v3 ? Money(v3) : "n/a");
            table.Write(output);
        }

        if (plan.LeadTypes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Lead types");
            var table = new TextTable("Lead type", "Mix", "Value", "Goal", "Customers", "Leads", "Value/lead");
            foreach (var part in plan.LeadTypes)
            {
                var (type, mix) = input.PlannedLeadTypes.First(t => t.Type.Name == part.Name);
                table.Row(part.Name, mix.ToString(), type.Value is { } value ? Money(value) : "", Money(part.RevenueGoal),
                    part.Customers is { } n ? Figures.CountWithExact(n, part.CustomersExact) : "", Figures.CountWithExact(part.LeadsNeeded, part.LeadsExact),
                    part.ValuePerLead is { } perLead ? Money(perLead) : "n/a");
            }
            table.Write(output);
        }

        if (daily is not null)
        {
            output.WriteLine();
            output.WriteLine($"Daily goal line ({(context.Pacing == PacingBasis.WorkingDays ? "working days" : "calendar days")}, band {context.Tolerance})");
            var table = new TextTable("Date", "Day", "Goal", "Lower", "Upper");
            foreach (var p in daily)
                table.Row(p.Date.ToString("ddd uuuu-MM-dd", CultureInfo.InvariantCulture), p.Day.ToString(CultureInfo.InvariantCulture),
                    Decimal(p.Goal), Decimal(p.Lower), Decimal(p.Upper));
            table.Write(output);
        }
    }

    private static void WriteStages(TextWriter output, IReadOnlyList<StageCount> stages, Funnel? funnel, long? customers, Fraction? customersExact, bool summed)
    {
        var table = new TextTable("Stage", "Rate to next", "Count", "Exact");
        foreach (var stage in stages)
            table.Row(stage.Name, funnel?.Stages.FirstOrDefault(s => s.Name == stage.Name)?.Rate.ToString() ?? "(varies)", Count(stage.Count), Figures.Exact(stage.Exact));
        if (customers is { } n) table.Row(Funnel.CustomerStage, "", Count(n), Figures.Exact(customersExact));
        table.Write(output);
        output.WriteLine((summed ? "Exact: the unrounded need, summed over segments and lead types." : "Exact: the unrounded need.")
            + (funnel is null
                ? " Customers = exact rounded up; each stage above = the next stage's count x its exact / the next stage's exact, rounded up."
                : " Customers = exact rounded up; each stage above = the next stage's count / its rate, rounded up."));
    }

    private static Funnel? SingleFunnel(IReadOnlyList<PlanCell> cells) =>
        cells.Select(c => c.Funnel).Distinct().Count() == 1 ? cells[0].Funnel : null;

    private static string Money(Fraction value) => value.ToDecimal(2).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Decimal(Fraction value) => value.ToDecimal(2).ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);
}
