using System.Globalization;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Output;

/// <summary>
/// How the report tables print figures: a figure nothing was measured for is <c>-</c>, never 0;
/// and the period a report covers when <c>--period</c> is not given.
/// </summary>
public static class ReportCells
{
    /// <summary>A whole count, with thousands separators.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals.</summary>
    public static string Percent(Fraction? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToDecimal(decimals).ToString(decimals == 1 ? "0.0" : "0.##", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>An amount with two decimals.</summary>
    public static string Money(Fraction? amount) => amount is { } a ? a.ToDecimal(2).ToString("#,##0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>A number with one decimal (days, minutes, averages).</summary>
    public static string Decimal1(Fraction? value) => value is { } v ? v.ToDecimal(1).ToString("#,##0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>The period <paramref name="flag"/> names, else the one of the agreement's kind containing <paramref name="now"/> in its zone.</summary>
    public static Period PeriodOf(string? flag, Agreement agreement, Instant now)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return flag is not null ? Period.Parse(flag, "--period") : Period.Containing(now.InZone(agreement.Calendar.Zone).Date, agreement.Period.Kind);
    }

    /// <summary>A query's refusal of an unknown segment, as the usage error of <c>--segment</c>.</summary>
    public static CliUsageException SegmentProblem(ArgumentException error) =>
        new($"--segment: {(error ?? throw new ArgumentNullException(nameof(error))).Message.Split(" (Parameter")[0]}");
}
