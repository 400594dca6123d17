using Tandem.Domain.Capacity;
using Tandem.Domain.Numbers;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>capacity</c>: minutes per attempt (one number, or by channel with a default), the ramp
/// of a new rep, and the team's size (<c>reps</c>, <c>hoursPerWeek</c>, <c>marketingShare</c>) for
/// when reps are not in the store. No section: no capacity check.
/// </summary>
internal static class CapacitySection
{
    public static (bool Ok, CapacitySettings? Settings) Read(YamlSection root)
    {
        if (root.Get("capacity") is not { } node) return (true, null);
        var section = YamlSection.Of(node, "capacity", root.Problems);
        if (section is null) return (false, null);
        var problems = section.Problems;
        var before = problems.Errors.Count;

        Fraction? defaultMinutes = null;
        var channels = new Dictionary<string, Fraction>(StringComparer.Ordinal);
        switch (section.Get("minutesPerAttempt"))
        {
            case null:
                problems.Add(section.Node, "capacity.minutesPerAttempt", "is required: how many minutes an attempt takes (one number, or by channel: call, email, meeting, social, default)");
                break;
            case YamlMappingNode:
                var byChannel = YamlSection.Of(section.Get("minutesPerAttempt")!, "capacity.minutesPerAttempt", problems)!;
                foreach (var channel in CapacitySettings.Channels)
                    if (byChannel.Parse(channel, Minutes) is { } minutes) channels[channel] = minutes;
                defaultMinutes = byChannel.Parse("default", Minutes, required: true);
                byChannel.CheckUnknownKeys(["default", .. CapacitySettings.Channels]);
                break;
            default:
                defaultMinutes = section.Parse("minutesPerAttempt", Minutes);
                break;
        }

        var ramp = new List<Share>();
        var steps = section.List("ramp");
        for (var i = 0; i < steps.Count; i++)
        {
            var field = $"capacity.ramp[{i + 1}]";
            if (section.Scalar(steps[i], field) is not { } text) continue;
            try
            {
                var step = Share.Parse(text, field);
                if (ramp.Count > 0 && step.Value < ramp[^1].Value) problems.Add(steps[i], field, $"{step} is below the month before ({ramp[^1]}): a ramp only rises");
                ramp.Add(step);
            }
            catch (InvalidInputException e) { problems.Add(steps[i], e.Field, e.Reason); }
        }

        var reps = section.Parse("reps", WholeReps);
        var hours = section.Parse("hoursPerWeek", Hours);
        var share = section.Parse("marketingShare", Share.Parse);
        if ((reps is null) != (hours is null)) problems.Add(section.Node, "capacity", "reps and hoursPerWeek go together: give both for a team that is not in the store, or neither");
        section.CheckUnknownKeys(["minutesPerAttempt", "ramp", "reps", "hoursPerWeek", "marketingShare"]);
        if (problems.Errors.Count > before || defaultMinutes is null) return (false, null);
        var settings = problems.Try(node, () => new CapacitySettings(defaultMinutes.Value, channels, ramp,
            reps is { } n && hours is { } h ? new TeamSize(n, h, share ?? Share.Whole) : null));
        return (settings is not null, settings);
    }

    private static Fraction Minutes(string text, string field) =>
        NumberText.TryParseDecimal(text.Trim(), out var value) && value.Sign > 0
            ? value
            : throw new InvalidInputException(field, $"'{text}' is not a number of minutes above 0");

    private static Fraction Hours(string text, string field) =>
        NumberText.TryParseDecimal(text.Trim(), out var value) && value.Sign > 0 && value <= 168
            ? value
            : throw new InvalidInputException(field, $"'{text}' is not a number of hours a week (above 0, at most 168)");

    private static int WholeReps(string text, string field) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InvalidInputException(field, $"'{text}' is not a whole number of reps (1 or more)");
}
