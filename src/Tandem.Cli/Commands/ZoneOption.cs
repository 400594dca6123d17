using System.CommandLine;
using NodaTime;

namespace Tandem.Cli.Commands;

/// <summary>
/// The <c>--zone</c> option: the IANA time zone that times without an offset are read in. Default
/// TANDEM_TIME_ZONE, else UTC; never the host's zone, so the same command means the same everywhere.
/// </summary>
public static class ZoneOption
{
    /// <summary>The environment variable that configures the zone.</summary>
    public const string Variable = "TANDEM_TIME_ZONE";

    /// <summary>Creates the option.</summary>
    public static Option<string?> Create() => new("--zone")
    {
        Description = "IANA time zone for times without an offset (default TANDEM_TIME_ZONE, else UTC).",
    };

    /// <summary>The zone the flag, else the environment, names; UTC when neither does.</summary>
    /// <exception cref="CliUsageException">The name is not an IANA zone.</exception>
    public static DateTimeZone Resolve(string? flag)
    {
        var (name, origin) = flag is not null ? (flag, "--zone") : (Environment.GetEnvironmentVariable(Variable), Variable);
        if (string.IsNullOrWhiteSpace(name)) return DateTimeZone.Utc;
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(name.Trim())
            ?? throw new CliUsageException($"{origin}: '{name}' is not an IANA time zone such as Europe/Berlin or America/New_York");
    }
}
