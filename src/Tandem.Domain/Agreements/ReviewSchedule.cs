using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Agreements;

/// <summary>
/// When the owners review the active agreement: every <c>reviewEvery</c> months from the day it
/// came into force. The k-th review falls on the activation date plus k x months (k from 1),
/// always counted from the activation date, so a review on the 31st falls on the last day of a
/// shorter month without drifting to the 28th for the rest of the year (NodaTime's month
/// arithmetic: 2026-01-31 + 1 month is 2026-02-28, + 2 months is 2026-03-31).
/// </summary>
public static class ReviewSchedule
{
    /// <summary>The review interval's bounds, in months.</summary>
    public const int MinMonths = 1, MaxMonths = 24;

    /// <summary>The <paramref name="k"/>-th review date (k from 1) of an agreement activated on <paramref name="activated"/>.</summary>
    /// <exception cref="InvalidInputException">The interval is outside 1 to 24 months, or k is below 1.</exception>
    public static LocalDate Review(LocalDate activated, int months, int k)
    {
        Check(months);
        if (k < 1) throw new InvalidInputException("k", $"reviews are counted from 1 (got {k})");
        return activated.PlusMonths(checked(k * months));
    }

    /// <summary>The next review: the first review date on or after <paramref name="today"/>.</summary>
    /// <exception cref="InvalidInputException">The interval is outside 1 to 24 months.</exception>
    public static LocalDate Next(LocalDate activated, int months, LocalDate today)
    {
        var k = Math.Max(1, Estimate(activated, months, today));
        while (k > 1 && Review(activated, months, k - 1) >= today) k--;
        while (Review(activated, months, k) < today) k++;
        return Review(activated, months, k);
    }

    /// <summary>The latest review date on or before <paramref name="today"/>, or null when the first has not come.</summary>
    /// <exception cref="InvalidInputException">The interval is outside 1 to 24 months.</exception>
    public static LocalDate? LastDue(LocalDate activated, int months, LocalDate today)
    {
        var k = Math.Max(1, Estimate(activated, months, today));
        while (k > 1 && Review(activated, months, k) > today) k--;
        if (Review(activated, months, k) > today) return null;
        while (Review(activated, months, k + 1) <= today) k++;
        return Review(activated, months, k);
    }

    /// <summary>Whole intervals between the two dates, near the answer: the loops above make it exact.</summary>
    private static int Estimate(LocalDate activated, int months, LocalDate today)
    {
        Check(months);
        if (today <= activated) return 1;
        return Period.Between(activated, today, PeriodUnits.Months).Months / months;
    }

    private static void Check(int months)
    {
        if (months is < MinMonths or > MaxMonths)
            throw new InvalidInputException("reviewEvery", $"must be {MinMonths} to {MaxMonths} months (got {months})");
    }
}
