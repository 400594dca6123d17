using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Tandem.Data.Import;

/// <summary>
/// Reads the times CRM exports write. A time with an offset (<c>2026-03-06T16:30:00-05:00</c>,
/// <c>...Z</c>) is taken as given; one without (<c>2026-03-06 16:30</c>, a bare date meaning
/// midnight) is read in the import's zone. In a daylight-saving gap a local time moves forward by
/// the gap; in an overlap the earlier instant is taken. Kept to the millisecond.
/// </summary>
public sealed class TimeText
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        .. new[] { "uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>", "uuuu'-'MM'-'dd'T'HH':'mmo<G>", "uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFFFo<G>", "uuuu'-'MM'-'dd HH':'mmo<G>",
                   "uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF o<G>", "uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFFF o<G>" }
            .Select(p => OffsetDateTimePattern.CreateWithInvariantCulture(p)),
    ];

    private static readonly LocalDateTimePattern[] IsoLocalPatterns =
    [
        .. new[] { "uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF", "uuuu'-'MM'-'dd'T'HH':'mm", "uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFFF", "uuuu'-'MM'-'dd HH':'mm" }
            .Select(p => LocalDateTimePattern.CreateWithInvariantCulture(p)),
    ];

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    private readonly LocalDateTimePattern[] _extraLocal;
    private readonly LocalDatePattern[] _extraDates;

    /// <summary>ISO 8601 times only (the generic layout, and mapped times without a format).</summary>
    public static TimeText Iso { get; } = new([], []);

    private TimeText(string[] localPatterns, string[] datePatterns)
    {
        _extraLocal = [.. localPatterns.Select(p => LocalDateTimePattern.Create(p, CultureInfo.InvariantCulture))];
        _extraDates = [.. datePatterns.Select(p => LocalDatePattern.Create(p, CultureInfo.InvariantCulture))];
    }

    /// <summary>What the reader accepts, for error messages.</summary>
    public string Expected => _extraDates.Length == 0
        ? "expected ISO 8601 such as 2026-03-06T16:30:00-05:00, 2026-03-06 16:30 or 2026-03-06"
        : "expected ISO 8601 such as 2026-03-06T16:30:00-05:00, or 3/6/2026 4:30 PM";

    /// <summary>The instant <paramref name="text"/> names, reading local times in <paramref name="zone"/>; null when it is not a time.</summary>
    public Instant? Parse(string text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length >= 10 && trimmed[4] == '-')
        {
            if (HasOffset(trimmed))
            {
                foreach (var pattern in OffsetPatterns)
                {
                    var result = pattern.Parse(trimmed);
                    if (result.Success) return result.Value.ToInstant();
                }
                return null;
            }
            foreach (var pattern in IsoLocalPatterns)
            {
                var result = pattern.Parse(trimmed);
                if (result.Success) return InZone(result.Value, zone);
            }
            var date = IsoDate.Parse(trimmed);
            return date.Success ? InZone(date.Value.AtMidnight(), zone) : null;
        }
        foreach (var pattern in _extraLocal)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success) return InZone(result.Value, zone);
        }
        foreach (var pattern in _extraDates)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success) return InZone(result.Value.AtMidnight(), zone);
        }
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 16 && text.AsSpan(16).IndexOfAny('+', '-') >= 0);

    private static Instant InZone(LocalDateTime local, DateTimeZone zone) =>
        local.InZone(zone, Resolvers.LenientResolver).ToInstant();
}
