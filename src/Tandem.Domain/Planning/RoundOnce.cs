using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// The plan's one rounding, done on the totals rather than cell by cell: customers are the ceiling
/// of the cells' exact customers summed, and each earlier stage is the ceiling of the next stage's
/// total times the mix's exact ratio between the two stages (the sum of the cells' exact needs at
/// the stage over the sum at the next). With one funnel that ratio is 1 / the step's rate, so this
/// is the seeds' chain: 250 customers, 1,087 opportunities, 1,326 SQLs, 3,978 MQLs. Rounding each
/// small cell up on its own instead would inflate the goal (a demo plan went from 340 to 636 MQLs).
/// </summary>
public static class RoundOnce
{
    /// <summary>
    /// The number a signature records for this rule (1 was the rule before it: every segment x lead
    /// type cell rounded up on its own). A version signed under 1 keeps its text and signatures; its
    /// goals are computed with this rule now, and the agreement page says so.
    /// </summary>
    public const int Rule = 2;

    /// <summary>The whole totals for the exact ones.</summary>
    /// <param name="exact">
    /// The sums of the cells' exact needs, one per stage, top of the funnel first; the last is
    /// rounded first (customers, or the leads of a value goal).
    /// </param>
    /// <param name="field">Names the plan in the error of a count too big to hold.</param>
    /// <returns>T_last = ceil(E_last); T_s = ceil(T_next x E_s / E_next), or 0 when E_next is 0.</returns>
    /// <exception cref="InvalidInputException">A total exceeds what a 64-bit counter holds.</exception>
    public static long[] Totals(IReadOnlyList<Fraction> exact, string field)
    {
        ArgumentNullException.ThrowIfNull(exact);
        if (exact.Count == 0) return [];
        var totals = new long[exact.Count];
        var last = exact.Count - 1;
        totals[last] = Counts.CeilingOf(exact[last], field);
        for (var s = last - 1; s >= 0; s--)
            totals[s] = exact[s + 1].Sign == 0 ? 0 : Counts.CeilingOf(Fraction.FromInteger(totals[s + 1]) * exact[s] / exact[s + 1], field);
        return totals;
    }
}
