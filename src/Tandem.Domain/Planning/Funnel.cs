using System.Numerics;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Planning;

/// <summary>
/// The ordered stages from the first (where leads enter) to the last before Customer, each with
/// its conversion rate into the next. At least one stage; names unique ignoring case; Customer is
/// implied and cannot be listed.
/// </summary>
public sealed class Funnel
{
    /// <summary>The stage Customer, which every funnel ends in and none lists.</summary>
    public const string CustomerStage = "Customer";

    /// <summary>The single stage of the simple form: lead-to-customer close rate.</summary>
    public const string LeadStage = "Lead";

    /// <summary>Creates a funnel; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">No stage, a blank or duplicate name, or a stage named Customer.</exception>
    public Funnel(IEnumerable<FunnelStage> stages, string field = "funnel")
    {
        var list = stages.ToList();
        if (list.Count == 0) throw new InvalidInputException(field, "needs at least one stage");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in list)
        {
            if (string.IsNullOrWhiteSpace(stage.Name)) throw new InvalidInputException(field, "a stage has no name");
            if (string.Equals(stage.Name.Trim(), CustomerStage, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException(field, "do not list Customer: the last stage's rate is its conversion into Customer");
            if (!seen.Add(stage.Name.Trim())) throw new InvalidInputException(field, $"stage '{stage.Name.Trim()}' appears twice");
        }
        Stages = list.Select(s => s with { Name = s.Name.Trim() }).ToList();
    }

    /// <summary>The stages, first to last.</summary>
    public IReadOnlyList<FunnelStage> Stages { get; }

    /// <summary>The simple form: one stage, <c>Lead</c>, converting into Customer at the close rate.</summary>
    public static Funnel SingleStep(Rate closeRate) => new([new FunnelStage(LeadStage, closeRate)]);

    /// <summary>
    /// Walks up the funnel from <paramref name="customers"/>: each stage's count is the next stage's
    /// count divided by this stage's rate, rounded up to a whole lead. Exact: no residue from
    /// floating point can push a count up by one.
    /// </summary>
    /// <returns>Counts for every stage, first stage first.</returns>
    /// <exception cref="InvalidInputException">A count exceeds what a 64-bit counter holds.</exception>
    public IReadOnlyList<StageCount> CountsFor(long customers, string field = "funnel")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        var counts = new StageCount[Stages.Count];
        BigInteger next = customers;
        for (var i = Stages.Count - 1; i >= 0; i--)
        {
            next = (Fraction.FromInteger(next) / Stages[i].Rate.Value).Ceiling();
            counts[i] = new StageCount(Stages[i].Name, Counts.ToLong(next, field));
        }
        return counts;
    }

    /// <summary>The funnel with one stage's rate replaced (for sensitivity and property tests).</summary>
    public Funnel WithRate(int index, Rate rate) =>
        new(Stages.Select((s, i) => i == index ? s with { Rate = rate } : s));

    /// <summary>"MQL 33.33% -> SQL 82% -> Opportunity 23% -> Customer".</summary>
    public override string ToString() =>
        string.Join(" -> ", Stages.Select(s => $"{s.Name} {s.Rate}")) + " -> " + CustomerStage;
}
