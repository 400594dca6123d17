using NodaTime;

namespace Tandem.Domain.Deliverables;

/// <summary>A content piece marketing published, and when sales used it.</summary>
/// <param name="Id">The piece's id in its source.</param>
/// <param name="Kind">Its kind (blog post, white paper, case study, ...).</param>
/// <param name="Published">When it was published.</param>
/// <param name="Uses">When reps used it in touches, one instant per use.</param>
public sealed record ContentPiece(string Id, string Kind, Instant Published, IReadOnlyList<Instant> Uses);

/// <summary>A campaign marketing launched.</summary>
public sealed record Campaign(string Id, Instant Launched);

/// <summary>A lead tied to a campaign: when it responded to it, and the touches its lead has had.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="LeadId">The lead.</param>
/// <param name="Responded">When the lead came in from the campaign: the follow-up clock starts here.</param>
/// <param name="Touches">Every touch of the lead (those before <paramref name="Responded"/> do not count as follow-up).</param>
public sealed record CampaignLead(string CampaignId, string LeadId, Instant Responded, IReadOnlyList<Instant> Touches);

/// <summary>A performance report marketing delivered, and when sales gave feedback on it.</summary>
public sealed record PerformanceReport(string Id, Instant Delivered, IReadOnlyList<Instant> Feedback);

/// <summary>A training session, the launch it prepares for, and the reps named for it.</summary>
/// <param name="Id">The session's id.</param>
/// <param name="Product">The product launched.</param>
/// <param name="Launch">The launch date (in the calendar's zone).</param>
/// <param name="Held">When the session took place.</param>
/// <param name="Attendees">The named reps and whether each attended.</param>
public sealed record TrainingSession(string Id, string Product, LocalDate Launch, Instant Held, IReadOnlyList<(string Rep, bool Attended)> Attendees);

/// <summary>A product launch that a training session must precede.</summary>
/// <param name="Product">The product; sessions name it (compared ignoring case).</param>
/// <param name="Date">The launch date, in the calendar's zone.</param>
public sealed record ProductLaunch(string Product, LocalDate Date);

/// <summary>Every deliverable logged, the input of <see cref="DeliverableScorecard"/>.</summary>
public sealed record DeliverableRecords(
    IReadOnlyList<ContentPiece> Content,
    IReadOnlyList<Campaign> Campaigns,
    IReadOnlyList<CampaignLead> CampaignLeads,
    IReadOnlyList<PerformanceReport> Reports,
    IReadOnlyList<TrainingSession> Trainings)
{
    /// <summary>Launches logged on their own; a session's launch counts too, so a launch with no session at all is seen only when logged here.</summary>
    public IReadOnlyList<ProductLaunch> Launches { get; init; } = [];

    /// <summary>
    /// The campaign leads' follow-up already judged, per response date, as of the instant the lines
    /// are judged at (from stored facts); when given, <see cref="CampaignLeads"/> are not judged again.
    /// </summary>
    public IReadOnlyList<(LocalDate Responded, DeadlineTally Tally)>? CampaignFollowUps { get; init; }

    /// <summary>Nothing logged.</summary>
    public static DeliverableRecords Empty { get; } = new([], [], [], [], []);
}
