using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Agreements;

/// <summary>
/// The agreement file's readers of single values, for forms that edit one field at a time (the
/// web app's calendar and commitments form): the same parsing and the same reasons as the file,
/// each failure an <see cref="InvalidInputException"/> naming <c>field</c>.
/// </summary>
public static partial class AgreementFieldText
{
    /// <summary>An IANA time zone.</summary>
    public static DateTimeZone TimeZone(string text, string field) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull((text ?? "").Trim())
        ?? throw new InvalidInputException(field, $"'{text}' is not an IANA time zone such as America/New_York, Europe/Berlin or UTC");

    /// <summary>A day's working hours: "09:00-17:00", several ranges ("09:00-12:00, 13:00-17:00"), or "off" (none).</summary>
    public static IReadOnlyList<WorkingInterval> WorkingHours(string text, string field)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && parts[0].Equals("off", StringComparison.OrdinalIgnoreCase)) return [];
        if (parts.Length == 0) throw new InvalidInputException(field, $"'{text}' is not a time range; write 09:00-17:00 (24-hour HH:mm), a list of ranges, or off");
        return [.. parts.Select(p => Range(p, field))];
    }

    /// <summary>One range, "09:00-17:00".</summary>
    public static WorkingInterval Range(string text, string field)
    {
        var match = RangePattern().Match((text ?? "").Trim());
        var start = match.Success ? LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(match.Groups[1].Value) : null;
        var end = match.Success ? LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(match.Groups[2].Value) : null;
        if (start is null || !start.Success || end is null || !end.Success)
            throw new InvalidInputException(field, $"'{text}' is not a time range; write 09:00-17:00 (24-hour HH:mm), a list of ranges, or off");
        return new WorkingInterval(start.Value, end.Value);
    }

    /// <summary>A holiday: a date (2026-12-25) or a day every year (12-25).</summary>
    public static Holiday Holiday(string text, string field)
    {
        var trimmed = (text ?? "").Trim();
        var date = LocalDatePattern.Iso.Parse(trimmed);
        if (date.Success) return new Holiday.OnDate(date.Value);
        var annual = AnnualDatePattern.Iso.Parse(trimmed);
        if (annual.Success) return new Holiday.Yearly(annual.Value);
        throw new InvalidInputException(field, $"'{text}' is not a holiday; write a date (2026-12-25) or a yearly day (12-25)");
    }

    /// <summary>Whole minutes ("30 minutes", "2 hours"; a bare number is minutes).</summary>
    public static int Minutes(string text, string field) => DurationText.Minutes(text ?? "", field);

    /// <summary>Whole days ("14 days", "2 weeks"; a bare number is days).</summary>
    public static int Days(string text, string field) => DurationText.Days(text ?? "", field);

    /// <summary>A whole number.</summary>
    public static int WholeNumber(string text, string field) =>
        int.TryParse((text ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidInputException(field, $"'{text}' is not a whole number");

    /// <summary>The speed clock: working (business hours only) or wall (every minute counts).</summary>
    public static ClockKind Clock(string text, string field) => (text ?? "").Trim() switch
    {
        "working" => ClockKind.Working,
        "wall" => ClockKind.Wall,
        _ => throw new InvalidInputException(field, $"'{text}' is not a clock; write working (business hours only) or wall (every minute counts)"),
    };

    /// <summary>The depth's kind of day: calendar or working.</summary>
    public static DayKind DayKind(string text, string field) => (text ?? "").Trim() switch
    {
        "calendar" => Tandem.Domain.Agreements.DayKind.Calendar,
        "working" => Tandem.Domain.Agreements.DayKind.Working,
        _ => throw new InvalidInputException(field, $"'{text}' is not a kind of day; write calendar or working"),
    };

    /// <summary>How the file writes a day's hours: the ranges, or off.</summary>
    public static string Format(IReadOnlyList<WorkingInterval>? hours) =>
        hours is null || hours.Count == 0 ? "off" : string.Join(", ", hours.Select(h => h.ToString()));

    /// <summary>How the file writes a holiday.</summary>
    public static string Format(Holiday holiday) => holiday switch
    {
        Holiday.OnDate on => on.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        Holiday.Yearly yearly => yearly.Date.ToString("MM-dd", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(holiday?.GetType().Name),
    };

    /// <summary>How the file writes minutes.</summary>
    public static string FormatMinutes(int minutes) => DurationText.FormatMinutes(minutes);

    /// <summary>How the file writes days.</summary>
    public static string FormatDays(int days) => DurationText.FormatDays(days);

    [GeneratedRegex(@"^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$")]
    private static partial Regex RangePattern();
}
