using System.Globalization;
using System.Text.RegularExpressions;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Agreements;

/// <summary>Reads the durations an agreement file allows: "30 minutes", "2 hours", "14 days", "4 weeks", or a bare whole number in the default unit.</summary>
internal static partial class DurationText
{
    /// <summary>Whole minutes: a bare number is minutes.</summary>
    public static int Minutes(string text, string field)
    {
        var (n, unit) = Split(text, field, "30 minutes or 2 hours");
        return unit switch
        {
            "" or "m" or "min" or "mins" or "minute" or "minutes" => n,
            "h" or "hour" or "hours" => checked(n * 60),
            _ => throw new InvalidInputException(field, $"'{text}': unknown unit '{unit}'; write minutes or hours, e.g. 30 minutes or 2 hours"),
        };
    }

    /// <summary>Whole days: a bare number is days.</summary>
    public static int Days(string text, string field)
    {
        var (n, unit) = Split(text, field, "14 days or 2 weeks");
        return unit switch
        {
            "" or "d" or "day" or "days" => n,
            "w" or "week" or "weeks" => checked(n * 7),
            _ => throw new InvalidInputException(field, $"'{text}': unknown unit '{unit}'; write days or weeks, e.g. 14 days or 2 weeks"),
        };
    }

    /// <summary>The text for <paramref name="minutes"/>: hours when whole, else minutes.</summary>
    public static string FormatMinutes(int minutes) =>
        minutes % 60 == 0 && minutes >= 60 ? $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}" : $"{minutes} minute{(minutes == 1 ? "" : "s")}";

    /// <summary>The text for <paramref name="days"/>.</summary>
    public static string FormatDays(int days) => $"{days} day{(days == 1 ? "" : "s")}";

    private static (int, string) Split(string text, string field, string example)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            throw new InvalidInputException(field, $"'{text}' is not a duration; write a whole number and a unit, e.g. {example}");
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new InvalidInputException(field, $"'{text}' is too large");
        return (n, match.Groups[2].Value.ToLowerInvariant());
    }

    [GeneratedRegex(@"^(\d+)\s*([A-Za-z]*)$")]
    private static partial Regex Pattern();
}
