using System.Text.RegularExpressions;
using Tandem.Domain.Numbers;

namespace Tandem.Web.Pages;

/// <summary>
/// A plan's refusal in the Plan form's words: the domain names agreement-file keys
/// (<c>leadTypes</c>, <c>leadTypes[2].mix</c>), which the command line shows as they are but
/// which mean nothing beside the form's "Lead type mix" fields.
/// </summary>
public static partial class PlanProblemWords
{
    /// <summary>The message for <paramref name="problem"/>: its field in words, then its reason.</summary>
    public static string Of(InvalidInputException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Field == "leadTypes") return $"Lead type mix: {problem.Reason}.";
        if (MixOfOne().Match(problem.Field) is { Success: true } one) return $"Lead type mix (lead type {one.Groups[1].Value}): {problem.Reason}.";
        return $"{problem.Field}: {problem.Reason}";
    }

    [GeneratedRegex(@"^leadTypes\[(\d+)\]\.mix$")]
    private static partial Regex MixOfOne();
}
