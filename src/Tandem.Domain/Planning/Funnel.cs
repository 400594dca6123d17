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

    /// <summary>Whether <paramref name="other"/> names the same stages in the same order (ignoring case); the rates may differ.</summary>
    public bool NamesSameStages(Funnel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Stages.Select(s => s.Name).SequenceEqual(other.Stages.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"MQL -> SQL -> Opportunity -> Customer": the stages without their rates.</summary>
    public string StageNames() => string.Join(" -> ", Stages.Select(s => s.Name)) + " -> " + CustomerStage;

    /// <summary>The funnel with one stage's rate replaced (for sensitivity and property tests).</summary>
    public Funnel WithRate(int index, Rate rate) =>
        new(Stages.Select((s, i) => i == index ? s with { Rate = rate } : s));

    /// <summary>"MQL 33.33% -> SQL 82% -> Opportunity 23% -> Customer".</summary>
    public override string ToString() =>
        string.Join(" -> ", Stages.Select(s => $"{s.Name} {s.Rate}")) + " -> " + CustomerStage;
}
