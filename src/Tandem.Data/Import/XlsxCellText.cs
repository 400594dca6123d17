using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Tandem.Data.Import;

/// <summary>What a cell's number format makes of its number.</summary>
public enum XlsxNumberKind
{
    /// <summary>A plain number.</summary>
    Number,

    /// <summary>A calendar date (day, month or year parts only).</summary>
    Date,

    /// <summary>A time of day (hour, minute or second parts only).</summary>
    Time,

    /// <summary>A date and a time.</summary>
    DateTime,
}

/// <summary>
/// Turns the values a spreadsheet stores into the text a CSV export of the same data would carry,
/// but unambiguous: numbers as the shortest text Excel itself would show (15 significant digits, so
/// a stored 0.30000000000000004 or 2.0499999999999998 reads 0.3 and 2.05, and no exponent), dates
/// held as serial day numbers as ISO 8601 local text (read in the import's zone like any local time).
/// </summary>
public static class XlsxCellText
{
    private static readonly LocalDate Epoch1900 = new(1899, 12, 30);
    private static readonly LocalDate Epoch1904 = new(1904, 1, 1);
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly LocalTimePattern IsoTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss");
    private static readonly LocalTimePattern IsoTimeMs = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss'.'fff");

    /// <summary>Serial 2,958,465 is 9999-12-31, the last day a spreadsheet shows.</summary>
    private const decimal LastSerial = 2_958_466m;

    /// <summary>The text of a stored number <paramref name="raw"/> (as the sheet's XML writes it).</summary>
    /// <returns>Null when <paramref name="raw"/> is not a number.</returns>
    public static string? Number(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        // Whole numbers are kept digit for digit: an id stored as a number must not turn into 1.23E+15.
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        if (!digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9')) return text;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return null;
        if (number == 0) return "0";
        var shown = number.ToString("G15", CultureInfo.InvariantCulture);
        if (!shown.Contains('E', StringComparison.Ordinal)) return shown;
        // Exponent form (1E-07, 1.5E+20): written out, as long as decimal can hold it exactly.
        return decimal.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain != 0
            ? plain.ToString(CultureInfo.InvariantCulture)
            : shown;
    }

    /// <summary>
    /// The ISO text of serial day number <paramref name="raw"/>: <c>2018-02-01</c> for a date,
    /// <c>13:45:00</c> for a time of day, <c>2018-02-01T13:45:00</c> for both (a date format whose
    /// value also has a time of day keeps it, since the stored value is the truth), milliseconds only
    /// when not zero. Rounded to the millisecond from the decimal text, so 0.5416666666666666 is 13:00.
    /// </summary>
    /// <param name="raw">The stored number.</param>
    /// <param name="kind">What the cell's format shows.</param>
    /// <param name="date1904">Whether the workbook counts days from 1904 (old Mac workbooks).</param>
    /// <param name="text">The text, when the result is null.</param>
    /// <returns>Null, or why the value is no date.</returns>
    public static string? Serial(string raw, XlsxNumberKind kind, bool date1904, out string text)
    {
        ArgumentNullException.ThrowIfNull(raw);
        text = "";
        if (!decimal.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)) return $"'{CellReaders.Shorten(raw)}' is not a number";
        if (serial < 0 || serial >= LastSerial) return $"is formatted as a date but holds {Number(raw)}, which is no date a spreadsheet can show";
        var ms = (long)Math.Round(serial * 86_400_000m, MidpointRounding.AwayFromZero);
        var days = ms / 86_400_000;
        var inDay = ms % 86_400_000;
        LocalDate date;
        if (date1904) date = Epoch1904.PlusDays(checked((int)days));
        else if (days == 60) return "is formatted as a date but holds day 60, 1900-02-29, a day that does not exist (a spreadsheet's leap-year quirk)";
        // Lotus 1-2-3's phantom 1900-02-29 (day 60), which Excel keeps: the days before it are one off.
        else date = Epoch1900.PlusDays(checked((int)(days < 60 ? days + 1 : days)));
        var time = LocalTime.FromMillisecondsSinceMidnight(checked((int)inDay));
        var timeText = (inDay % 1000 == 0 ? IsoTime : IsoTimeMs).Format(time);
        text = kind switch
        {
            XlsxNumberKind.Date when inDay == 0 => IsoDate.Format(date),
            XlsxNumberKind.Time when days == 0 => timeText,
            _ => $"{IsoDate.Format(date)}T{timeText}",
        };
        return null;
    }

    /// <summary>
    /// What number format <paramref name="code"/> shows: a date, a time, both, or a plain number.
    /// Quoted text, escapes, colours and conditions are skipped; elapsed time (<c>[h]:mm</c>) is a
    /// duration, kept as a number.
    /// </summary>
    public static XlsxNumberKind KindOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var section = code.Split(';')[0];
        var letters = new System.Text.StringBuilder();
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            switch (c)
            {
                case '"':
                    var close = section.IndexOf('"', i + 1);
                    i = close < 0 ? section.Length : close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = section.IndexOf(']', i + 1);
                    var inside = end < 0 ? section[(i + 1)..] : section[(i + 1)..end];
                    if (inside.Length > 0 && inside.All(ch => ch is 'h' or 'H' or 'm' or 'M' or 's' or 'S')) return XlsxNumberKind.Number;
                    i = end < 0 ? section.Length : end;
                    break;
                default:
                    letters.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        var rest = letters.ToString();
        if (rest.Contains("general", StringComparison.Ordinal)) return XlsxNumberKind.Number;
        var ampm = rest.Contains("am/pm", StringComparison.Ordinal) || rest.Contains("a/p", StringComparison.Ordinal);
        rest = rest.Replace("am/pm", "", StringComparison.Ordinal).Replace("a/p", "", StringComparison.Ordinal);
        var hasTime = ampm || rest.Contains('h', StringComparison.Ordinal) || rest.Contains('s', StringComparison.Ordinal);
        var hasDate = rest.Contains('y', StringComparison.Ordinal) || rest.Contains('d', StringComparison.Ordinal)
            || (!hasTime && rest.Contains('m', StringComparison.Ordinal));
        return (hasDate, hasTime) switch
        {
            (true, true) => XlsxNumberKind.DateTime,
            (true, false) => XlsxNumberKind.Date,
            (false, true) => XlsxNumberKind.Time,
            _ => XlsxNumberKind.Number,
        };
    }

    /// <summary>What a built-in number format (ECMA-376 18.8.30) shows; ids not listed are numbers.</summary>
    public static XlsxNumberKind KindOf(uint builtInId) => builtInId switch
    {
        >= 14 and <= 17 => XlsxNumberKind.Date,
        >= 18 and <= 21 or 45 or 47 => XlsxNumberKind.Time,
        22 => XlsxNumberKind.DateTime,
        // East Asian built-in formats.
        >= 27 and <= 31 or 36 or >= 50 and <= 58 => XlsxNumberKind.Date,
        >= 32 and <= 35 => XlsxNumberKind.Time,
        _ => XlsxNumberKind.Number,
    };

    /// <summary>The column letters of zero-based <paramref name="index"/> (0 is A, 26 is AA).</summary>
    public static string Letters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }

    /// <summary>The zero-based column of a cell reference such as <c>AB12</c>, or -1.</summary>
    public static int ColumnOf(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = checked((column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1));
            if (column > 16_384) return -1;
        }
        return i == 0 ? -1 : column - 1;
    }
}
