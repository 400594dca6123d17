using NodaTime;
using NodaTime.Text;

namespace Tandem.Cli.Output;

/// <summary>Every time Tandem prints: ISO 8601 with an explicit offset (<c>+00:00</c> for UTC), in the configured zone.</summary>
public static class TimeOutput
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>Formats Unix milliseconds in <paramref name="zone"/>.</summary>
    public static string Format(long unixMs, DateTimeZone zone) => Format(Instant.FromUnixTimeMilliseconds(unixMs), zone);

    /// <summary>Formats <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone).ToOffsetDateTime());
}
