namespace Tandem.Data.Notifications;

/// <summary>How a channel delivers: a JSON webhook (signed), a Slack incoming webhook, or e-mail over SMTP.</summary>
public enum ChannelKind
{
    /// <summary>POST of the event as JSON, signed with HMAC-SHA256 when the channel has a secret.</summary>
    Webhook,
    /// <summary>POST of <c>{"text": ...}</c>, the shape of a Slack incoming webhook.</summary>
    Slack,
    /// <summary>An e-mail to the lead's rep or to fixed addresses.</summary>
    Email,
}

/// <summary>
/// Where SLA events go: a channel takes the events of the states and commitments it names
/// (warning and breached of both clocks by default) and delivers each to its target.
/// </summary>
/// <param name="Name">Unique; names the channel in the outbox.</param>
/// <param name="Kind">Webhook, Slack or e-mail.</param>
/// <param name="Target">A URL for webhooks; for e-mail <c>rep</c> (the lead's rep) or comma-separated addresses (a sales manager).</param>
/// <param name="Secret">The HMAC key of a webhook, or null.</param>
/// <param name="States">The clock states whose events it takes.</param>
/// <param name="Commitments">speed, depth or both.</param>
public sealed record NotificationChannel(string Name, ChannelKind Kind, string Target, string? Secret, IReadOnlySet<string> States, IReadOnlySet<string> Commitments)
{
    /// <summary>The states a channel takes unless told otherwise.</summary>
    public static readonly IReadOnlySet<string> DefaultStates = new HashSet<string>(["warning", "breached"]);

    /// <summary>Both clocks.</summary>
    public static readonly IReadOnlySet<string> BothCommitments = new HashSet<string>(["speed", "depth"]);

    /// <summary>The word stored for <paramref name="kind"/>.</summary>
    public static string Word(ChannelKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Whether the channel takes an event of this state and commitment.</summary>
    public bool Takes(string state, string commitment) => States.Contains(state) && Commitments.Contains(commitment);
}
