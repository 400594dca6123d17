using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>What a file holds; each kind fills one table.</summary>
public enum ImportKind
{
    /// <summary>Leads.</summary>
    Leads,

    /// <summary>Stage changes (the stage history).</summary>
    Stages,

    /// <summary>Touches (follow-up attempts).</summary>
    Touches,

    /// <summary>Deals.</summary>
    Deals,

    /// <summary>Reps.</summary>
    Reps,

    /// <summary>Content pieces marketing published (<c>content</c>).</summary>
    Content,

    /// <summary>Uses of content pieces in touches (<c>content-uses</c>).</summary>
    ContentUses,

    /// <summary>Campaigns marketing launched (<c>campaigns</c>).</summary>
    Campaigns,

    /// <summary>Leads tied to a campaign (<c>campaign-leads</c>).</summary>
    CampaignLeads,

    /// <summary>Performance reports marketing delivered (<c>reports</c>).</summary>
    Reports,

    /// <summary>Sales' feedback on reports (<c>report-feedback</c>).</summary>
    ReportFeedback,

    /// <summary>Product launches a training session must precede (<c>launches</c>).</summary>
    Launches,

    /// <summary>Training sessions and the launches they prepare for (<c>trainings</c>).</summary>
    Trainings,

    /// <summary>The reps named for a session and whether they attended (<c>attendance</c>).</summary>
    Attendance,
}

/// <summary>Names and tables of the import kinds.</summary>
public static class ImportKinds
{
    // Declared before All, which reads it: static initializers run in textual order.
    /// <summary>The deliverable kinds, in the order a full set is best imported (a piece before its uses, a session before its attendance).</summary>
    public static IReadOnlyList<ImportKind> Deliverables { get; } =
        [ImportKind.Content, ImportKind.ContentUses, ImportKind.Campaigns, ImportKind.CampaignLeads, ImportKind.Reports, ImportKind.ReportFeedback, ImportKind.Launches, ImportKind.Trainings, ImportKind.Attendance];

    /// <summary>Every kind, in the order a full data set is best imported.</summary>
    public static IReadOnlyList<ImportKind> All { get; } =
        [ImportKind.Reps, ImportKind.Leads, ImportKind.Stages, ImportKind.Touches, ImportKind.Deals, .. Deliverables];

    /// <summary>The word the command line and file names use (<c>leads</c>, <c>stages</c>, ...).</summary>
    public static string Word(this ImportKind kind) => kind switch
    {
        ImportKind.ContentUses => "content-uses",
        ImportKind.CampaignLeads => "campaign-leads",
        ImportKind.ReportFeedback => "report-feedback",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind <paramref name="word"/> names, or null.</summary>
    public static ImportKind? Parse(string word) =>
        All.Cast<ImportKind?>().FirstOrDefault(k => string.Equals(k!.Value.Word(), word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table a kind fills.</summary>
    public static TableSpec Table(this ImportKind kind) => kind switch
    {
        ImportKind.Leads => TableSpec.Leads,
        ImportKind.Stages => TableSpec.StageChanges,
        ImportKind.Touches => TableSpec.Touches,
        ImportKind.Deals => TableSpec.Deals,
        ImportKind.Reps => TableSpec.Reps,
        ImportKind.Content => TableSpec.ContentPieces,
        ImportKind.ContentUses => TableSpec.ContentUses,
        ImportKind.Campaigns => TableSpec.Campaigns,
        ImportKind.CampaignLeads => TableSpec.CampaignLeads,
        ImportKind.Reports => TableSpec.PerformanceReports,
        ImportKind.ReportFeedback => TableSpec.ReportFeedback,
        ImportKind.Launches => TableSpec.ProductLaunches,
        ImportKind.Trainings => TableSpec.Trainings,
        ImportKind.Attendance => TableSpec.TrainingAttendance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
