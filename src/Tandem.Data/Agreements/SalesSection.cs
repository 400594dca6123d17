using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>Reads <c>sales</c>: the handoff stage, speed to first touch and depth of follow-up; anything left out takes <see cref="SalesCommitments.Default"/>.</summary>
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
        section.CheckUnknownKeys();
        if (problems.Errors.Count > before || speed is null || depth is null) return null;
        return new SalesCommitments(handoff, speed, depth);
    }

    private static SpeedCommitment? ReadSpeed(YamlSection sales, SpeedCommitment defaults)
    {
        if (sales.Get("speed") is not { } node) return defaults;
        var speed = YamlSection.Of(node, "sales.speed", sales.Problems);
        if (speed is null) return null;
        var minutes = speed.Parse("firstTouchWithin", DurationText.Minutes) ?? defaults.Minutes;
        var clock = ReadClock(speed);
        speed.CheckUnknownKeys();
        if (clock is null) return null;
        return speed.Problems.Try(node, () => new SpeedCommitment(minutes, clock.Value).Checked("sales.speed.firstTouchWithin"));
    }

    private static ClockKind? ReadClock(YamlSection speed) => speed.Text("clock")?.Trim() switch
    {
        null or "working" => ClockKind.Working,
        "wall" => ClockKind.Wall,
        var other => Refuse<ClockKind>(speed, "clock", $"'{other}' is not a clock; write working (business hours only) or wall (every minute counts)"),
    };

    private static DepthCommitment? ReadDepth(YamlSection sales, DepthCommitment defaults)
    {
        if (sales.Get("depth") is not { } node) return defaults;
        var depth = YamlSection.Of(node, "sales.depth", sales.Problems);
        if (depth is null) return null;
        var before = depth.Problems.Errors.Count;
        var attempts = depth.Parse("attempts", WholeNumber) ?? defaults.TargetAttempts;
        DayKind? days = depth.Text("days")?.Trim() switch
        {
            null => defaults.Days,
            "calendar" => DayKind.Calendar,
            "working" => DayKind.Working,
            var other => Refuse<DayKind>(depth, "days", $"'{other}' is not a kind of day; write calendar or working"),
        };
        var cadence = depth.Has("cadence") ? ReadCadence(depth) : defaults.Cadence;
        depth.CheckUnknownKeys();
        if (depth.Problems.Errors.Count > before || days is null || cadence is null) return null;
        return depth.Problems.Try(node, () => new DepthCommitment(attempts, cadence, days.Value));
    }

    private static List<CadenceStep>? ReadCadence(YamlSection depth)
    {
        var steps = new List<CadenceStep>();
        var items = depth.List("cadence");
        for (var i = 0; i < items.Count; i++)
        {
            var step = YamlSection.Of(items[i], $"sales.depth.cadence[{i + 1}]", depth.Problems);
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

    private static T? Refuse<T>(YamlSection section, string key, string reason)
        where T : struct
    {
        section.Problems.Add(section.Get(key)!, section.Field(key), reason);
        return null;
    }
}
