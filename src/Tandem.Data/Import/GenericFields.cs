namespace Tandem.Data.Import;

/// <summary>
/// The fields of each kind in the generic format (documented in docs/import-formats.md): a column
/// named after each field; the required ones must be present in the header and filled in every row.
/// </summary>
public static class GenericFields
{
    /// <summary>The fields of <paramref name="kind"/>, key fields first.</summary>
    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind switch
    {
        ImportKind.Leads => Leads,
        ImportKind.Stages => Stages,
        ImportKind.Touches => Touches,
        ImportKind.Deals => Deals,
        ImportKind.Reps => Reps,
        _ when DeliverableFields.For(kind) is { } fields => fields,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The reader of every time field; a mapping recognises time fields by it (a field read with it takes a format and a zone).</summary>
    internal static readonly CellReader IsoTime = CellReaders.Time(TimeText.Iso);

    /// <summary>Lead fields.</summary>
    public static IReadOnlyList<ImportField> Leads { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("created_at", IsoTime),
        ImportField.Optional("lead_type", CellReaders.Text),
        ImportField.Optional("segment", CellReaders.Text),
        ImportField.Optional("owner", CellReaders.Text),
        ImportField.Optional("name", CellReaders.Text),
        ImportField.Optional("email", CellReaders.Text),
        ImportField.Optional("company", CellReaders.Text),
        ImportField.Optional("title", CellReaders.Text),
    ];

    /// <summary>Stage-change fields.</summary>
    public static IReadOnlyList<ImportField> Stages { get; } =
    [
        ImportField.Needed("lead_id", CellReaders.Text),
        ImportField.Needed("stage", CellReaders.Stage),
        new("changed_at", "at", true, IsoTime),
        ImportField.Optional("rep", CellReaders.Text),
    ];

    /// <summary>Touch fields.</summary>
    public static IReadOnlyList<ImportField> Touches { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("lead_id", CellReaders.Text),
        ImportField.Needed("channel", CellReaders.Channel),
        new("touched_at", "at", true, IsoTime),
        ImportField.Optional("rep", CellReaders.Text),
        ImportField.Optional("outcome", CellReaders.Outcome),
    ];

    /// <summary>Deal fields.</summary>
    public static IReadOnlyList<ImportField> Deals { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Needed("status", CellReaders.Status),
        ImportField.Optional("lead_id", CellReaders.Text),
        new("amount", "amount_e4", false, CellReaders.Amount),
        ImportField.Optional("currency", CellReaders.Currency),
        ImportField.Optional("closed_at", IsoTime),
        ImportField.Optional("created_at", IsoTime),
    ];

    /// <summary>Rep fields.</summary>
    public static IReadOnlyList<ImportField> Reps { get; } =
    [
        ImportField.Needed("id", CellReaders.Text),
        ImportField.Optional("name", CellReaders.Text),
        ImportField.Optional("email", CellReaders.Text),
        ImportField.Optional("team", CellReaders.Text),
        ImportField.Optional("time_zone", CellReaders.Zone),
        ImportField.Optional("start_date", CellReaders.Date),
        new("weekly_hours", "weekly_hours_e4", false, CellReaders.WeeklyHours),
        new("marketing_share", "marketing_share_e4", false, CellReaders.Share),
    ];
}
