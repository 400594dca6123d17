using System.Text;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads and writes <c>deliverables</c>: the content, campaign, reporting and training
/// commitments (docs/agreement-file.md). Each part is optional; a part left out is not committed
/// to. Quotas are <c>{ count, per }</c>; deadline commitments take an optional <c>required</c>
/// share (default: 100% minus the agreement's tolerance).
/// </summary>
internal static class DeliverablesSection
{
    private const string Root = "deliverables";

    public static (bool Ok, DeliverableCommitments Commitments) Read(YamlSection root)
    {
        if (root.Get(Root) is not { } node) return (true, DeliverableCommitments.None);
        var section = YamlSection.Of(node, Root, root.Problems);
        if (section is null) return (false, DeliverableCommitments.None);
        var problems = section.Problems;
        var before = problems.Errors.Count;
        var content = Part(section, "content", ReadContent);
        var campaigns = Part(section, "campaigns", ReadCampaigns);
        var reports = Part(section, "reports", ReadReports);
        var training = Part(section, "training", ReadTraining);
        section.CheckUnknownKeys();
        if (problems.Errors.Count > before) return (false, DeliverableCommitments.None);
        return (true, new DeliverableCommitments(content, campaigns, reports, training));
    }

    private static T? Part<T>(YamlSection parent, string key, Func<YamlSection, T?> read)
        where T : class =>
        parent.Get(key) is { } node && YamlSection.Of(node, parent.Field(key), parent.Problems) is { } section ? read(section) : null;

    private static ContentCommitment? ReadContent(YamlSection content)
    {
        var before = content.Problems.Errors.Count;
        var pieces = new List<ContentQuota>();
        var items = content.List("pieces");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{content.Path}.pieces[{i + 1}]";
            if (YamlSection.Of(items[i], path, content.Problems) is not { } piece) continue;
            var kind = piece.Required("kind")?.Trim();
            var quota = ReadQuota(piece, path);
            if (kind is not null && quota is not null) pieces.Add(new ContentQuota(kind, quota));
        }
        var use = Part(content, "use", u =>
        {
            var touches = u.Parse("touches", DeliverableFieldText.WholeNumber) ?? 1;
            var within = u.Parse("within", DeliverableFieldText.Days, required: true);
            var required = u.Parse("required", DeliverableFieldText.Required);
            u.CheckUnknownKeys();
            return within is { } days ? u.Problems.Try(u.Node, () => new ContentUse(touches, days, required)) : null;
        });
        content.CheckUnknownKeys();
        if (content.Problems.Errors.Count > before) return null;
        return content.Problems.Try(content.Node, () => new ContentCommitment(pieces, use));
    }

    private static CampaignCommitment? ReadCampaigns(YamlSection campaigns)
    {
        var before = campaigns.Problems.Errors.Count;
        var launches = Part(campaigns, "launches", l => ReadQuota(l, l.Path));
        var followUp = Part(campaigns, "followUp", f =>
        {
            var within = f.Parse("within", DeliverableFieldText.Minutes, required: true);
            var clock = f.Text("clock") is null ? ClockKind.Wall : f.Parse("clock", DeliverableFieldText.FollowUpClock);
            var required = f.Parse("required", DeliverableFieldText.Required);
            f.CheckUnknownKeys();
            return within is { } minutes && clock is { } kind ? f.Problems.Try(f.Node, () => new CampaignFollowUp(minutes, kind, required)) : null;
        });
        campaigns.CheckUnknownKeys();
        if (campaigns.Problems.Errors.Count > before) return null;
        return campaigns.Problems.Try(campaigns.Node, () => new CampaignCommitment(launches, followUp));
    }

    private static ReportingCommitment? ReadReports(YamlSection reports)
    {
        var before = reports.Problems.Errors.Count;
        var deliver = Part(reports, "deliver", d => ReadQuota(d, d.Path));
        var feedback = Part(reports, "feedback", f =>
        {
            var within = f.Parse("within", DeliverableFieldText.Days, required: true);
            var required = f.Parse("required", DeliverableFieldText.Required);
            f.CheckUnknownKeys();
            return within is { } days ? f.Problems.Try(f.Node, () => new ReportFeedback(days, required)) : null;
        });
        reports.CheckUnknownKeys();
        if (reports.Problems.Errors.Count > before) return null;
        return reports.Problems.Try(reports.Node, () => new ReportingCommitment(deliver, feedback));
    }

    private static TrainingCommitment? ReadTraining(YamlSection training)
    {
        var before = training.Problems.Errors.Count;
        var session = Part(training, "session", s =>
        {
            var days = s.Parse("before", DeliverableFieldText.Days, required: true);
            var required = s.Parse("required", DeliverableFieldText.Required);
            s.CheckUnknownKeys();
            return days is { } d ? s.Problems.Try(s.Node, () => new TrainingLeadTime(d, required)) : null;
        });
        var attendance = Part(training, "attendance", a =>
        {
            var required = a.Parse("required", DeliverableFieldText.Required);
            a.CheckUnknownKeys();
            return new TrainingAttendance(required);
        });
        training.CheckUnknownKeys();
        if (training.Problems.Errors.Count > before) return null;
        return training.Problems.Try(training.Node, () => new TrainingCommitment(session, attendance));
    }

    private static Quota? ReadQuota(YamlSection section, string path)
    {
        var count = section.Parse("count", DeliverableFieldText.WholeNumber, required: true);
        var per = section.Parse("per", DeliverableFieldText.Per, required: true);
        section.CheckUnknownKeys();
        if (count is not { } n || per is not { } p) return null;
        return section.Problems.Try(section.Node, () => new Quota(n, p, $"{path}.count"));
    }

    /// <summary>Writes the section as <see cref="Read"/> reads it back; nothing when nothing is committed.</summary>
    public static void Write(StringBuilder w, DeliverableCommitments d)
    {
        if (d.IsEmpty) return;
        w.Append("deliverables:\n");
        if (d.Content is { } content)
        {
            w.Append("  content:\n");
            if (content.Pieces.Count > 0)
            {
                w.Append("    pieces:\n");
                foreach (var piece in content.Pieces)
                    w.Append("      - kind: ").Append(AgreementFileWriter.Quote(piece.Kind)).Append('\n')
                     .Append("        count: ").Append(piece.Quota.Count).Append('\n')
                     .Append("        per: ").Append(Quota.Word(piece.Quota.Per)).Append('\n');
            }
            if (content.Use is { } use)
            {
                w.Append("    use:\n      touches: ").Append(use.Touches).Append("\n      within: ").Append(DurationText.FormatDays(use.WithinDays)).Append('\n');
                Required(w, use.Required, "      ");
            }
        }
        if (d.Campaigns is { } campaigns)
        {
            w.Append("  campaigns:\n");
            if (campaigns.Launches is { } launches) WriteQuota(w, "launches", launches);
            if (campaigns.FollowUp is { } followUp)
            {
                w.Append("    followUp:\n      within: ").Append(DurationText.FormatMinutes(followUp.Minutes))
                 .Append("\n      clock: ").Append(followUp.Clock == ClockKind.Working ? "working" : "wall").Append('\n');
                Required(w, followUp.Required, "      ");
            }
        }
        if (d.Reporting is { } reports)
        {
            w.Append("  reports:\n");
            if (reports.Reports is { } deliver) WriteQuota(w, "deliver", deliver);
            if (reports.Feedback is { } feedback)
            {
                w.Append("    feedback:\n      within: ").Append(DurationText.FormatDays(feedback.WithinDays)).Append('\n');
                Required(w, feedback.Required, "      ");
            }
        }
        if (d.Training is { } training)
        {
            w.Append("  training:\n");
            if (training.LeadTime is { } session)
            {
                w.Append("    session:\n      before: ").Append(DurationText.FormatDays(session.DaysBefore)).Append('\n');
                Required(w, session.Required, "      ");
            }
            if (training.Attendance is { } attendance)
            {
                if (attendance.Required is null) w.Append("    attendance: {}\n");
                else
                {
                    w.Append("    attendance:\n");
                    Required(w, attendance.Required, "      ");
                }
            }
        }
    }

    private static void WriteQuota(StringBuilder w, string key, Quota quota) =>
        w.Append("    ").Append(key).Append(":\n      count: ").Append(quota.Count).Append("\n      per: ").Append(Quota.Word(quota.Per)).Append('\n');

    private static void Required(StringBuilder w, Share? required, string indent)
    {
        if (required is { } share) w.Append(indent).Append("required: ").Append(AgreementFileWriter.Proportion(share.Value)).Append('\n');
    }
}
