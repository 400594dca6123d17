using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Periods;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary>What surrounds a plan in the output: currency, period, horizon, tolerance and pacing.</summary>
/// <param name="Currency">ISO code, when an agreement gives one.</param>
/// <param name="Period">The period planned for, when known.</param>
/// <param name="SalesCycle">Sales cycle in whole periods.</param>
/// <param name="Tolerance">The on-track band.</param>
/// <param name="Pacing">Calendar- or working-day goal line.</param>
/// <param name="Calendar">Calendar for working-day pacing.</param>
public sealed record PlanContext(
    string? Currency,
    Period? Period,
    int SalesCycle,
    Tolerance Tolerance,
    PacingBasis Pacing,
    BusinessCalendar Calendar)
{
    /// <summary>The period whose leads feed the planned period's revenue.</summary>
    public Period? LeadPeriod => Period is { } p ? LeadBuyingHorizon.LeadPeriodFor(p, SalesCycle) : null;

    /// <summary>Reads the context from the flags and the agreement (flags win).</summary>
    /// <exception cref="InvalidInputException">A flag is malformed.</exception>
    public static PlanContext From(PlanRequest request, Agreement? agreement)
    {
        ArgumentNullException.ThrowIfNull(request);
        var period = request.Period is { } text ? Domain.Periods.Period.Parse(text, "--period") : agreement?.Period;
        var cycle = request.SalesCycle ?? agreement?.SalesCyclePeriods ?? 0;
        if (cycle is < 0 or > 120) throw new InvalidInputException("--sales-cycle", $"must be 0 to 120 periods (got {cycle})");
        return new PlanContext(
            agreement?.Currency,
            period,
            cycle,
            agreement?.Tolerance ?? Tolerance.Default,
            agreement?.Pacing ?? PacingBasis.CalendarDays,
            agreement?.Calendar ?? BusinessCalendar.Standard(DateTimeZone.Utc));
    }
}
