using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Agreements;

/// <summary>
/// The agreement file's readers of the single values of <c>deliverables</c>, shared by the file
/// (<see cref="DeliverablesSection"/>) and the web app's edit form, so a value means the same in
/// both and is refused with the same reason; each failure an <see cref="InvalidInputException"/>
/// naming <c>field</c>.
/// </summary>
public static class DeliverableFieldText
{
    /// <summary>A quota's count, a whole number from 1 to 10,000.</summary>
    public static int Count(string text, string field)
    {
        var n = WholeNumber(text, field);
        _ = new Quota(n, QuotaPeriod.Month, field);
        return n;
    }

    /// <summary>A quota's window: week, month, quarter or year.</summary>
    public static QuotaPeriod Per(string text, string field) =>
        Quota.ParsePer(text) ?? throw new InvalidInputException(field, $"'{(text ?? "").Trim()}' is not a period; write week, month, quarter or year");

    /// <summary>The campaign follow-up's clock: wall (every hour counts) or working (the calendar's working hours).</summary>
    public static ClockKind FollowUpClock(string text, string field) => (text ?? "").Trim() switch
    {
        "wall" => ClockKind.Wall,
        "working" => ClockKind.Working,
        var other => throw new InvalidInputException(field, $"'{other}' is not a clock; write wall (every hour counts, the default) or working (the calendar's working hours only)"),
    };

    /// <summary>Whole days ("30 days", "4 weeks"; a bare number is days).</summary>
    public static int Days(string text, string field) => DurationText.Days(text ?? "", field);

    /// <summary>Whole minutes ("48 hours", "90 minutes"; a bare number is minutes).</summary>
    public static int Minutes(string text, string field) => DurationText.Minutes(text ?? "", field);

    /// <summary>A deadline part's required share (95%, 0.95, 19 in 20).</summary>
    public static Share Required(string text, string field) => Share.Parse(text ?? "", field);

    /// <summary>A whole number (the touches a piece is used in).</summary>
    public static int WholeNumber(string text, string field) =>
        int.TryParse((text ?? "").Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidInputException(field, $"'{text}' is not a whole number");

    /// <summary>How the file writes a share: a percentage when exact, else a ratio.</summary>
    public static string Format(Share share) => AgreementFileWriter.Proportion(share.Value);

    /// <summary>How the file writes a quota's window.</summary>
    public static string Format(QuotaPeriod per) => Quota.Word(per);
}
