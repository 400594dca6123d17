using NodaTime;
using Tandem.Data.Store;
using Tandem.Web.Notifications;

namespace Tandem.Web;

/// <summary>What the server runs on: the database, and the zone every time it prints is shown in.</summary>
/// <param name="Database">Where the data lives.</param>
/// <param name="Zone">The configured time zone (UTC unless configured).</param>
public sealed record TandemServerSettings(DatabaseTarget Database, DateTimeZone Zone)
{
    /// <summary>The clock the breach monitor reads (a fake one in tests).</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>Whether the breach monitor and the notification dispatcher run in this instance.</summary>
    public bool RunMonitor { get; init; } = true;

    /// <summary>How often the monitor looks at the clocks and the outbox.</summary>
    public Duration MonitorInterval { get; init; } = Duration.FromSeconds(30);

    /// <summary>The SMTP server e-mail notifications go through, or null when none is configured.</summary>
    public SmtpSettings? Smtp { get; init; }

    /// <summary>The Chromium that prints the agreement's PDF (null: TANDEM_CHROMIUM, else the usual paths).</summary>
    public string? Chromium { get; init; }

    /// <summary>This instance's name in the outbox's claims.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}
