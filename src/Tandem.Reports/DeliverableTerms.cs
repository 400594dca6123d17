using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;

namespace Tandem.Reports;

/// <summary>
/// The agreement document's section on the deliverable commitments: for each part, who commits to
/// what, how it is measured, and what happens when it is missed. Keys are stable across versions
/// (<c>deliverables.content.blog post</c>, <c>deliverables.campaigns.followUp</c>, ...), so two versions
/// compare term by term.
/// </summary>
public static class DeliverableTerms
{
    /// <summary>The section's heading.</summary>
    public const string Heading = "Content, campaigns, reports and training";

    /// <summary>The terms of <paramref name="agreement"/>'s deliverable commitments; empty when it makes none.</summary>
    public static IReadOnlyList<DocumentTerm> Of(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var d = agreement.Deliverables;
        var terms = new List<DocumentTerm>();
        if (d.IsEmpty) return terms;
        string Required(Share? share) => (share ?? Share.From(Fraction.One - agreement.Tolerance.Band.Value, "tolerance")).ToString();
        const string QuotaMissed = "Each window stands on its own: a surplus in one does not make up for a shortfall in another, and a window that ends short is marked missed on the scorecard and in the period's digest.";

        if (d.Content is { } content)
        {
            foreach (var piece in content.Pieces)
                terms.Add(new($"deliverables.content.{piece.Kind.ToLowerInvariant()}",
                    $"Marketing publishes at least {piece.Quota.Count} {piece.Kind}{(piece.Quota.Count == 1 ? "" : "s")} each {Quota.Word(piece.Quota.Per)}, logged with their kind and publication time. {QuotaMissed}"));
            if (content.Use is { } use)
                terms.Add(new("deliverables.content.use",
                    $"Sales uses each piece marketing publishes in at least {use.Touches} touch{(use.Touches == 1 ? "" : "es")} with leads within {use.WithinDays} days of its publication, logging which piece was used in which touch. "
                    + $"Kept when at least {Required(use.Required)} of the pieces published in a period were used in time; otherwise the period is marked missed for sales."));
        }
        if (d.Campaigns is { } campaigns)
        {
            if (campaigns.Launches is { } launches)
                terms.Add(new("deliverables.campaigns.launches", $"Marketing launches at least {launches.Count} campaign{(launches.Count == 1 ? "" : "s")} each {Quota.Word(launches.Per)}. {QuotaMissed}"));
            if (campaigns.FollowUp is { } followUp)
                terms.Add(new("deliverables.campaigns.followUp",
                    $"Sales makes a first touch on every lead that comes from a campaign within {Hours(followUp.Minutes)} of the lead responding to it, "
                    + (followUp.Clock == ClockKind.Working ? "counting only working time." : "counting every hour, working or not.")
                    + $" Kept when at least {Required(followUp.Required)} of a period's campaign leads were touched in time; otherwise the period is marked missed for sales."));
        }
        if (d.Reporting is { } reporting)
        {
            if (reporting.Reports is { } reports)
                terms.Add(new("deliverables.reports.deliver", $"Marketing delivers at least {reports.Count} performance report{(reports.Count == 1 ? "" : "s")} on lead generation, conversion and campaigns each {Quota.Word(reports.Per)}. {QuotaMissed}"));
            if (reporting.Feedback is { } feedback)
                terms.Add(new("deliverables.reports.feedback",
                    $"Sales gives feedback on each report within {feedback.WithinDays} days of receiving it. Kept when at least {Required(feedback.Required)} of a period's reports got feedback in time; otherwise the period is marked missed for sales."));
        }
        if (d.Training is { } training)
        {
            if (training.LeadTime is { } session)
                terms.Add(new("deliverables.training.session",
                    $"Marketing holds a training session on each new product at least {session.DaysBefore} days before its launch. Kept when at least {Required(session.Required)} of the launches in a period had their session in time; otherwise the period is marked missed for marketing."));
            if (training.Attendance is { } attendance)
                terms.Add(new("deliverables.training.attendance",
                    $"The reps named for a session attend it. Kept when at least {Required(attendance.Required)} of the named reps of a period's sessions attended; otherwise the period is marked missed for sales."));
        }
        terms.Add(new("deliverables.measured", "Each deliverable is logged on the Deliverables page, through the API or by CSV import, and counts in the period in which it starts: a publication, a lead's response, a report's delivery, a launch date or a session."));
        return terms;
    }

    private static string Hours(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}" : $"{minutes} minute{(minutes == 1 ? "" : "s")}";
}
