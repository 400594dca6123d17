using Tandem.Domain.Numbers;
using Tandem.Domain.Periods;

namespace Tandem.Domain.Analytics;

/// <summary>
/// The periods a recalibration learns from: <see cref="Length"/> periods ending just before the
/// last sales cycle's worth of periods before the target, whose leads have not had time to close.
/// For March 2013 with a 3-month cycle and a 6-month window: June to November 2012.
/// </summary>
public sealed record RecalibrationWindow(Period From, Period To, int Length)
{
    /// <summary>The smallest and largest window allowed.</summary>
    public const int MinLength = 6, MaxLength = 12;

    /// <summary>The window for <paramref name="target"/>.</summary>
    /// <exception cref="InvalidInputException">The window is outside 6-12 periods, or the cycle is negative.</exception>
    public static RecalibrationWindow For(Period target, int length, int cyclePeriods)
    {
        if (length is < MinLength or > MaxLength) throw new InvalidInputException("window", $"must be {MinLength} to {MaxLength} periods (got {length})");
        if (cyclePeriods < 0) throw new InvalidInputException("cycle", $"must be 0 or more periods (got {cyclePeriods})");
        var to = target.Plus(-cyclePeriods - 1);
        return new RecalibrationWindow(to.Plus(-(length - 1)), to, length);
    }

    /// <summary>The window's periods, oldest first.</summary>
    public IEnumerable<Period> Periods() => Enumerable.Range(0, Length).Select(From.Plus);

    /// <summary>A sales cycle in days as whole periods, rounded up (a month is 365.25 / 12 days).</summary>
    public static int CycleInPeriods(Fraction days, PeriodKind kind)
    {
        var perPeriod = kind switch
        {
            PeriodKind.Month => new Fraction(36525, 1200),
            PeriodKind.Quarter => new Fraction(36525, 400),
            _ => new Fraction(36525, 100),
        };
        var periods = days / perPeriod;
        var whole = periods.Numerator / periods.Denominator;
        return (int)(whole * periods.Denominator == periods.Numerator ? whole : whole + 1);
    }
}
