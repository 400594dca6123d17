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

    /// <summary>Every upsertable table, in the order a full copy writes them.</summary>
    public static IReadOnlyList<TableSpec> All { get; } = [Leads, StageChanges, Touches, Deals, Reps];
}
