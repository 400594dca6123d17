using System.Globalization;
using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Web.Pages;

/// <summary>
/// What the lead timeline partial (Shared/_LeadTimeline) shows: a lead's page read by
/// <see cref="LeadPageTimeline"/>, with times in the agreement's zone (named), and a rep's own time
/// beside them where the rep's zone differs (the zone the deadline was counted in).
/// </summary>
/// <param name="View">The lead.</param>
/// <param name="Source">The lead's source.</param>
/// <param name="Zone">The agreement's zone.</param>
/// <param name="Now">Now: entries after it are still to come.</param>
/// <param name="HeadingLevel">2 inside another page (the breach queue), 1 on the lead page.</param>
/// <param name="Close">Where "Close" leads back to, or null for no such link.</param>
public sealed record LeadTimelineModel(LeadPageView View, string Source, DateTimeZone Zone, Instant Now, int HeadingLevel, string? Close)
{
    /// <summary>The lead's id.</summary>
    public string Id => View.Field("id") ?? "";

    /// <summary>An instant in the agreement's zone, to the minute: 2026-12-01 03:30.</summary>
    public string Local(Instant at) => at.InZone(Zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The same instant in <paramref name="zone"/> when it is another zone ("09:30 Europe/Berlin", with the date when it differs), else null.</summary>
    public string? InZone(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Id == Zone.Id) return null;
        var there = at.InZone(zone).LocalDateTime;
        var pattern = there.Date == at.InZone(Zone).Date ? "HH:mm" : "ddd d MMM HH:mm";
        return $"{there.ToString(pattern, CultureInfo.InvariantCulture)} {zone.Id}";
    }

    /// <summary>A stored time in milliseconds, in the agreement's zone; empty when null.</summary>
    public string Local(object? milliseconds) => milliseconds is long ms ? Local(Instant.FromUnixTimeMilliseconds(ms)) : "";

    /// <summary>The lead page's address.</summary>
    public static string Link(string source, string id) => $"/leads/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(id)}";
}
