using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Import;
using Tandem.Data.UseCases;
using Tandem.Domain.Analytics;
using Tandem.Domain.Deliverables;

namespace Tandem.Web.Pages;

/// <summary>
/// Deliverables: this period's content, campaigns, reports and training sessions against the
/// agreement's commitments, and the forms to log them. Marketing (and admins) log a content piece,
/// a campaign and its leads, a report, a training session; sales (managers, reps, admins) log the
/// use of a piece, feedback on a report and attendance. Every form goes through the API's own
/// checks (<see cref="IngestRecords"/>), so a bad field is refused with the same reason, and records
/// logged here carry the source <c>web</c> (a sales record takes the source of what it refers to).
/// </summary>
public sealed class DeliverablesModel(PageData data) : TablePage(data)
{
    /// <inheritdoc/>
    protected override string FileStem => "deliverables";

    /// <summary>The source of records logged on this page.</summary>
    public const string WebSource = "web";

    /// <summary>How far back the forms offer pieces, reports, campaigns and sessions to refer to.</summary>
    public static readonly Duration Recent = Duration.FromDays(92);

    private static readonly ImportKind[] MarketingKinds = [ImportKind.Content, ImportKind.Campaigns, ImportKind.CampaignLeads, ImportKind.Reports, ImportKind.Launches, ImportKind.Trainings];
    private static readonly ImportKind[] SalesKinds = [ImportKind.ContentUses, ImportKind.ReportFeedback, ImportKind.Attendance];

    /// <summary>The deliverable lines of the period's scorecard.</summary>
    public IReadOnlyList<ScorecardLine> Lines { get; private set; } = [];

    /// <summary>What was logged in the period.</summary>
    public DeliverableLogResult? Logged { get; private set; }

    /// <summary>What the sales forms may refer to: the period's and the recent deliverables, by name (no counts).</summary>
    public DeliverableLogResult? Referable { get; private set; }

    /// <summary>What the last form did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether the last form was refused.</summary>
    [TempData]
    public bool Refused { get; set; }

    /// <summary>Whether the user logs marketing's deliverables.</summary>
    public bool CanLogMarketing => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Marketing);

    /// <summary>Whether the user logs sales' part.</summary>
    public bool CanLogSales => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.SalesManager) || User.IsInRole(Roles.SalesRep);

    /// <summary>Now in the agreement's zone, as a datetime-local input's value.</summary>
    public string NowLocal => Now.InZone(Agreement?.Calendar.Zone ?? DateTimeZone.Utc).ToString("uuuu-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value a form's reference select sends for a record: source and id, each escaped.</summary>
    public static string Ref(string source, string id) => $"{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(id)}";

    /// <summary>Reads the period's lines and deliverables; with ?format=csv|xlsx (&amp;table=NAME), answers the page's tables as a file.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, cancel).ConfigureAwait(false);
        if (!Downloading) return Page();
        return await DownloadAsync(Logged is null ? [] : Tandem.Reports.DeliverableTables.Of(Period.ToString(), Lines, Logged, Agreement!.Calendar.Zone), cancel).ConfigureAwait(false);
    }

    private async Task ReadAsync(PageScope scope, CancellationToken cancel)
    {
        if (!Resolve(scope)) return;
        var zone = Agreement!.Calendar.Zone;
        var (from, to) = (zone.AtStartOfDay(Period.Start).ToInstant(), zone.AtStartOfDay(Period.End).ToInstant());
        if (!Agreement.Deliverables.IsEmpty)
        {
            // Quotas of a quarter or a year need the deliverables before the period too.
            var records = await DeliverableReader.ReadAsync(scope.Connection, Agreement, from, to, Now, cancel).ConfigureAwait(false);
            Lines = DeliverableScorecard.Lines(Agreement.Deliverables, Period.Start, Period.End, Agreement.Calendar, Agreement.Tolerance, Now, records);
        }
        Logged = await DeliverableLog.ReadAsync(scope.Connection, from, to, zone, cancel).ConfigureAwait(false);
        Referable = await DeliverableLog.NamesAsync(scope.Connection, (Now < to ? Now : to) - Recent, Instant.Max(to, Now) + Duration.FromDays(1), cancel).ConfigureAwait(false);
    }

    /// <summary>Logs one deliverable of the kind the form's <c>deliverable</c> names (content, campaigns, ...) from its fields.</summary>
    public async Task<IActionResult> OnPostLogAsync(string? deliverable, CancellationToken cancel)
    {
        var parsed = ImportKinds.Parse(deliverable ?? "");
        if (parsed is not { } k || !ImportKinds.Deliverables.Contains(k))
            return Done($"Deliverable: '{deliverable}' is not one of {string.Join(", ", ImportKinds.Deliverables.Select(d => d.Word()))}.", refused: true);
        if (MarketingKinds.Contains(k) ? !CanLogMarketing : !CanLogSales) return Forbid();
        var fields = DeliverableFields.For(k)!;
        var item = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = WebSource };
        if (ReferenceField(k) is { } reference)
        {
            var value = Request.Form["ref"].ToString();
            var cut = value.IndexOf('/', StringComparison.Ordinal);
            if (cut <= 0) return Done($"{Label(reference)}: choose one.", refused: true);
            item["source"] = Uri.UnescapeDataString(value[..cut]);
            item[reference] = Uri.UnescapeDataString(value[(cut + 1)..]);
        }
        foreach (var field in fields)
        {
            if (item.ContainsKey(field.Name)) continue;
            var text = Request.Form[field.Name].ToString();
            if (!string.IsNullOrWhiteSpace(text)) item[field.Name] = text;
        }
        if (fields.Any(f => f.Name == "id") && !item.ContainsKey("id")) item["id"] = $"{WebSource}-{Guid.NewGuid():N}"[..16];
        // A rep logs for themselves; a manager or admin names the rep.
        if (OwnRep is { } own && fields.Any(f => f.Name == "rep")) item["rep"] = own;

        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var record = new RecordInput(item["source"], item.Where(f => f.Key != "source").ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal));
        var result = await IngestRecords.RunAsync(Data.Database, k, [record], scope.Zone, scope.Agreement, Data.Clock, cancel).ConfigureAwait(false);
        if (result.Rejected > 0)
            return Done($"Not logged: {string.Join("; ", result.Problems.Select(p => $"{Label(p.Field)}: {p.Reason}"))}.", refused: true);
        return Done($"Logged {Noun(k)}{(item.TryGetValue("title", out var title) || item.TryGetValue("name", out title) ? $" '{title}'" : "")}.", refused: false);
    }

    private RedirectResult Done(string message, bool refused)
    {
        Message = message;
        Refused = refused;
        var period = Request.Form["period"].ToString();
        return Redirect(string.IsNullOrEmpty(period) ? "/deliverables" : $"/deliverables?period={Uri.EscapeDataString(period)}");
    }

    /// <summary>The field a sales form's select fills, for the kinds that refer to a marketing deliverable.</summary>
    private static string? ReferenceField(ImportKind kind) => kind switch
    {
        ImportKind.ContentUses => "piece_id",
        ImportKind.ReportFeedback => "report_id",
        ImportKind.Attendance => "training_id",
        ImportKind.CampaignLeads => "campaign_id",
        _ => null,
    };

    /// <summary>How the form labels a field in messages.</summary>
    public static string Label(string field) => field switch
    {
        "piece_id" => "Piece",
        "report_id" => "Report",
        "training_id" => "Session",
        "campaign_id" => "Campaign",
        _ => char.ToUpperInvariant(field[0]) + field[1..].Replace('_', ' '),
    };

    private static string Noun(ImportKind kind) => kind switch
    {
        ImportKind.Content => "the content piece",
        ImportKind.ContentUses => "the use of the piece",
        ImportKind.Campaigns => "the campaign",
        ImportKind.CampaignLeads => "the campaign lead",
        ImportKind.Reports => "the report",
        ImportKind.ReportFeedback => "the feedback",
        ImportKind.Launches => "the product launch",
        ImportKind.Trainings => "the training session",
        _ => "the attendance",
    };

    /// <summary>The lead list of a campaign's leads (touched since responding when <paramref name="touched"/>): its count is the campaign's figure on this page (issue 21).</summary>
    public string CampaignLink(LoggedCampaign campaign, bool touched)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return LeadsModel.Link(Period.ToString(), null, ("campaign", campaign.Id), ("campaignSource", campaign.Source == "default" ? null : campaign.Source), ("touched", touched ? "yes" : null));
    }

    /// <summary>met, missed or - for a line.</summary>
    public static string Verdict(ScorecardLine line) => line?.Met is { } met ? met ? "met" : "missed" : "-";

    /// <summary>A line's figure: a count against its target, or a share against the share required.</summary>
    public static string Figure(ScorecardLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Measure == ScorecardMeasure.Count
            ? $"{Tandem.Reports.Figures.Number(line.Actual)} of {Tandem.Reports.Figures.Number(line.Target)}"
            : $"{Tandem.Reports.Figures.Percent(line.Actual)} (needs {Tandem.Reports.Figures.Percent(line.Target)})";
    }
}
