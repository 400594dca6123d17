using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>sales</c>: the handoff stage, speed to first touch and depth of follow-up, the warning
/// share, whether reassignment restarts clocks, and the rules that give some leads other terms;
/// anything left out takes <see cref="SalesCommitments.Default"/>. A rule's speed or depth keys
/// that it leaves out come from the default speed or depth.
/// </summary>
internal static class SalesSection
{
    public static SalesCommitments? Read(YamlSection root)
    {
        var node = root.Get("sales");
        var defaults = SalesCommitments.Default;
        if (node is null) return defaults;
        var section = YamlSection.Of(node, "sales", root.Problems);
        if (section is null) return null;
        var problems = section.Problems;
        var before = problems.Errors.Count;
        var handoff = section.Text("handoffStage")?.Trim() ?? defaults.HandoffStage;
        var speed = ReadSpeed(section, defaults.Speed);
        var depth = ReadDepth(section, defaults.Depth);
        var warnAt = section.Parse("warnAt", Share.Parse);
        var reset = section.Text("resetOnReassign")?.Trim() switch
        {
            null or "false" or "no" => false,
            "true" or "yes" => true,
            var other => Refuse<bool>(section, "resetOnReassign", $"'{other}' is not true or false"),
        };
        var rules = speed is null || depth is null ? null : ReadRules(section, speed, depth);
        section.CheckUnknownKeys();
        if (problems.Errors.Count > before || speed is null || depth is null || rules is null || reset is null) return null;
        if (warnAt is { } share && (share.Value.Sign <= 0 || share.Value >= Fraction.One))
        {
            problems.Add(section.Get("warnAt")!, "sales.warnAt", $"must be above 0% and below 100% (got {share})");
            return null;
        }
        return new SalesCommitments(handoff, speed, depth)
        {
            Rules = rules,
            WarnAt = warnAt ?? SalesCommitments.DefaultWarnAt,
            ResetOnReassign = reset.Value,
        };
    }

    private static List<CommitmentRule>? ReadRules(YamlSection sales, SpeedCommitment speed, DepthCommitment depth)
    {
        var rules = new List<CommitmentRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ClockTerms.DefaultRule };
        var failed = false;
        var items = sales.List("rules");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"sales.rules[{i + 1}]";
            var rule = YamlSection.Of(items[i], path, sales.Problems);
            if (rule is null) { failed = true; continue; }
            var before = rule.Problems.Errors.Count;
            var name = rule.Required("name")?.Trim();
            if (name is not null && !names.Add(name)) rule.Problems.Add(rule.Get("name")!, rule.Field("name"), $"'{name}' is used by another rule (or is the default's name)");
            string? segment = null, leadType = null, tier = null;
            if (rule.Get("when") is { } whenNode && YamlSection.Of(whenNode, rule.Field("when"), sales.Problems) is { } when)
            {
                (segment, leadType, tier) = (when.Text("segment")?.Trim(), when.Text("leadType")?.Trim(), when.Text("tier")?.Trim());
                when.CheckUnknownKeys();
            }
            var ruleSpeed = rule.Has("speed") ? ReadSpeed(rule, speed, $"{path}.speed") : null;
            var ruleDepth = rule.Has("depth") ? ReadDepth(rule, depth, $"{path}.depth") : null;
            if (!rule.Has("speed") && !rule.Has("depth")) rule.Problems.Add(items[i], path, "gives neither speed nor depth; a rule must change at least one");
            rule.CheckUnknownKeys();
            if (rule.Problems.Errors.Count > before || name is null) { failed = true; continue; }
            rules.Add(new CommitmentRule(name, segment, leadType, tier, ruleSpeed, ruleDepth));
        }
        return failed ? null : rules;
    }

    private static SpeedCommitment? ReadSpeed(YamlSection sales, SpeedCommitment defaults, string path = "sales.speed")
    {
        if (sales.Get("speed") is not { } node) return defaults;
        var speed = YamlSection.Of(node, path, sales.Problems);
        if (speed is null) return null;
        var minutes = speed.Parse("firstTouchWithin", DurationText.Minutes) ?? defaults.Minutes;
        var clock = ReadClock(speed, defaults.Clock);
        speed.CheckUnknownKeys();
        if (clock is null) return null;
        return speed.Problems.Try(node, () => new SpeedCommitment(minutes, clock.Value).Checked($"{path}.firstTouchWithin"));
    }

    private static ClockKind? ReadClock(YamlSection speed, ClockKind defaults) => speed.Text("clock")?.Trim() is not { } text ? defaults : Read(speed, "clock", text, AgreementFieldText.Clock);

    private static DepthCommitment? ReadDepth(YamlSection sales, DepthCommitment defaults, string path = "sales.depth")
    {
        if (sales.Get("depth") is not { } node) return defaults;
        var depth = YamlSection.Of(node, path, sales.Problems);
        if (depth is null) return null;
        var before = depth.Problems.Errors.Count;
        var attempts = depth.Parse("attempts", WholeNumber) ?? defaults.TargetAttempts;
        var days = depth.Text("days")?.Trim() is not { } dayText ? defaults.Days : Read(depth, "days", dayText, AgreementFieldText.DayKind);
        var cadence = depth.Has("cadence") ? ReadCadence(depth, path) : defaults.Cadence;
        depth.CheckUnknownKeys();
        if (depth.Problems.Errors.Count > before || days is null || cadence is null) return null;
        return depth.Problems.Try(node, () => new DepthCommitment(attempts, cadence, days.Value, path));
    }

    private static List<CadenceStep>? ReadCadence(YamlSection depth, string path)
    {
        var steps = new List<CadenceStep>();
        var items = depth.List("cadence");
        for (var i = 0; i < items.Count; i++)
        {
            var step = YamlSection.Of(items[i], $"{path}.cadence[{i + 1}]", depth.Problems);
            if (step is null) return null;
            var attempts = step.Parse("attempts", WholeNumber, required: true);
            var within = step.Parse("within", DurationText.Days, required: true);
            step.CheckUnknownKeys();
            if (attempts is null || within is null) return null;
            steps.Add(new CadenceStep(attempts.Value, within.Value));
        }
        return steps;
    }

    private static int WholeNumber(string text, string field) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidInputException(field, $"'{text}' is not a whole number");

    /// <summary>A value read by one of <see cref="AgreementFieldText"/>'s readers, its problem added at its line.</summary>
    private static T? Read<T>(YamlSection section, string key, string text, Func<string, string, T> read)
        where T : struct
    {
        try
        {
            return read(text, section.Field(key));
        }
        catch (InvalidInputException e)
        {
            section.Problems.Add(section.Get(key)!, section.Field(key), e.Reason);
            return null;
        }
    }

    private static T? Refuse<T>(YamlSection section, string key, string reason)
        where T : struct
    {
        section.Problems.Add(section.Get(key)!, section.Field(key), reason);
        return null;
    }
}
