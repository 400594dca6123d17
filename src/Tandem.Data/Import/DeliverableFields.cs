namespace Tandem.Data.Import;

/// <summary>
/// The generic-format fields of the deliverable kinds (docs/import-formats.md): content pieces and
/// their uses in touches, campaigns and the leads tied to them, performance reports and sales'
/// feedback, training sessions and attendance. Key fields first.
/// </summary>
public static class DeliverableFields
{
    // The generic layout's own reader, so a mapping knows these fields as times (format, zone), as FieldTypes recognises them.
    private static readonly CellReader IsoTime = GenericFields.IsoTime;

    /// <summary>
    /// yes/no, true/false, 1/0 or y/n (any case), stored as 1 or 0: whether a named rep attended.
    /// </summary>
    public static readonly CellReader YesNo = (string text, ImportContext _, out object? value) =>
    {
        value = text.Trim().ToLowerInvariant() switch
        {
            "yes" or "y" or "true" or "1" or "attended" => 1L,
            "no" or "n" or "false" or "0" or "absent" => 0L,
            _ => null,
        };
        return value is null ? $"'{CellReaders.Shorten(text)}' is not yes or no" : null;
    };

    /// <summary>The fields of a deliverable kind, or null for the lead kinds.</summary>
    public static IReadOnlyList<ImportField>? For(ImportKind kind) => kind switch
    {
        ImportKind.Content => Content,
        ImportKind.ContentUses => ContentUses,
        ImportKind.Campaigns => Campaigns,
        ImportKind.CampaignLeads => CampaignLeads,
        ImportKind.Reports => Reports,
        ImportKind.ReportFeedback => ReportFeedback,
        ImportKind.Launches => Launches,
        ImportKind.Trainings => Trainings,
        ImportKind.Attendance => Attendance,
        _ => null,
    };

    /// <summary>Content piece fields.</summary>
    public static IReadOnlyList<ImportField> Content { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("kind", CellReaders.Text),
        ImportField.Needed("published_at", IsoTime),
        ImportField.Optional("title", CellReaders.Text),
        ImportField.Optional("url", CellReaders.Text),
        ImportField.Optional("author", CellReaders.Text),
    ];

    /// <summary>Content use fields: which piece, when, by which rep, in which touch of which lead.</summary>
    public static IReadOnlyList<ImportField> ContentUses { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("piece_id", CellReaders.Text),
        ImportField.Needed("used_at", IsoTime),
        ImportField.Optional("rep", CellReaders.Text),
        ImportField.Optional("touch_id", CellReaders.Text),
        ImportField.Optional("lead_id", CellReaders.Text),
    ];

    /// <summary>Campaign fields.</summary>
    public static IReadOnlyList<ImportField> Campaigns { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("name", CellReaders.Text),
        ImportField.Needed("launched_at", IsoTime),
        ImportField.Optional("channel", CellReaders.Text),
        ImportField.Optional("ends_at", IsoTime),
    ];

    /// <summary>Campaign lead fields: the lead (its id in the same source as its touches) and when it responded.</summary>
    public static IReadOnlyList<ImportField> CampaignLeads { get; } =
    [
        ImportField.Needed("campaign_id", CellReaders.Text),
        ImportField.Needed("lead_id", CellReaders.Text),
        ImportField.Needed("responded_at", IsoTime),
    ];

    /// <summary>Performance report fields.</summary>
    public static IReadOnlyList<ImportField> Reports { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("title", CellReaders.Text),
        ImportField.Needed("delivered_at", IsoTime),
        ImportField.Optional("url", CellReaders.Text),
    ];

    /// <summary>Report feedback fields.</summary>
    public static IReadOnlyList<ImportField> ReportFeedback { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("report_id", CellReaders.Text),
        ImportField.Needed("given_at", IsoTime),
        ImportField.Optional("rep", CellReaders.Text),
        ImportField.Optional("comment", CellReaders.Text),
    ];

    /// <summary>Product launch fields.</summary>
    public static IReadOnlyList<ImportField> Launches { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("product", CellReaders.Text),
        ImportField.Needed("launch_date", CellReaders.Date),
    ];

    /// <summary>Training session fields: the session, the product and the launch date it prepares for.</summary>
    public static IReadOnlyList<ImportField> Trainings { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("title", CellReaders.Text),
        ImportField.Needed("product", CellReaders.Text),
        ImportField.Needed("launch_date", CellReaders.Date),
        ImportField.Needed("held_at", IsoTime),
    ];

    /// <summary>Attendance fields: one row per rep named for a session.</summary>
    public static IReadOnlyList<ImportField> Attendance { get; } =
    [
        ImportField.Needed("training_id", CellReaders.Text),
        ImportField.Needed("rep", CellReaders.Text),
        ImportField.Needed("attended", YesNo),
    ];
}
