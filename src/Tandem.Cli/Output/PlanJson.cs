using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Cli.Commands;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;

namespace Tandem.Cli.Output;

/// <summary>Writes <see cref="PlanDocument"/> as indented JSON; absent figures are left out, not null.</summary>
public static class PlanJson
{
    private static JsonSerializerOptions Options => CliJson.Options;

    /// <summary>Writes the plan.</summary>
    public static void Write(TextWriter output, MarketingPlan plan, PlanContext context, IReadOnlyList<GoalLinePoint>? daily)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(PlanDocument.From(plan, context, daily), Options));
    }
}
