using System.Numerics;
using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Leads;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Import;

/// <summary>
/// The readers for each kind of cell. Text is kept as written (trimmed); times become Unix
/// milliseconds; amounts, hours and shares become exact ten-thousandths.
/// </summary>
public static class CellReaders
{
    /// <summary>Longest text Tandem keeps in one field.</summary>
    public const int MaxTextLength = 2000;

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Free text (names, ids, companies): anything but NUL and over-long values.</summary>
    public static readonly CellReader Text = (string text, ImportContext _, out object? value) =>
    {
        value = null;
        var trimmed = text.Trim();
        if (trimmed.Length > MaxTextLength) return $"is {trimmed.Length:N0} characters long; at most {MaxTextLength:N0} are kept";
        if (trimmed.Contains('\0', StringComparison.Ordinal)) return "contains a NUL character";
        value = trimmed;
        return null;
    };

    /// <summary>An ISO 8601 time, or a local time read in the import's zone.</summary>
    public static CellReader Time(TimeText times) => (string text, ImportContext context, out object? value) =>
    {
        value = null;
        var instant = times.Parse(text, context.Zone);
        if (instant is null) return $"'{Shorten(text)}' is not a time ({times.Expected})";
        value = instant.Value.ToUnixTimeMilliseconds();
        return null;
    };

    /// <summary>A stage of the standard funnel or of the agreement's funnels, stored in its canonical spelling.</summary>
    public static readonly CellReader Stage = (string text, ImportContext context, out object? value) =>
    {
        value = context.Stage(text);
        return value is null
            ? $"'{Shorten(text)}' is not a known stage ({string.Join(", ", LeadStages.Standard.Concat(context.StageNames).Distinct())})"
            : null;
    };

    /// <summary>A touch channel.</summary>
    public static readonly CellReader Channel = (string text, ImportContext _, out object? value) =>
    {
        var channel = LeadVocabulary.Channel(text);
        value = channel is null ? null : LeadVocabulary.Word(channel.Value);
        return value is null ? $"'{Shorten(text)}' is not a channel (call, email, meeting, social)" : null;
    };

    /// <summary>A touch outcome.</summary>
    public static readonly CellReader Outcome = (string text, ImportContext _, out object? value) =>
    {
        var outcome = LeadVocabulary.Outcome(text);
        value = outcome is null ? null : LeadVocabulary.Word(outcome.Value);
        return value is null ? $"'{Shorten(text)}' is not an outcome (connected, no_answer, voicemail, bounced, replied)" : null;
    };

    /// <summary>A deal status.</summary>
    public static readonly CellReader Status = (string text, ImportContext _, out object? value) =>
    {
        var status = LeadVocabulary.Status(text);
        value = status is null ? null : LeadVocabulary.Word(status.Value);
        return value is null ? $"'{Shorten(text)}' is not a deal status (open, won, lost)" : null;
    };

    /// <summary>A money amount, zero or more, to four decimal places, stored in ten-thousandths.</summary>
    public static readonly CellReader Amount = (string text, ImportContext _, out object? value) =>
        TenThousandths(text, "an amount (digits, optional decimals, no currency symbol)", Fraction.Zero, null, out value);

    /// <summary>Weekly hours, 0 to 168.</summary>
    public static readonly CellReader WeeklyHours = (string text, ImportContext _, out object? value) =>
        TenThousandths(text, "a number of hours", Fraction.Zero, 168, out value);

    /// <summary>A share from 0 to 1 (0.6 or 60%), stored in ten-thousandths.</summary>
    public static readonly CellReader Share = (string text, ImportContext context, out object? value) =>
    {
        value = null;
        if (!NumberText.TryParse(text, out var share, out _, out var reason)) return reason;
        if (share < Fraction.Zero || share > Fraction.One) return $"'{Shorten(text)}' is not a share from 0% to 100%";
        var scaled = share * 10_000;
        if (!scaled.IsInteger) return $"'{Shorten(text)}' is finer than 0.01% (write e.g. 33.33%)";
        value = (long)scaled.Numerator;
        return null;
    };

    /// <summary>A three-letter ISO 4217 currency code, stored upper-case.</summary>
    public static readonly CellReader Currency = (string text, ImportContext _, out object? value) =>
    {
        var code = text.Trim().ToUpperInvariant();
        value = code.Length == 3 && code.All(char.IsAsciiLetterUpper) ? code : null;
        return value is null ? $"'{Shorten(text)}' is not a three-letter currency code such as USD" : null;
    };

    /// <summary>An IANA time zone id.</summary>
    public static readonly CellReader Zone = (string text, ImportContext _, out object? value) =>
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text.Trim());
        value = zone?.Id;
        return value is null ? $"'{Shorten(text)}' is not an IANA time zone such as Europe/Berlin" : null;
    };

    /// <summary>A calendar date, yyyy-MM-dd.</summary>
    public static readonly CellReader Date = (string text, ImportContext _, out object? value) =>
    {
        var date = IsoDate.Parse(text.Trim());
        value = date.Success ? IsoDate.Format(date.Value) : null;
        return value is null ? $"'{Shorten(text)}' is not a date (expected yyyy-MM-dd)" : null;
    };

    private static string? TenThousandths(string text, string what, Fraction min, long? max, out object? value)
    {
        value = null;
        if (!NumberText.TryParseDecimal(text, out var number)) return $"'{Shorten(text)}' is not {what}";
        if (number < min) return $"'{Shorten(text)}' is negative";
        if (max is not null && number > max.Value) return $"'{Shorten(text)}' is more than {max}";
        var scaled = number * 10_000;
        if (!scaled.IsInteger) return $"'{Shorten(text)}' has more than 4 decimal places";
        if (scaled.Numerator > new BigInteger(long.MaxValue)) return $"'{Shorten(text)}' is too large";
        value = (long)scaled.Numerator;
        return null;
    }

    /// <summary>Long values cut for messages, so one bad cell cannot flood the error report.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > 60) trimmed = string.Concat(trimmed.AsSpan(0, 57), "...");
        // Control characters (a newline in a form field) would break the one-line-per-problem report.
        return trimmed.Any(char.IsControl) ? new string([.. trimmed.Select(c => char.IsControl(c) ? '?' : c)]) : trimmed;
    }
}
