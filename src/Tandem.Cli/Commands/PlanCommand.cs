using Tandem.Data.Analytics;
using Tandem.Domain.Agreements;
using System.CommandLine;
using Tandem.Cli.Output;
using Tandem.Data.Agreements;
using Tandem.Domain.Pacing;
using Tandem.Domain.Periods;
using Tandem.Domain.Planning;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem plan</c>: the marketing side of the SLA from the quota and the funnel, given by flags,
/// by an agreement file (flags then override the file), or the seeds' worked example.
/// </summary>
public static class PlanCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new PlanOptions();
        var command = new Command("plan", "Compute the leads marketing must deliver for the quota: customers, each funnel stage, value per lead.");
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var request = options.Read(parse);
            var agreement = request.AgreementPath is { } path ? AgreementFile.Load(path) : null;
            var input = PlanInputBuilder.Build(request, agreement);
            var plan = PlanCalculator.Compute(input);
            var context = PlanContext.From(request, agreement);
            IReadOnlyList<GoalLinePoint>? daily = null;
            if (request.Daily)
            {
                var period = context.Period ?? throw new CliUsageException("--daily: needs a period: give --period (e.g. 2026-11) or an agreement");
                daily = GoalLine.Daily(GoalFor(plan), period, context.Tolerance, context.Pacing, context.Calendar);
            }
            if (request.Format == FormatOption.Json) PlanJson.Write(output, plan, context, daily);
            else PlanTable.Write(output, plan, context, daily);
            await WarnIfInfeasibleAsync(error, agreement, input, context, cancel).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// An agreement with a team size in its capacity section is checked against the plan: on stderr, so
    /// the JSON on stdout keeps its shape. (Reps in the store are counted by tandem capacity.)
    /// </summary>
    private static async Task WarnIfInfeasibleAsync(TextWriter error, Agreement? agreement, PlanInput input, PlanContext context, CancellationToken cancel)
    {
        if (agreement?.Capacity?.Team is null) return;
        var report = await CapacityQuery.RunAsync(null, agreement, input, context.Period ?? agreement.Period, NodaTime.SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
        foreach (var warning in CapacityCommand.Warnings(report!)) await error.WriteLineAsync($"tandem: warning: {warning}").ConfigureAwait(false);
    }

    // The goal line tracks what marketing is measured on: lead count, or lead value for value goals.
    private static Domain.Numbers.Fraction GoalFor(MarketingPlan plan) =>
        plan.Input.Goal == GoalKind.Value ? plan.MarketingRevenueGoal : plan.Total.LeadsNeeded;
}
