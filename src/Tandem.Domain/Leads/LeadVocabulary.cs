namespace Tandem.Domain.Leads;

/// <summary>
/// Reads the words CRMs use for channels, outcomes and deal states ("No answer", "no_answer",
/// "Closed Won"), ignoring case, spaces, dashes and underscores.
/// </summary>
public static class LeadVocabulary
{
    /// <summary>The channel <paramref name="text"/> names, or null.</summary>
    public static TouchChannel? Channel(string text) => Key(text) switch
    {
        "call" or "phone" or "phonecall" => TouchChannel.Call,
        "email" or "mail" => TouchChannel.Email,
        "meeting" or "video" or "videocall" => TouchChannel.Meeting,
        "social" or "linkedin" or "inmail" => TouchChannel.Social,
        _ => null,
    };

    /// <summary>The outcome <paramref name="text"/> names, or null.</summary>
    public static TouchOutcome? Outcome(string text) => Key(text) switch
    {
        "connected" or "reached" => TouchOutcome.Connected,
        "noanswer" or "noresponse" => TouchOutcome.NoAnswer,
        "voicemail" or "leftvoicemail" => TouchOutcome.Voicemail,
        "bounced" or "bounce" => TouchOutcome.Bounced,
        "replied" or "reply" => TouchOutcome.Replied,
        _ => null,
    };

    /// <summary>The deal status <paramref name="text"/> names, or null.</summary>
    public static DealStatus? Status(string text) => Key(text) switch
    {
        "open" => DealStatus.Open,
        "won" or "closedwon" => DealStatus.Won,
        "lost" or "closedlost" => DealStatus.Lost,
        _ => null,
    };

    /// <summary>The canonical word for a channel, as files and the API write it.</summary>
    public static string Word(TouchChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>The canonical word for an outcome (<c>no_answer</c> for <see cref="TouchOutcome.NoAnswer"/>).</summary>
    public static string Word(TouchOutcome outcome) => outcome == TouchOutcome.NoAnswer ? "no_answer" : outcome.ToString().ToLowerInvariant();

    /// <summary>The canonical word for a deal status.</summary>
    public static string Word(DealStatus status) => status.ToString().ToLowerInvariant();

    private static string Key(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
