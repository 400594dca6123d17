using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;

namespace Tandem.Web.Pages;

/// <summary>
/// The deliverable commitments part of the edit form: content pieces per kind and their use,
/// campaigns and their follow-up, reports and their feedback, training ahead of launches and its
/// attendance. Each field is named by its key in the agreement file and read with the file's own
/// readers (<see cref="DeliverableFieldText"/>). A part whose defining field is blank is not
/// committed to, as a part left out of the file; a field given for a part that is not committed
/// is refused rather than dropped, so nothing typed is silently lost.
/// </summary>
public sealed partial class AgreementDeliverablesForm
{
    private const string Content = "deliverables.content";

    /// <summary>Blank rows offered below the kinds already committed, to add kinds.</summary>
    public const int BlankRows = 2;

    /// <summary>The most kinds of content a form reads; rows beyond are refused, not dropped.</summary>
    public const int MaxRows = 100;

    /// <summary>The kinds of content with their quotas, a row each, then the content-use rule.</summary>
    public List<PlanField> ContentFields { get; } = [];

    /// <summary>Campaigns launched and their leads' follow-up.</summary>
    public List<PlanField> Campaigns { get; } = [];

    /// <summary>Reports delivered and their feedback.</summary>
    public List<PlanField> Reports { get; } = [];

    /// <summary>Training sessions ahead of launches and their attendance.</summary>
    public List<PlanField> Training { get; } = [];

    /// <summary>Every field.</summary>
    public IEnumerable<PlanField> Fields => ContentFields.Concat(Campaigns).Concat(Reports).Concat(Training);

    /// <summary>The commitments the form reads as, or null when some field has a problem.</summary>
    public DeliverableCommitments? Commitments { get; private set; }

    /// <summary>The words of the attendance choice.</summary>
    public static readonly string[] AttendanceChoices = ["not committed", "committed"];

    /// <summary>The choices of a field that takes one of a few words, or null.</summary>
    public static string[]? ChoicesOf(string name) => name switch
    {
        _ when name.EndsWith(".per", StringComparison.Ordinal) && name.StartsWith("deliverables.", StringComparison.Ordinal) => ["week", "month", "quarter", "year"],
        "deliverables.campaigns.followUp.clock" => ["wall", "working"],
        "deliverables.training.attendance" => AttendanceChoices,
        _ => null,
    };

    /// <summary>The form for <paramref name="baseline"/>, with the values posted in <paramref name="form"/> (null, or no deliverable field posted: the baseline's own).</summary>
    public static AgreementDeliverablesForm Read(DeliverableCommitments baseline, IFormCollection? form)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        // A post with none of these fields (a client editing only the calendar) keeps the
        // baseline's commitments: the fields are read as the baseline fills them in.
        if (form is not null && !form.Keys.Any(k => k.StartsWith("deliverables.", StringComparison.Ordinal))) form = null;
        var edit = new AgreementDeliverablesForm();
        PlanField Field(List<PlanField> list, string name, string label, string value, string hint)
        {
            var posted = form is null ? value : form[name].ToString();
            var field = new PlanField(name, label, posted.Trim(), hint) { Edited = form is not null };
            list.Add(field);
            return field;
        }

        // Content: a row per kind committed, then blank rows to add kinds; a row cleared is removed.
        var content = baseline.Content;
        var pieces = content?.Pieces ?? [];
        var posted = form is null ? 0 : RowsPosted(form);
        var rowCount = Math.Min(Math.Max(posted, pieces.Count + BlankRows), MaxRows);
        var quotas = new List<ContentQuota>();
        var rows = new List<PlanField>();
        for (var i = 1; i <= rowCount; i++)
        {
            var piece = i <= pieces.Count ? pieces[i - 1] : null;
            var path = $"{Content}.pieces[{i}]";
            var kind = Field(edit.ContentFields, $"{path}.kind", $"Kind {i}", piece?.Kind ?? "", "blog post, white paper, case study; clear the row to remove the kind");
            var count = Field(edit.ContentFields, $"{path}.count", $"Kind {i} count", piece is null ? "" : Whole(piece.Quota.Count), "pieces per window, 1 to 10,000");
            var per = Field(edit.ContentFields, $"{path}.per", $"Kind {i} per", DeliverableFieldText.Format(piece?.Quota.Per ?? QuotaPeriod.Month), "week, month, quarter or year");
            if (kind.Value.Length == 0 && count.Value.Length == 0) continue;
            if (kind.Value.Length == 0) kind.Problem = "is empty: name the kind, or clear its count to remove the row";
            var quota = Quota(count, per);
            if (kind.Problem is null && quota is not null)
            {
                quotas.Add(new ContentQuota(kind.Value, quota));
                rows.Add(kind);
            }
        }
        if (posted > MaxRows) edit.ContentFields[^3].Problem = $"is the last of the {MaxRows} kinds a form takes, and {posted} rows were sent: split the edit";
        var use = content?.Use;
        var useWithin = Field(edit.ContentFields, $"{Content}.use.within", "Used within", use is null ? "" : AgreementFieldText.FormatDays(use.WithinDays), "sales uses each piece within this many days of publication, e.g. 30 days; blank: no commitment");
        var useTouches = Field(edit.ContentFields, $"{Content}.use.touches", "Touches per piece", use is null ? "" : Whole(use.Touches), "at least this many touches use each piece; blank: 1");
        var useRequired = Field(edit.ContentFields, $"{Content}.use.required", "Pieces used in time", Share(use?.Required), "the share that must make it; blank: 100% minus the tolerance");
        // Every field is read, given or not its part, so each problem is named at once.
        var useDays = Optional(useWithin, DeliverableFieldText.Days);
        var touches = useTouches.Value.Length == 0 ? 1 : Read(useTouches, DeliverableFieldText.WholeNumber);
        var useShare = Optional(useRequired, DeliverableFieldText.Required);
        ContentUse? newUse = null;
        if (Part(useWithin, useTouches, useRequired) && useDays is { } days && touches is { } t && useRequired.Problem is null)
            newUse = Make(() => new ContentUse(t, days, useShare), useWithin, useTouches, useRequired);

        // Campaigns.
        var campaigns = baseline.Campaigns;
        var launchCount = Field(edit.Campaigns, "deliverables.campaigns.launches.count", "Campaigns launched", campaigns?.Launches is { } l ? Whole(l.Count) : "", "campaigns per window, 1 to 10,000; blank: no commitment");
        var launchPer = Field(edit.Campaigns, "deliverables.campaigns.launches.per", "Campaigns per", DeliverableFieldText.Format(campaigns?.Launches?.Per ?? QuotaPeriod.Quarter), "week, month, quarter or year");
        var launches = launchCount.Value.Length == 0 ? null : Quota(launchCount, launchPer);
        var follow = campaigns?.FollowUp;
        var followWithin = Field(edit.Campaigns, "deliverables.campaigns.followUp.within", "Campaign leads touched within", follow is null ? "" : AgreementFieldText.FormatMinutes(follow.Minutes), "of the lead responding, e.g. 48 hours; blank: no commitment");
        var followClock = Field(edit.Campaigns, "deliverables.campaigns.followUp.clock", "Follow-up clock", follow?.Clock == ClockKind.Working ? "working" : "wall", "wall: every hour counts; working: the calendar's working hours only");
        var followRequired = Field(edit.Campaigns, "deliverables.campaigns.followUp.required", "Campaign leads touched in time", Share(follow?.Required), "the share that must make it; blank: 100% minus the tolerance");
        var followMinutes = Optional(followWithin, DeliverableFieldText.Minutes);
        var clock = Read(followClock, DeliverableFieldText.FollowUpClock);
        var followShare = Optional(followRequired, DeliverableFieldText.Required);
        CampaignFollowUp? newFollow = null;
        if (Part(followWithin, followRequired) && followMinutes is { } minutes && clock is { } c && followRequired.Problem is null)
            newFollow = Make(() => new CampaignFollowUp(minutes, c, followShare), followWithin, followRequired);

        // Reports.
        var reports = baseline.Reporting;
        var deliverCount = Field(edit.Reports, "deliverables.reports.deliver.count", "Reports delivered", reports?.Reports is { } r ? Whole(r.Count) : "", "reports per window, 1 to 10,000; blank: no commitment");
        var deliverPer = Field(edit.Reports, "deliverables.reports.deliver.per", "Reports per", DeliverableFieldText.Format(reports?.Reports?.Per ?? QuotaPeriod.Week), "week, month, quarter or year");
        var deliver = deliverCount.Value.Length == 0 ? null : Quota(deliverCount, deliverPer);
        var feedback = reports?.Feedback;
        var feedbackWithin = Field(edit.Reports, "deliverables.reports.feedback.within", "Feedback within", feedback is null ? "" : AgreementFieldText.FormatDays(feedback.WithinDays), "sales' feedback this many days after delivery, e.g. 7 days; blank: no commitment");
        var feedbackRequired = Field(edit.Reports, "deliverables.reports.feedback.required", "Reports with feedback in time", Share(feedback?.Required), "the share that must make it; blank: 100% minus the tolerance");
        var feedbackDays = Optional(feedbackWithin, DeliverableFieldText.Days);
        var feedbackShare = Optional(feedbackRequired, DeliverableFieldText.Required);
        ReportFeedback? newFeedback = null;
        if (Part(feedbackWithin, feedbackRequired) && feedbackDays is { } fd && feedbackRequired.Problem is null)
            newFeedback = Make(() => new ReportFeedback(fd, feedbackShare), feedbackWithin, feedbackRequired);

        // Training.
        var training = baseline.Training;
        var session = training?.LeadTime;
        var before = Field(edit.Training, "deliverables.training.session.before", "Session before a launch", session is null ? "" : AgreementFieldText.FormatDays(session.DaysBefore), "at least this many days ahead, e.g. 7 days; blank: no commitment");
        var sessionRequired = Field(edit.Training, "deliverables.training.session.required", "Launches trained in time", Share(session?.Required), "the share that must make it; blank: 100% minus the tolerance");
        var beforeDays = Optional(before, DeliverableFieldText.Days);
        var sessionShare = Optional(sessionRequired, DeliverableFieldText.Required);
        TrainingLeadTime? newSession = null;
        if (Part(before, sessionRequired) && beforeDays is { } bd && sessionRequired.Problem is null)
            newSession = Make(() => new TrainingLeadTime(bd, sessionShare), before, sessionRequired);
        var attendance = Field(edit.Training, "deliverables.training.attendance", "Attendance", AttendanceChoices[training?.Attendance is null ? 0 : 1], "committed: the reps named for a session attend it");
        var attendanceRequired = Field(edit.Training, "deliverables.training.attendance.required", "Named reps attending", Share(training?.Attendance?.Required), "the share that must attend; blank: 100% minus the tolerance");
        var attendanceShare = Optional(attendanceRequired, DeliverableFieldText.Required);
        TrainingAttendance? newAttendance = null;
        var choice = Array.IndexOf(AttendanceChoices, attendance.Value);
        if (choice < 0) attendance.Problem = $"'{attendance.Value}' is not a choice; write committed or not committed";
        else if (choice == 0 && attendanceRequired.Value.Length > 0 && attendanceRequired.Problem is null)
            attendanceRequired.Problem = "is given but attendance is not committed: choose committed, or clear it";
        else if (choice == 1 && attendanceRequired.Problem is null) newAttendance = new TrainingAttendance(attendanceShare);

        if (edit.Fields.Any(f => f.Problem is not null)) return edit;
        var newContent = quotas.Count == 0 && newUse is null ? null : Make(() => new ContentCommitment(quotas, newUse), e => RowOf(e, rows) ?? useWithin);
        if (newContent is null && (quotas.Count > 0 || newUse is not null)) return edit;
        edit.Commitments = new DeliverableCommitments(
            newContent,
            launches is null && newFollow is null ? null : new CampaignCommitment(launches, newFollow),
            deliver is null && newFeedback is null ? null : new ReportingCommitment(deliver, newFeedback),
            newSession is null && newAttendance is null ? null : new TrainingCommitment(newSession, newAttendance));
        return edit;
    }

    /// <summary>
    /// The content rows posted: a form may carry more rows than offered (several kinds added at once).
    /// A row number too large for an int counts as the most there can be, so it meets the "too many rows" refusal.
    /// </summary>
    private static int RowsPosted(IFormCollection form) =>
        form.Keys.Select(k => RowPattern().Match(k)).Where(m => m.Success)
            .Select(m => int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : int.MaxValue).DefaultIfEmpty(0).Max();

    /// <summary>A quota from its count and window fields, or null with the problem on the field.</summary>
    private static Quota? Quota(PlanField count, PlanField per)
    {
        if (count.Value.Length == 0) count.Problem = "is empty: enter a value";
        var n = Read(count, DeliverableFieldText.Count);
        var window = Read(per, DeliverableFieldText.Per);
        return n is { } c && window is { } p ? new Quota(c, p, count.Name) : null;
    }

    /// <summary>
    /// Whether a part is committed: its first field (within, before) is given. Its other fields
    /// given without it are refused, not dropped.
    /// </summary>
    private static bool Part(PlanField defining, params PlanField[] others)
    {
        if (defining.Value.Length > 0) return true;
        foreach (var other in others.Where(o => o.Value.Length > 0 && o.Problem is null))
            other.Problem = $"is given but {defining.Label} is empty: fill it in, or clear this";
        return false;
    }

    private static T? Read<T>(PlanField field, Func<string, string, T> read)
        where T : struct
    {
        if (field.Problem is not null) return null;
        try
        {
            return read(field.Value, field.Name);
        }
        catch (InvalidInputException e)
        {
            field.Problem = e.Reason;
            return null;
        }
    }

    /// <summary>The field's value, or null when it is blank (or has a problem).</summary>
    private static T? Optional<T>(PlanField field, Func<string, string, T> read)
        where T : struct => field.Value.Length == 0 ? null : Read(field, read);

    /// <summary>Makes a commitment with the domain's own checks, putting a refusal on the field it names (else the first).</summary>
    private static T? Make<T>(Func<T> make, params PlanField[] fields)
        where T : class =>
        Make(make, e => fields.FirstOrDefault(f => f.Name == e.Field) ?? fields[0]);

    private static T? Make<T>(Func<T> make, Func<InvalidInputException, PlanField> fieldOf)
        where T : class
    {
        try
        {
            return make();
        }
        catch (InvalidInputException e)
        {
            fieldOf(e).Problem = e.Reason;
            return null;
        }
    }

    /// <summary>The content row a field belongs to ("deliverables.content.pieces[2]"), or empty for a field of no row; the page shows a row's fields side by side.</summary>
    public static string RowOf(string name)
    {
        var match = RowPattern().Match(name ?? "");
        return match.Success ? match.Value.TrimEnd('.') : "";
    }

    /// <summary>The form's row a content error names: the domain counts the kinds given, the form counts its rows.</summary>
    private static PlanField? RowOf(InvalidInputException e, List<PlanField> rows)
    {
        var match = RowPattern().Match(e.Field);
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i >= 1 && i <= rows.Count ? rows[i - 1] : null;
    }

    private static string Whole(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Share(Share? share) => share is { } s ? DeliverableFieldText.Format(s) : "";

    [GeneratedRegex(@"^deliverables\.content\.pieces\[(\d+)\]\.")]
    private static partial Regex RowPattern();
}
