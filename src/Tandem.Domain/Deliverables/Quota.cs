using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Deliverables;

/// <summary>The stretch of time a count of deliverables is promised for.</summary>
public enum QuotaPeriod
{
    /// <summary>A week, Monday to Sunday (ISO weeks).</summary>
    Week,
    /// <summary>A calendar month.</summary>
    Month,
    /// <summary>A calendar quarter.</summary>
    Quarter,
    /// <summary>A calendar year.</summary>
    Year,
}

/// <summary>
/// A count of deliverables promised per <see cref="Per"/> (4 blog posts a month, 3 campaigns a
/// quarter, 1 report a week). Each window of <see cref="Per"/> must reach the count on its own:
/// a surplus in one window does not cover a shortfall in another.
/// </summary>
public sealed record Quota
{
    /// <summary>Creates and checks the quota; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">The count is below 1 or above 10,000.</exception>
    public Quota(int count, QuotaPeriod per, string field = "count")
    {
        if (count is < 1 or > 10_000) throw new InvalidInputException(field, $"must be a whole number from 1 to 10,000 (got {count})");
        Count = count;
        Per = per;
    }

    /// <summary>Deliverables each window must hold, at least 1.</summary>
    public int Count { get; }

    /// <summary>The length of a window.</summary>
    public QuotaPeriod Per { get; }

    /// <summary>week, month, quarter or year, as the agreement file writes it.</summary>
    public static string Word(QuotaPeriod per) => per switch
    {
        QuotaPeriod.Week => "week",
        QuotaPeriod.Month => "month",
        QuotaPeriod.Quarter => "quarter",
        _ => "year",
    };

    /// <summary>The period a word names (week, month, quarter, year), or null.</summary>
    public static QuotaPeriod? ParsePer(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "week" => QuotaPeriod.Week,
        "month" => QuotaPeriod.Month,
        "quarter" => QuotaPeriod.Quarter,
        "year" => QuotaPeriod.Year,
        _ => null,
    };

    /// <summary>
    /// The windows of <paramref name="per"/> that share at least one date with [<paramref name="from"/>,
    /// <paramref name="to"/>), in order; each window is [start, end) in dates. A week starts on Monday.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static IReadOnlyList<(LocalDate Start, LocalDate End)> Windows(QuotaPeriod per, LocalDate from, LocalDate to)
    {
        if (to <= from) throw new ArgumentException($"the end {to} is not after the start {from}", nameof(to));
        var windows = new List<(LocalDate, LocalDate)>();
        for (var start = WindowStart(per, from); start < to;)
        {
            var end = per switch
            {
                QuotaPeriod.Week => start.PlusDays(7),
                QuotaPeriod.Month => start.PlusMonths(1),
                QuotaPeriod.Quarter => start.PlusMonths(3),
                _ => start.PlusYears(1),
            };
            windows.Add((start, end));
            start = end;
        }
        return windows;
    }

    /// <summary>
    /// Whether every window of <paramref name="per"/> is shorter than the period [<paramref name="from"/>,
    /// <paramref name="to"/>): its longest window (7, 31, 92 or 366 days) has fewer days than the
    /// period. Such windows are judged in the period they end in; see <see cref="QuotaJudge.Judge"/>.
    /// </summary>
    public static bool ShorterThan(QuotaPeriod per, LocalDate from, LocalDate to) =>
        LongestDays(per) < NodaTime.Period.Between(from, to, PeriodUnits.Days).Days;

    private static int LongestDays(QuotaPeriod per) => per switch
    {
        QuotaPeriod.Week => 7,
        QuotaPeriod.Month => 31,
        QuotaPeriod.Quarter => 92,
        _ => 366,
    };

    private static LocalDate WindowStart(QuotaPeriod per, LocalDate date) => per switch
    {
        QuotaPeriod.Week => date.PlusDays(-((int)date.DayOfWeek - 1)),
        QuotaPeriod.Month => new LocalDate(date.Year, date.Month, 1),
        QuotaPeriod.Quarter => new LocalDate(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => new LocalDate(date.Year, 1, 1),
    };
}

/// <summary>One window of a quota: its dates [start, end), what was delivered in it up to the cut, and its verdict.</summary>
/// <param name="Start">First date.</param>
/// <param name="End">First date after the window.</param>
/// <param name="Delivered">Deliverables dated in the window before the cut.</param>
/// <param name="Closed">Whether the window ended by the cut (its verdict can no longer change).</param>
/// <param name="Met">True once the count is reached; false when the window closed short; null while it runs short.</param>
public sealed record QuotaWindow(LocalDate Start, LocalDate End, int Delivered, bool Closed, bool? Met);

/// <summary>
/// A quota judged over one scorecard period: the windows judged in it (see <see cref="QuotaJudge.Judge"/>), the count they require
/// together (<see cref="Target"/>), what they hold (<see cref="Delivered"/>), and the verdict:
/// missed as soon as one window closed short, met when every window reached its count, else null
/// (still running, or nothing to judge yet).
/// </summary>
public sealed record QuotaResult(IReadOnlyList<QuotaWindow> Windows, long Target, long Delivered, bool? Met);

/// <summary>Judges a quota against the instants its deliverables were delivered.</summary>
public static class QuotaJudge
{
    /// <summary>
    /// Judges <paramref name="quota"/> over the dates [<paramref name="from"/>, <paramref name="to"/>)
    /// (a scorecard period), read in <paramref name="zone"/>, as of <paramref name="asOf"/>. The cut
    /// is the earlier of the period's end and <paramref name="asOf"/>: only deliveries before it
    /// count, and a window is closed when it ended by then. Windows shorter than the period (a
    /// weekly report on a monthly scorecard) are judged in the period whose dates hold their last
    /// day: a week across a month end belongs to the month it ends in, the week that started in the
    /// previous month too, so each window is judged in exactly one period and a past period is fully
    /// decided. Otherwise (a quarter's campaigns on a monthly scorecard, a month on a monthly one)
    /// every window sharing a date with the period is judged, as it stood at the period's end.
    /// </summary>
    public static QuotaResult Judge(Quota quota, LocalDate from, LocalDate to, DateTimeZone zone, Instant asOf, IEnumerable<Instant> delivered)
    {
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(delivered);
        var periodEnd = zone.AtStartOfDay(to).ToInstant();
        var cut = asOf < periodEnd ? asOf : periodEnd;
        var times = delivered.Where(t => t < cut).ToList();
        var windows = new List<QuotaWindow>();
        var shorter = Quota.ShorterThan(quota.Per, from, to);
        foreach (var (start, end) in Quota.Windows(quota.Per, from, to))
        {
            if (shorter && end > to) continue;   // its last day is in the next period, which judges it

            var (s, e) = (zone.AtStartOfDay(start).ToInstant(), zone.AtStartOfDay(end).ToInstant());
            var count = times.Count(t => t >= s && t < e);
            var closed = e <= cut;
            windows.Add(new QuotaWindow(start, end, count, closed, count >= quota.Count ? true : closed ? false : null));
        }
        bool? met = windows.Any(w => w.Met == false) ? false : windows.All(w => w.Met == true) ? true : null;
        return new QuotaResult(windows, (long)quota.Count * windows.Count, windows.Sum(w => (long)w.Delivered), met);
    }
}
