namespace Tandem.Data.Store;

/// <summary>
/// The shape of one table that records from outside are upserted into: its key columns, the fields
/// an import or API call may set, and the contact fields that stay empty once a lead is forgotten.
/// </summary>
public sealed record TableSpec(string Name, IReadOnlyList<string> Key, IReadOnlyList<string> Fields, IReadOnlyList<string> Erasable)
{
    /// <summary>Leads, keyed by (source, id).</summary>
    public static TableSpec Leads { get; } = new("leads", ["source", "id"],
        ["created_at", "lead_type", "segment", "owner", "name", "email", "company", "title"],
        ["name", "email", "company", "title"]);

    /// <summary>Stage history, keyed by (source, lead, stage, time).</summary>
    public static TableSpec StageChanges { get; } = new("stage_changes", ["source", "lead_id", "stage", "at"], ["rep"], []);

    /// <summary>Touches, keyed by (source, id).</summary>
    public static TableSpec Touches { get; } = new("touches", ["source", "id"], ["lead_id", "rep", "channel", "at", "outcome"], []);

    /// <summary>Deals, keyed by (source, id).</summary>
    public static TableSpec Deals { get; } = new("deals", ["source", "id"], ["lead_id", "amount_e4", "currency", "status", "closed_at", "created_at"], []);

    /// <summary>Reps, keyed by (source, id).</summary>
    public static TableSpec Reps { get; } = new("reps", ["source", "id"],
        ["name", "email", "team", "time_zone", "start_date", "weekly_hours_e4", "marketing_share_e4"], []);

    /// <summary>Content pieces marketing published, keyed by (source, id).</summary>
    public static TableSpec ContentPieces { get; } = new("content_pieces", ["source", "id"], ["kind", "title", "published_at", "url", "author"], []);

    /// <summary>Uses of content pieces in touches, keyed by (source, id).</summary>
    public static TableSpec ContentUses { get; } = new("content_uses", ["source", "id"], ["piece_id", "used_at", "rep", "touch_id", "lead_id"], []);

    /// <summary>Campaigns, keyed by (source, id).</summary>
    public static TableSpec Campaigns { get; } = new("campaigns", ["source", "id"], ["name", "launched_at", "channel", "ends_at"], []);

    /// <summary>Leads tied to campaigns, keyed by (source, campaign, lead).</summary>
    public static TableSpec CampaignLeads { get; } = new("campaign_leads", ["source", "campaign_id", "lead_id"], ["responded_at"], []);

    /// <summary>Performance reports, keyed by (source, id).</summary>
    public static TableSpec PerformanceReports { get; } = new("performance_reports", ["source", "id"], ["title", "delivered_at", "url"], []);

    /// <summary>Sales' feedback on reports, keyed by (source, id).</summary>
    public static TableSpec ReportFeedback { get; } = new("report_feedback", ["source", "id"], ["report_id", "given_at", "rep", "comment"], []);

    /// <summary>Product launches, keyed by (source, id).</summary>
    public static TableSpec ProductLaunches { get; } = new("product_launches", ["source", "id"], ["product", "launch_date"], []);

    /// <summary>Training sessions, keyed by (source, id).</summary>
    public static TableSpec Trainings { get; } = new("trainings", ["source", "id"], ["title", "product", "launch_date", "held_at"], []);

    /// <summary>The reps named for a session and whether they attended, keyed by (source, training, rep).</summary>
    public static TableSpec TrainingAttendance { get; } = new("training_attendance", ["source", "training_id", "rep"], ["attended"], []);

    /// <summary>The deliverable tables (migration 0011).</summary>
    public static IReadOnlyList<TableSpec> Deliverables { get; } =
        [ContentPieces, ContentUses, Campaigns, CampaignLeads, PerformanceReports, ReportFeedback, ProductLaunches, Trainings, TrainingAttendance];

    /// <summary>Every upsertable table, in the order a full copy writes them.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [Leads, StageChanges, Touches, Deals, Reps, .. Deliverables];
}
