using System.Globalization;

namespace Tandem.Data.Import.Mapping;

/// <summary>What <see cref="DateFormatGuesser"/> made of a column.</summary>
/// <param name="Format">The format to read it with (<see cref="SourceTimes.Iso"/> for ISO 8601).</param>
/// <param name="Others">Other formats that read every value too but give other dates (day and month swapped): the guess is ambiguous when there are any.</param>
/// <param name="Matched">Values the format reads.</param>
/// <param name="Total">Values looked at.</param>
/// <param name="HasTime">Whether the format has a time of day.</param>
/// <param name="Decisive">A value that rules a reading out (a day above 12), or null.</param>
public sealed record DateGuess(string Format, IReadOnlyList<string> Others, int Matched, int Total, bool HasTime, string? Decisive)
{
    /// <summary>Whether another format fits every value as well but reads other dates.</summary>
    public bool Ambiguous => Others.Count > 0;
}

/// <summary>
/// Guesses the format of a column of dates from a sample: tries .NET custom formats built from a
/// date order (day first, month first, year first), a separator, padded or not, and a time of day,
/// and keeps the first in order of preference that reads the most values. Day-first and
/// month-first are told apart by values above 12; when none is, the guess says it is ambiguous.
/// </summary>
public static class DateFormatGuesser
{
    private static readonly string[] Times =
        ["", " HH:mm", " HH:mm:ss", " H:mm", " H:mm:ss", " h:mm tt", " h:mm:ss tt", " hh:mm tt", " hh:mm:ss tt", "'T'HH:mm:ss", "'T'HH:mm", " HH:mm:ss.fff"];

    /// <summary>Every format tried, most preferred first.</summary>
    public static IReadOnlyList<string> Candidates { get; } = Build();

    private static List<string> Build()
    {
        var formats = new List<string>();
        foreach (var time in Times)
        {
            foreach (var separator in new[] { "-", "/", "." })
            {
                foreach (var (day, month) in new[] { ("dd", "MM"), ("d", "M") })
                {
                    foreach (var year in new[] { "yyyy", "yy" })
                    {
                        formats.Add($"{day}{separator}{month}{separator}{year}{time}");
                        formats.Add($"{month}{separator}{day}{separator}{year}{time}");
                    }
                    formats.Add($"yyyy{separator}{month}{separator}{day}{time}");
                }
            }
        }
        // '/' and ':' are the culture's separators in .NET formats; the invariant culture's are '/' and ':'.
        return formats;
    }

    /// <summary>The guess for <paramref name="values"/> (empty ones left out), or null when fewer than four in five read as dates in any one format.</summary>
    public static DateGuess? Guess(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sample = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Take(500).ToList();
        if (sample.Count == 0) return null;
        var iso = new SourceTimes([SourceTimes.Iso]);
        if (sample.All(v => v.Length >= 10 && v[4] == '-' && iso.Parse(v, NodaTime.DateTimeZone.Utc) is not null))
            return new DateGuess(SourceTimes.Iso, [], sample.Count, sample.Count, sample.Any(v => v.Length > 10), null);

        string? best = null;
        var bestCount = 0;
        DateTime[]? bestReadings = null;
        var fits = new List<(string Format, DateTime[] Readings)>();
        foreach (var format in Candidates)
        {
            var readings = new DateTime[sample.Count];
            var count = 0;
            for (var i = 0; i < sample.Count; i++)
                if (DateTime.TryParseExact(sample[i], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out readings[i])) count++;
            if (count == sample.Count) fits.Add((format, readings));
            if (count <= bestCount) continue;
            (best, bestCount, bestReadings) = (format, count, readings);
        }
        if (best is null || bestCount * 5 < sample.Count * 4) return null;
        var others = fits.Where(f => f.Format != best && !f.Readings.SequenceEqual(bestReadings!))
            .GroupBy(f => string.Join(',', f.Readings.Select(r => r.Ticks)))
            .Select(g => g.First().Format)
            .ToList();
        return new DateGuess(best, others, bestCount, sample.Count, best.Contains(':', StringComparison.Ordinal), Decisive(sample, best));
    }

    /// <summary>A value whose first or second number is above 12, which is what settles day against month.</summary>
    private static string? Decisive(List<string> sample, string format)
    {
        var dayFirst = format.StartsWith('d');
        var monthFirst = format.StartsWith('M');
        if (!dayFirst && !monthFirst) return null;
        var place = dayFirst ? 0 : 1;
        foreach (var value in sample)
        {
            var parts = value.Split('-', '/', '.', ' ');
            if (parts.Length > 1 && int.TryParse(parts[place], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day > 12) return value;
        }
        return null;
    }
}
