using Microsoft.AspNetCore.Http;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Web.Pages;

/// <summary>One input of the plan form: its name in the address, label, value as typed, and the problem with it.</summary>
public sealed record PlanField(string Name, string Label, string Value, string Hint)
{
    /// <summary>Whether the value was typed (differs from the agreement's); an untouched field keeps the agreement's exact value (1/3, not 33.33%).</summary>
    public bool Edited { get; init; }

    /// <summary>Why the value cannot be used, or null.</summary>
    public string? Problem { get; set; }

    /// <summary>Why the input changes nothing in this plan (shown instead of the hint, the input disabled), or null.</summary>
    public string? Unused { get; init; }

    /// <summary>
    /// The exact value behind the one shown (<c>487/2347</c> behind <c>20.75%</c>), carried hidden in
    /// <c>NAME.exact</c>: used while the input still shows it, dropped once the user types over it.
    /// </summary>
    public string? Exact { get; set; }
}

/// <summary>
/// The plan page's inputs: the agreement's plan, each input overridable from the address
/// (<c>?quota=600000&amp;rate.2=25%</c>), read with the same parsers as the agreement file and
/// <c>tandem plan</c>. What cannot be read is named field by field and the plan is not computed;
/// nothing is ever guessed.
/// </summary>
public sealed class PlanForm
{
    private PlanForm(PlanInput baseline) => Baseline = baseline;

    /// <summary>The agreement's plan.</summary>
    public PlanInput Baseline { get; }

    /// <summary>The plan's general inputs: quota, marketing share, default deal size.</summary>
    public List<PlanField> General { get; } = [];

    /// <summary>The default funnel's rates, top of the funnel first.</summary>
    public List<PlanField> Rates { get; } = [];

    /// <summary>Each segment's share and deal size.</summary>
    public List<(PlanField Share, PlanField? DealSize)> Segments { get; } = [];

    /// <summary>Each planned marketing lead type's mix.</summary>
    public List<PlanField> Mixes { get; } = [];

    /// <summary>The plan with the inputs as typed, or null when some input has a problem.</summary>
    public PlanInput? Input { get; private set; }

    /// <summary>A problem of the inputs taken together (segment shares not summing to 100%), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Whether some input differs from the agreement.</summary>
    public bool Changed { get; private set; }

    /// <summary>Every field.</summary>
    public IEnumerable<PlanField> Fields =>
        General.Concat(Rates).Concat(Segments.SelectMany(s => s.DealSize is null ? [s.Share] : new[] { s.Share, s.DealSize })).Concat(Mixes);

    /// <summary>The suffix of the hidden input that carries a field's exact value beside the one shown.</summary>
    public const string ExactSuffix = ".exact";

    /// <summary>Reads the form from <paramref name="query"/> over <paramref name="baseline"/>.</summary>
    public static PlanForm Read(PlanInput baseline, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(query);
        var form = new PlanForm(baseline);
        PlanField Field(string name, string label, string value, string hint)
        {
            var text = query[name].ToString().Trim();
            var exact = query[name + ExactSuffix].ToString().Trim() is { Length: > 0 } e ? e : null;
            if (text.Length == 0 && query.ContainsKey(name)) return new PlanField(name, label, "", hint) { Edited = true, Problem = "is empty: enter a value" };
            // An exact value may differ from the agreement's even where both show alike (0.3334 and 1/3 both show 33.33%).
            if (text.Length == 0 || (text == value && exact is null)) return new PlanField(name, label, value, hint);
            form.Changed = true;
            return new PlanField(name, label, text, hint) { Edited = true, Exact = exact };
        }
        T Parse<T>(PlanField field, Func<string, T> parse, T agreed, Func<T, string> show)
        {
            if (!field.Edited || field.Problem is not null) return agreed;
            if (field.Exact is { } exact)
            {
                try
                {
                    var value = parse(exact);
                    if (show(value) == field.Value) return value;
                    field.Exact = null; // typed over: what is typed counts
                }
                catch (InvalidInputException e)
                {
                    field.Problem = $"carries an exact value '{exact}' that cannot be used: {e.Reason}";
                    return agreed;
                }
            }
            try { return parse(field.Value); }
            catch (InvalidInputException e) { field.Problem = e.Reason; return agreed; }
        }

        var quota = Field("quota", "Sales quota", ShowAmount(baseline.Quota), "for the period, e.g. 500000");
        var share = Field("marketingShare", "Marketing share of revenue", baseline.MarketingShare.ToString(), "e.g. 70%");
        form.General.AddRange([quota, share]);
        var quotaValue = Parse(quota, t => ParseAmount(t, "quota"), baseline.Quota, ShowAmount);
        var shareValue = Parse(share, t => Share.Parse(t, "marketingShare"), baseline.MarketingShare, ShowShare);
        Fraction? dealSize = baseline.DealSize;
        if (baseline.DealSize is { } d)
        {
            var field = Field("dealSize", "Average deal size", ShowAmount(d), "default for segments without their own");
            if (baseline.UsesDefaultDealSize)
            {
                form.General.Add(field);
                dealSize = Parse(field, t => ParseAmount(t, "dealSize"), d, ShowAmount);
            }
            else
            {
                // Kept at the agreement's value: typing over it would change nothing, and a what-if that seems to move and does not misleads.
                form.General.Add(new PlanField(field.Name, field.Label, ShowAmount(d), field.Hint)
                {
                    Unused = baseline.Goal == GoalKind.Value
                        ? "not used: a lead value goal counts lead value, not deals"
                        : "not used: every segment has its own deal size (change those below)",
                });
            }
        }

        var funnel = baseline.Funnel;
        if (funnel is not null)
        {
            var stages = new List<FunnelStage>();
            for (var i = 0; i < funnel.Stages.Count; i++)
            {
                var stage = funnel.Stages[i];
                var next = i + 1 < funnel.Stages.Count ? funnel.Stages[i + 1].Name : Funnel.CustomerStage;
                var field = Field($"rate.{i}", $"{stage.Name} -> {next}", stage.Rate.ToString(), "conversion rate, e.g. 25%, 0.25 or 1/4");
                form.Rates.Add(field);
                stages.Add(stage with { Rate = Parse(field, t => Rate.Parse(t, $"funnel[{i + 1}].rate"), stage.Rate, ShowRate) });
            }
            funnel = new Funnel(stages);
        }

        var segments = new List<SegmentDefinition>();
        for (var i = 0; i < baseline.Segments.Count; i++)
        {
            var segment = baseline.Segments[i];
            var shareField = Field($"share.{i}", $"{segment.Name} share", segment.Share.ToString(), "of the marketing revenue goal");
            var dealField = segment.DealSize is { } own ? Field($"segmentDealSize.{i}", $"{segment.Name} deal size", ShowAmount(own), "average deal size in the segment") : null;
            form.Segments.Add((shareField, dealField));
            segments.Add(segment with
            {
                Share = Parse(shareField, t => Share.Parse(t, $"segments[{i + 1}].share"), segment.Share, ShowShare),
                DealSize = dealField is null ? segment.DealSize : Parse(dealField, t => ParseAmount(t, $"segments[{i + 1}].dealSize"), segment.DealSize!.Value, ShowAmount),
            });
        }

        var types = baseline.LeadTypes.ToList();
        foreach (var (type, mix) in baseline.PlannedLeadTypes)
        {
            if (type.Mix is null) continue;
            var index = types.FindIndex(t => t.Name == type.Name);
            var field = Field($"mix.{index}", $"{type.Name} mix", mix.ToString(), "share of the goal from this lead type");
            form.Mixes.Add(field);
            types[index] = type with { Mix = Parse(field, t => Share.Parse(t, $"leadTypes[{index + 1}].mix"), mix, ShowShare) };
        }

        if (form.Fields.Any(f => f.Problem is not null)) return form;
        try
        {
            form.Input = new PlanInput(quotaValue, shareValue, dealSize, funnel, baseline.Goal, segments, types);
        }
        catch (InvalidInputException e)
        {
            form.Problem = PlanProblemWords.Of(e);
        }
        return form;
    }

    /// <summary>
    /// An amount as the agreement file takes it (<c>500,000.50</c>), or an exact ratio (<c>3197001/200</c>):
    /// the recalibration page opens its proposal here with the deal size it measured, which seldom
    /// ends at the cent, and the plan must come out as the proposal's.
    /// </summary>
    private static Fraction ParseAmount(string text, string field)
    {
        if (!text.Contains('/', StringComparison.Ordinal)) return Amount.ParsePositive(text, field);
        if (!NumberText.TryParse(text, out var value, out var notation, out var reason) || notation != NumberText.Notation.Ratio)
            throw new InvalidInputException(field, $"'{text}' is not an amount (write digits, e.g. 500000, or an exact ratio such as 3197001/200)");
        return Amount.RequirePositive(value, field);
    }

    /// <summary>An amount as the form shows it and a person types it: no grouping, up to two decimals.</summary>
    public static string ShowAmount(Fraction amount) => amount.ToDecimal(2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A rate as the form shows it: a percentage with up to two decimals (1/3 shows 33.33%).</summary>
    public static string ShowRate(Rate rate) => rate.ToString();

    private static string ShowShare(Share share) => share.ToString();
}
