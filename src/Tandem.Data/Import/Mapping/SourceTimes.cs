using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Tandem.Data.Import.Mapping;

/// <summary>
/// Reads a source's times and dates in the formats a mapping names: .NET custom date and time
/// formats (<c>dd-MM-yyyy</c>, <c>MM/dd/yyyy h:mm tt</c>, read with the invariant culture) tried in
/// order, and the word <c>iso</c> for ISO 8601 as the generic layout reads it. A format with an
/// offset (<c>zzz</c>) is taken as given (<c>K</c>, whose offset is optional, is refused); one without is read in the field's zone.
/// When none of them reads a value, the ISO local text an .xlsx date cell becomes
/// (<c>2018-02-01</c>, <c>2018-02-01T13:45:00</c>, see <see cref="XlsxCellText"/>) is read too: a
/// workbook's date cell is a real date, not text in the source's format, so the same mapping reads
/// the CSV export and the workbook one.
/// </summary>
public sealed class SourceTimes
{
    /// <summary>The word that stands for ISO 8601 in a list of formats.</summary>
    public const string Iso = "iso";

    private static readonly DateTime Probe = new(2031, 11, 23, 17, 45, 56, 789, DateTimeKind.Unspecified);

    private readonly string[] _formats;

    // The text XlsxCellText writes for a date cell: a date, or a date and time to the second or millisecond, never an offset.
    private static readonly NodaTime.Text.LocalDatePattern CellDate = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly NodaTime.Text.LocalDateTimePattern CellTime = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFF");

    /// <summary>Creates the reader; each of <paramref name="formats"/> must have passed <see cref="Check"/>.</summary>
    public SourceTimes(IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        _formats = formats.Count == 0 ? [Iso] : [.. formats];
    }

    /// <summary>The formats, in the order they are tried.</summary>
    public IReadOnlyList<string> Formats => _formats;

    /// <summary>What the reader accepts, for row errors.</summary>
    public string Expected => _formats.Length == 1 && _formats[0] == Iso
        ? TimeText.Iso.Expected
        : $"expected {string.Join(" or ", _formats.Select(f => f == Iso ? "ISO 8601" : f))}";

    /// <summary>
    /// Why <paramref name="format"/> cannot read dates, or null when it can: it must be a custom
    /// format (not a one-letter standard one) with a year, a month and a day, and read back what it writes.
    /// </summary>
    public static string? Check(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format == Iso) return null;
        if (format.Trim().Length == 0) return "is empty";
        if (format.Length == 1) return $"'{format}' is a one-letter standard format; write a custom one such as dd-MM-yyyy";
        var letters = Specifiers(format);
        // K makes the offset optional, and a time without one would be read in this machine's zone, never the field's.
        if (letters.Contains('K')) return $"'{format}' has K, whose offset may be missing, and then the host's zone would be assumed; write zzz for an offset every value has, or set the field's zone with the zone key";
        if (!letters.Contains('y')) return $"'{format}' has no year (yyyy)";
        if (!letters.Contains('M')) return letters.Contains('m')
            ? $"'{format}' has no month: mm is minutes, MM is the month"
            : $"'{format}' has no month (MM)";
        if (!HasDayOfMonth(format)) return $"'{format}' has no day of the month (dd)";
        if (letters.Contains('m') && !letters.Contains('h') && !letters.Contains('H')) return $"'{format}' has minutes (mm) but no hours (HH); the month is MM";
        if (letters.Contains('h') && !letters.Contains('t')) return $"'{format}' has 12-hour hours (h) but no AM/PM (tt), so 5 PM would read as 5 AM; write HH for the 24-hour clock";
        try
        {
            var written = HasOffset(format)
                ? new DateTimeOffset(Probe, TimeSpan.FromHours(-3)).ToString(format, CultureInfo.InvariantCulture)
                : Probe.ToString(format, CultureInfo.InvariantCulture);
            var back = HasOffset(format)
                ? DateTimeOffset.TryParseExact(written, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset) ? offset.DateTime : (DateTime?)null
                : DateTime.TryParseExact(written, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;
            if (back is null || back.Value.Date != Probe.Date) return $"'{format}' cannot read back the dates it writes (it wrote '{written}')";
        }
        catch (FormatException)
        {
            return $"'{format}' is not a .NET date and time format";
        }
        return null;
    }

    /// <summary>The instant <paramref name="text"/> names in the first format that reads it, local times read in <paramref name="zone"/>; null when none does.</summary>
    public Instant? Parse(string text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var format in _formats)
        {
            if (format == Iso)
            {
                if (TimeText.Iso.Parse(trimmed, zone) is { } iso) return iso;
                continue;
            }
            if (HasOffset(format))
            {
                if (DateTimeOffset.TryParseExact(trimmed, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset))
                    return Instant.FromDateTimeOffset(offset);
                continue;
            }
            if (DateTime.TryParseExact(trimmed, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return LocalDateTime.FromDateTime(local).InZone(zone, Resolvers.LenientResolver).ToInstant();
        }
        return WorkbookCell(trimmed)?.InZone(zone, Resolvers.LenientResolver).ToInstant();
    }

    /// <summary>The local date and time of a workbook date cell's text (<see cref="XlsxCellText"/>), or null for other text.</summary>
    private static LocalDateTime? WorkbookCell(string text)
    {
        var time = CellTime.Parse(text);
        if (time.Success) return time.Value;
        var date = CellDate.Parse(text);
        return date.Success ? date.Value.AtMidnight() : null;
    }

    /// <summary>The calendar date <paramref name="text"/> names in the first format that reads it; null when none does.</summary>
    public LocalDate? ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var format in _formats)
        {
            if (format == Iso)
            {
                var iso = NodaTime.Text.LocalDatePattern.Iso.Parse(trimmed);
                if (iso.Success) return iso.Value;
                continue;
            }
            if (DateTime.TryParseExact(trimmed, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return LocalDate.FromDateTime(local);
        }
        // A workbook date cell, whose text is ISO whatever the source's format (a date and time names its day).
        return WorkbookCell(trimmed)?.Date;
    }

    /// <summary>Whether the format writes an offset (<c>z</c>, <c>zz</c>, <c>zzz</c>, <c>K</c>; <see cref="Check"/> refuses <c>K</c>).</summary>
    public static bool HasOffset(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var letters = Specifiers(format);
        return letters.Contains('z') || letters.Contains('K');
    }

    /// <summary>The format's specifier letters, leaving out quoted and escaped literals.</summary>
    private static string Specifiers(string format)
    {
        var letters = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '\\') { i++; continue; }
            if (c is '\'' or '"')
            {
                var end = format.IndexOf(c, i + 1);
                i = end < 0 ? format.Length : end;
                continue;
            }
            letters.Append(c);
        }
        return letters.ToString();
    }

    /// <summary>A run of one or two <c>d</c> (three or more is the weekday's name, not the day).</summary>
    private static bool HasDayOfMonth(string format)
    {
        var letters = Specifiers(format);
        for (var i = 0; i < letters.Length; i++)
        {
            if (letters[i] != 'd') continue;
            var run = 1;
            while (i + run < letters.Length && letters[i + run] == 'd') run++;
            if (run <= 2) return true;
            i += run - 1;
        }
        return false;
    }
}
