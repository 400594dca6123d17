using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Deliverables;

/// <summary>
/// The agreement's commitments beyond leads, speed and depth: content, campaigns, reporting and
/// training, each with a marketing part and a sales part. A part left out (null) is not
/// committed to and has no scorecard line.
/// </summary>
/// <param name="Content">Content creation and sales' use of it.</param>
/// <param name="Campaigns">Campaign execution and sales' follow-up of campaign leads.</param>
/// <param name="Reporting">Performance reports and sales' feedback on them.</param>
/// <param name="Training">Training before product launches and sales' attendance.</param>
public sealed record DeliverableCommitments(ContentCommitment? Content, CampaignCommitment? Campaigns, ReportingCommitment? Reporting, TrainingCommitment? Training)
{
    /// <summary>No commitment beyond leads, speed and depth.</summary>
    public static DeliverableCommitments None { get; } = new(null, null, null, null);

    /// <summary>Whether nothing is committed.</summary>
    public bool IsEmpty => Content is null && Campaigns is null && Reporting is null && Training is null;

    /// <summary>How many of a piece's uses can decide its line: the use commitment's touches (its n-th use is judged), 0 without one.</summary>
    public int UsesJudged => Content?.Use?.Touches ?? 0;

    /// <summary>
    /// How long before a period the items judged in it can lie: a year (the longest quota window,
    /// judged where it overlaps the period) plus the longest time from an item to its deadline (a
    /// piece's use, a report's feedback, a training's days before its launch), plus a day of zone
    /// margin. Reading the records of this long before the period and the period itself judges it as
    /// reading every record would.
    /// </summary>
    public Duration Lookback => Duration.FromDays(366 + 1 + new[]
    {
        Content?.Use?.WithinDays ?? 0,
        Reporting?.Feedback?.WithinDays ?? 0,
        Training?.LeadTime?.DaysBefore ?? 0,
        Campaigns?.FollowUp is { } f ? (f.Minutes + 1439) / 1440 : 0,
    }.Max());
}

/// <summary>One kind of content marketing promises, and how many per window.</summary>
/// <param name="Kind">The kind as content pieces are logged with it (blog post, white paper, case study); compared ignoring case.</param>
/// <param name="Quota">How many per week, month, quarter or year.</param>
public sealed record ContentQuota(string Kind, Quota Quota);

/// <summary>
/// Content creation. Marketing: <see cref="Pieces"/>, a quota per kind of content. Sales:
/// <see cref="Use"/>, each piece used in touches soon after it is published.
/// </summary>
public sealed record ContentCommitment
{
    /// <summary>Creates and checks the commitment: kinds are named and unique ignoring case; at least one part is given.</summary>
    /// <exception cref="InvalidInputException">A rule above is broken.</exception>
    public ContentCommitment(IReadOnlyList<ContentQuota> pieces, ContentUse? use)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(pieces[i].Kind)) throw new InvalidInputException($"deliverables.content.pieces[{i + 1}].kind", "is empty");
            if (!kinds.Add(pieces[i].Kind.Trim())) throw new InvalidInputException($"deliverables.content.pieces[{i + 1}].kind", $"'{pieces[i].Kind}' is listed twice");
        }
        if (pieces.Count == 0 && use is null) throw new InvalidInputException("deliverables.content", "commits to nothing; give pieces (marketing), use (sales) or both");
        Pieces = pieces;
        Use = use;
    }

    /// <summary>Marketing's quotas, one per kind of content.</summary>
    public IReadOnlyList<ContentQuota> Pieces { get; }

    /// <summary>Sales' use of the pieces, or null.</summary>
    public ContentUse? Use { get; }
}

/// <summary>Sales uses each content piece in at least <see cref="Touches"/> touches within <see cref="WithinDays"/> days of its publication.</summary>
public sealed record ContentUse
{
    /// <summary>Creates and checks the commitment.</summary>
    /// <exception cref="InvalidInputException">Touches or days below 1.</exception>
    public ContentUse(int touches, int withinDays, Share? required = null)
    {
        if (touches is < 1 or > 10_000) throw new InvalidInputException("deliverables.content.use.touches", $"must be 1 to 10,000 (got {touches})");
        if (withinDays is < 1 or > 3660) throw new InvalidInputException("deliverables.content.use.within", $"must be 1 to 3,660 days (got {withinDays})");
        Touches = touches;
        WithinDays = withinDays;
        Required = required;
    }

    /// <summary>Touches each piece must be used in.</summary>
    public int Touches { get; }

    /// <summary>Calendar days after publication (same local time in the calendar's zone).</summary>
    public int WithinDays { get; }

    /// <summary>The share of pieces that must make it, or null for 100% minus the agreement's tolerance.</summary>
    public Share? Required { get; }
}

/// <summary>Campaign execution. Marketing: <see cref="Launches"/>, campaigns launched per window. Sales: <see cref="FollowUp"/> of the leads tied to a campaign.</summary>
public sealed record CampaignCommitment
{
    /// <summary>Creates the commitment; at least one part is given.</summary>
    /// <exception cref="InvalidInputException">Neither part is given.</exception>
    public CampaignCommitment(Quota? launches, CampaignFollowUp? followUp)
    {
        if (launches is null && followUp is null) throw new InvalidInputException("deliverables.campaigns", "commits to nothing; give launches (marketing), followUp (sales) or both");
        Launches = launches;
        FollowUp = followUp;
    }

    /// <summary>Campaigns launched per window, or null.</summary>
    public Quota? Launches { get; }

    /// <summary>Sales' follow-up of campaign leads, or null.</summary>
    public CampaignFollowUp? FollowUp { get; }
}

/// <summary>
/// Sales touches each lead tied to a campaign within <see cref="Minutes"/> of the lead responding
/// to it: wall-clock time by default (the articles' "within 48 hours" is two days of the clock),
/// or the calendar's working time.
/// </summary>
public sealed record CampaignFollowUp
{
    /// <summary>Creates and checks the commitment.</summary>
    /// <exception cref="InvalidInputException">Minutes below 1.</exception>
    public CampaignFollowUp(int minutes, ClockKind clock, Share? required = null)
    {
        if (minutes is < 1 or > 525_600) throw new InvalidInputException("deliverables.campaigns.followUp.within", $"must be 1 minute to 365 days (got {minutes} minutes)");
        Minutes = minutes;
        Clock = clock;
        Required = required;
    }

    /// <summary>Whole minutes from the lead's response to its first touch.</summary>
    public int Minutes { get; }

    /// <summary>Wall-clock or working minutes.</summary>
    public ClockKind Clock { get; }

    /// <summary>The share of campaign leads that must make it, or null for 100% minus the agreement's tolerance.</summary>
    public Share? Required { get; }
}

/// <summary>Reporting. Marketing: <see cref="Reports"/>, performance reports per window. Sales: <see cref="Feedback"/> on each.</summary>
public sealed record ReportingCommitment
{
    /// <summary>Creates the commitment; at least one part is given.</summary>
    /// <exception cref="InvalidInputException">Neither part is given.</exception>
    public ReportingCommitment(Quota? reports, ReportFeedback? feedback)
    {
        if (reports is null && feedback is null) throw new InvalidInputException("deliverables.reports", "commits to nothing; give deliver (marketing), feedback (sales) or both");
        Reports = reports;
        Feedback = feedback;
    }

    /// <summary>Reports delivered per window, or null.</summary>
    public Quota? Reports { get; }

    /// <summary>Sales' feedback, or null.</summary>
    public ReportFeedback? Feedback { get; }
}

/// <summary>Sales gives feedback on each report within <see cref="WithinDays"/> calendar days of its delivery.</summary>
public sealed record ReportFeedback
{
    /// <summary>Creates and checks the commitment.</summary>
    /// <exception cref="InvalidInputException">Days below 1.</exception>
    public ReportFeedback(int withinDays, Share? required = null)
    {
        if (withinDays is < 1 or > 3660) throw new InvalidInputException("deliverables.reports.feedback.within", $"must be 1 to 3,660 days (got {withinDays})");
        WithinDays = withinDays;
        Required = required;
    }

    /// <summary>Calendar days after delivery (same local time in the calendar's zone).</summary>
    public int WithinDays { get; }

    /// <summary>The share of reports that must get it, or null for 100% minus the agreement's tolerance.</summary>
    public Share? Required { get; }
}

/// <summary>Training. Marketing: <see cref="LeadTime"/>, a session ahead of each product launch. Sales: <see cref="Attendance"/> of the named reps.</summary>
public sealed record TrainingCommitment
{
    /// <summary>Creates the commitment; at least one part is given.</summary>
    /// <exception cref="InvalidInputException">Neither part is given.</exception>
    public TrainingCommitment(TrainingLeadTime? leadTime, TrainingAttendance? attendance)
    {
        if (leadTime is null && attendance is null) throw new InvalidInputException("deliverables.training", "commits to nothing; give before (marketing), attendance (sales) or both");
        LeadTime = leadTime;
        Attendance = attendance;
    }

    /// <summary>How long before a launch its first session is held, or null.</summary>
    public TrainingLeadTime? LeadTime { get; }

    /// <summary>Sales' attendance, or null.</summary>
    public TrainingAttendance? Attendance { get; }
}

/// <summary>Each product launch gets a training session on or before the date <see cref="DaysBefore"/> days before it.</summary>
public sealed record TrainingLeadTime
{
    /// <summary>Creates and checks the commitment.</summary>
    /// <exception cref="InvalidInputException">Days below 0.</exception>
    public TrainingLeadTime(int daysBefore, Share? required = null)
    {
        if (daysBefore is < 0 or > 3660) throw new InvalidInputException("deliverables.training.before", $"must be 0 to 3,660 days (got {daysBefore})");
        DaysBefore = daysBefore;
        Required = required;
    }

    /// <summary>Calendar days between the session's date and the launch date, at least.</summary>
    public int DaysBefore { get; }

    /// <summary>The share of launches that must make it, or null for 100% minus the agreement's tolerance.</summary>
    public Share? Required { get; }
}

/// <summary>The reps named for a session attend it.</summary>
/// <param name="Required">The share of named reps that must attend, or null for 100% minus the agreement's tolerance.</param>
public sealed record TrainingAttendance(Share? Required = null);
