using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Cli.Commands;

/// <summary>
/// Turns <c>tandem plan</c>'s flags into a <see cref="PlanInput"/>: from the flags alone, from an
/// agreement with the flags overriding it, or from the seeds' example. Every error names the flag.
/// </summary>
public static class PlanInputBuilder
{
    /// <summary>The seeds' worked example (quota 500,000; deal size 2,000; MQL 1/3, SQL 82%, Opportunity 23%).</summary>
    public static PlanInput Example { get; } = new(
        500_000,
        dealSize: 2_000,
        funnel: new Funnel([
            new FunnelStage("MQL", Rate.From(new Fraction(1, 3), "MQL")),
            new FunnelStage("SQL", Rate.From(new Fraction(82, 100), "SQL")),
            new FunnelStage("Opportunity", Rate.From(new Fraction(23, 100), "Opportunity")),
        ]));

    /// <summary>Builds the input; <paramref name="agreement"/> is the loaded <c>--agreement</c>, if any.</summary>
    /// <exception cref="InvalidInputException">A flag is missing, malformed or conflicting.</exception>
    public static PlanInput Build(PlanRequest request, Agreement? agreement)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Example && agreement is not null)
            throw new InvalidInputException("--example", "give either --example or --agreement, not both");
        if (request.CloseRate is not null && request.Stages.Count > 0)
            throw new InvalidInputException("--close-rate", "give either --close-rate (simple form) or --stage (multi-stage funnel), not both");

        var basis = request.Example ? Example : agreement?.Plan;
        var quota = request.Quota is { } q ? Amount.ParsePositive(q, "--quota") : basis?.Quota
            ?? throw new InvalidInputException("--quota", "is required (or plan from --agreement FILE, or try --example)");
        var share = request.MarketingShare is { } s ? Share.Parse(s, "--marketing-share") : basis?.MarketingShare;
        var dealSize = request.DealSize is { } d ? Amount.ParsePositive(d, "--deal-size") : basis?.DealSize;
        var funnel = ReadFunnel(request) ?? basis?.Funnel;

        if (basis is null)
        {
            if (dealSize is null) throw new InvalidInputException("--deal-size", "is required: the average deal size, e.g. 2000");
            if (funnel is null) throw new InvalidInputException("--close-rate", "is required: give --close-rate (e.g. 20%) or the funnel as --stage NAME=RATE, repeated");
        }

        try
        {
            return new PlanInput(quota, share, dealSize, funnel, basis?.Goal ?? GoalKind.Count, basis?.Segments, basis?.LeadTypes);
        }
        catch (InvalidInputException e) when (agreement is null)
        {
            // Without a file, the only paths PlanInput can name are the flags' own fields.
            throw e.WithField(e.Field switch { "quota" => "--quota", "dealSize" => "--deal-size", "funnel" => "--stage", _ => e.Field });
        }
    }

    private static Funnel? ReadFunnel(PlanRequest request)
    {
        if (request.CloseRate is { } closeRate) return Funnel.SingleStep(Rate.Parse(closeRate, "--close-rate"));
        if (request.Stages.Count == 0) return null;
        var stages = new List<FunnelStage>();
        foreach (var text in request.Stages)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == text.Length - 1)
                throw new InvalidInputException("--stage", $"'{text}' must be NAME=RATE, e.g. MQL=1/3 or SQL=82%");
            var name = text[..equals].Trim();
            stages.Add(new FunnelStage(name, Rate.Parse(text[(equals + 1)..], $"--stage {name}")));
        }
        return new Funnel(stages, "--stage");
    }
}
