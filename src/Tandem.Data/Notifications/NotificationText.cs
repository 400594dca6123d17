using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Reps;

namespace Tandem.Data.Notifications;

/// <summary>What a notification says: one line a person understands, and the event as JSON for machines.</summary>
public static class NotificationText
{
    private static readonly OffsetDateTimePattern Time = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <summary>The subject line: "SLA breached: first touch of lead L42, rep Dana Ruiz (rep-7)" (", rep rep-7" when the rep has no name).</summary>
    public static string Subject(SlaEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var what = e.Commitment == "speed" ? "first touch" : "follow-up cadence";
        return $"SLA {e.State}: {what} of lead {e.LeadId}, rep {Rep(e)}";
    }

    /// <summary>The event's rep as people read it (issue 21): "Dana Ruiz (rep-7)", the id alone without a name.</summary>
    public static string Rep(SlaEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RepWithId.Text(e.RepName, e.Rep);
    }

    /// <summary>The sentence: what happened, when, and what to do.</summary>
    public static string Sentence(SlaEvent e, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(e);
        var when = Time.Format(e.At.InZone(zone).ToOffsetDateTime());
        var lead = e.Source == "default" ? e.LeadId : $"{e.Source}/{e.LeadId}";
        var step = e.Step > 0 && e.Commitment == "depth" ? $" (cadence step {e.Step})" : "";
        var rep = Rep(e);
        return (e.Commitment, e.State) switch
        {
            ("speed", "warning") => $"Lead {lead}, handed to {rep}, has not been touched yet; its first touch is due soon (warning at {when}). Call or write now.",
            ("speed", "breached") => $"Lead {lead}, handed to {rep}, was not touched in time: the first-touch deadline passed at {when}.",
            ("depth", "warning") => $"Lead {lead}, handed to {rep}, is behind its follow-up cadence{step} since {when}; more attempts are due before the deadline.",
            ("depth", "breached") => $"Lead {lead}, handed to {rep}, missed its follow-up cadence{step} at {when}.",
            (_, "met") => $"Lead {lead}: the {e.Commitment} commitment was met at {when} by {rep}.",
            (_, "stopped") => $"Lead {lead}: its {e.Commitment} clock stopped at {when} (disqualified or recycled).",
            _ => $"Lead {lead}: its {e.Commitment} clock was cancelled at {when}.",
        };
    }

    /// <summary>The JSON body of a webhook delivery.</summary>
    public static string WebhookJson(SlaEvent e, DateTimeZone zone, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonSerializer.Serialize(new
        {
            id = idempotencyKey,
            type = $"sla.{e.State}",
            text = Sentence(e, zone),
            @event = new
            {
                lead = e.LeadId,
                source = e.Source,
                episode = e.Episode,
                commitment = e.Commitment,
                state = e.State,
                at = Time.Format(e.At.InZone(zone).ToOffsetDateTime()),
                step = e.Step,
                rule = e.Rule,
                rep = e.Rep,
                repName = e.RepName,
            },
        });
    }

    /// <summary>The body of a Slack incoming webhook.</summary>
    public static string SlackJson(SlaEvent e, DateTimeZone zone) => JsonSerializer.Serialize(new { text = $"*{Subject(e)}*\n{Sentence(e, zone)}" });
}
