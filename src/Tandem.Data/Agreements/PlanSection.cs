using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>Reads marketing's plan inputs: quota, share, deal size, goal, funnel, segments and lead types.</summary>
internal static class PlanSection
{
    public static PlanInput? Read(YamlSection root)
    {
        var problems = root.Problems;
        var before = problems.Errors.Count;
        var quota = root.Parse("quota", Amount.ParsePositive, required: true);
        var share = root.Parse("marketingShare", Share.Parse);
        var dealSize = root.Parse("dealSize", Amount.ParsePositive);
        var goal = ReadGoal(root);
        var funnel = ReadFunnel(root, "funnel");
        if (root.Get("closeRate") is { } closeNode)
        {
            if (root.Has("funnel")) problems.Add(closeNode, "closeRate", "give either closeRate (one step, lead to customer) or funnel (named stages), not both");
            else if (root.ParseRef("closeRate", (t, f) => Funnel.SingleStep(Rate.Parse(t, f))) is { } single) funnel = single;
        }
        var segments = root.List("segments").Select((node, i) => ReadSegment(node, $"segments[{i + 1}]", problems)).ToList();
        var leadTypes = root.List("leadTypes").Select((node, i) => ReadLeadType(node, $"leadTypes[{i + 1}]", problems)).ToList();
        if (problems.Errors.Count > before || quota is null || segments.Any(s => s is null) || leadTypes.Any(t => t is null)) return null;
        return problems.Try(root.Node, () => new PlanInput(quota.Value, share, dealSize, funnel, goal ?? GoalKind.Count, segments!, leadTypes!));
    }

    private static GoalKind? ReadGoal(YamlSection root) => root.Text("goal") switch
    {
        null => null,
        "count" => GoalKind.Count,
        "value" => GoalKind.Value,
        var other => Refuse<GoalKind>(root, "goal", $"'{other}' is not a goal kind; write count (a number of leads) or value (a sum of lead value)"),
    };

    /// <summary>A funnel under <paramref name="key"/>: a list of <c>{stage, rate}</c>, the last converting into Customer.</summary>
    public static Funnel? ReadFunnel(YamlSection section, string key)
    {
        var items = section.List(key);
        if (items.Count == 0) return null;
        var field = section.Field(key);
        var stages = new List<FunnelStage>();
        var failed = false;
        for (var i = 0; i < items.Count; i++)
        {
            var item = YamlSection.Of(items[i], $"{field}[{i + 1}]", section.Problems);
            if (item is null) { failed = true; continue; }
            var name = item.Required("stage");
            var rate = item.Parse("rate", Rate.Parse, required: true);
            item.CheckUnknownKeys();
            if (name is null || rate is null) failed = true;
            else stages.Add(new FunnelStage(name.Trim(), rate.Value));
        }
        return failed ? null : section.Problems.Try(section.Get(key)!, () => new Funnel(stages, field));
    }

    private static SegmentDefinition? ReadSegment(YamlNode node, string field, YamlProblems problems)
    {
        var item = YamlSection.Of(node, field, problems);
        if (item is null) return null;
        var before = problems.Errors.Count;
        var name = item.Required("name");
        var share = item.Parse("share", Share.Parse, required: true);
        var dealSize = item.Parse("dealSize", Amount.ParsePositive);
        var funnel = ReadFunnel(item, "funnel");
        item.CheckUnknownKeys();
        if (problems.Errors.Count > before || name is null || share is null) return null;
        return new SegmentDefinition(name.Trim(), share.Value, dealSize, funnel);
    }

    private static LeadTypeDefinition? ReadLeadType(YamlNode node, string field, YamlProblems problems)
    {
        var item = YamlSection.Of(node, field, problems);
        if (item is null) return null;
        var before = problems.Errors.Count;
        var name = item.Required("name");
        LeadOrigin? origin = item.Text("generatedBy") switch
        {
            null or "marketing" => LeadOrigin.Marketing,
            "sales" => LeadOrigin.Sales,
            var other => Refuse<LeadOrigin>(item, "generatedBy", $"'{other}' is not a team; write marketing or sales (outbound prospecting is sales')"),
        };
        var quality = item.Text("quality");
        var value = item.Parse("value", Amount.ParsePositive);
        var mix = item.Parse("mix", Share.Parse);
        var funnel = ReadFunnel(item, "funnel");
        item.CheckUnknownKeys();
        if (problems.Errors.Count > before || name is null || origin is null) return null;
        return new LeadTypeDefinition(name.Trim(), origin.Value, quality, value, mix, funnel);
    }

    private static T? Refuse<T>(YamlSection section, string key, string reason)
        where T : struct
    {
        section.Problems.Add(section.Get(key)!, section.Field(key), reason);
        return null;
    }
}
