using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Domain.Deliverables;

/// <summary>
/// The scorecard lines of the deliverable commitments for one period, in a fixed order: content
/// (one line per kind, then use), campaigns (launches, follow-up), reports (delivered, feedback),
/// training (lead time, attendance). A quota line counts deliverables (<see cref="QuotaJudge"/>);
/// a deadline line is the share of the period's items done in time (<see cref="Deadlines"/>), met
/// from the commitment's required share, else 100% minus the agreement's tolerance, as speed and
/// depth are. An item belongs to the period of its start: a piece's publication, a lead's
/// response, a report's delivery, a launch date, a session.
/// </summary>
public static class DeliverableScorecard
{
    /// <summary>The lines for the dates [<paramref name="from"/>, <paramref name="to"/>), judged as of <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<ScorecardLine> Lines(DeliverableCommitments commitments, LocalDate from, LocalDate to, BusinessCalendar calendar, Tolerance tolerance, Instant asOf, DeliverableRecords records)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(records);
        var zone = calendar.Zone;
        bool InPeriod(Instant t) => t.InZone(zone).Date is var d && d >= from && d < to;
        Share Required(Share? given) => given ?? Share.From(Fraction.One - tolerance.Band.Value, "tolerance");
        var lines = new List<ScorecardLine>();

        if (commitments.Content is { } content)
        {
            foreach (var quota in content.Pieces)
            {
                var kind = quota.Kind.Trim();
                var result = QuotaJudge.Judge(quota.Quota, from, to, zone, asOf,
                    records.Content.Where(p => string.Equals(p.Kind.Trim(), kind, StringComparison.OrdinalIgnoreCase)).Select(p => p.Published));
                lines.Add(Scorecard.Quota(ScorecardTeam.Marketing, $"content/{kind.ToLowerInvariant()}", $"{kind}: {Per(quota.Quota)}", result));
            }
            if (content.Use is { } use)
            {
                var items = records.Content.Where(p => InPeriod(p.Published))
                    .Select(p => new DeadlineItem(calendar.AddCalendarDays(p.Published, use.WithinDays), Deadlines.Nth(p.Uses, use.Touches, p.Published)));
                lines.Add(Scorecard.Deadlines(ScorecardTeam.Sales, "content-use",
                    $"each piece used in {Plural(use.Touches, "touch", "touches")} within {Plural(use.WithinDays, "day", "days")}", Deadlines.Tally(items, asOf), Required(use.Required)));
            }
        }

        if (commitments.Campaigns is { } campaigns)
        {
            if (campaigns.Launches is { } launches)
                lines.Add(Scorecard.Quota(ScorecardTeam.Marketing, "campaigns", $"{Plural(launches.Count, "campaign", "campaigns")} a {Quota.Word(launches.Per)}",
                    QuotaJudge.Judge(launches, from, to, zone, asOf, records.Campaigns.Select(c => c.Launched))));
            if (campaigns.FollowUp is { } followUp)
            {
                var tally = records.CampaignFollowUps is { } judged
                    ? judged.Where(d => d.Responded >= from && d.Responded < to).Aggregate(new DeadlineTally(0, 0, 0), (sum, d) => sum + d.Tally)
                    : Deadlines.Tally(records.CampaignLeads.Where(l => InPeriod(l.Responded))
                        .Select(l => new DeadlineItem(FollowUpDue(followUp, calendar, l.Responded), Deadlines.Nth(l.Touches.Where(t => t >= l.Responded), 1, l.Responded))), asOf);
                lines.Add(Scorecard.Deadlines(ScorecardTeam.Sales, "campaign-follow-up",
                    $"campaign leads touched within {Duration(followUp.Minutes)} ({(followUp.Clock == ClockKind.Working ? "working time" : "wall-clock")})", tally, Required(followUp.Required)));
            }
        }

        if (commitments.Reporting is { } reporting)
        {
            if (reporting.Reports is { } reports)
                lines.Add(Scorecard.Quota(ScorecardTeam.Marketing, "reports", $"{Plural(reports.Count, "performance report", "performance reports")} a {Quota.Word(reports.Per)}",
                    QuotaJudge.Judge(reports, from, to, zone, asOf, records.Reports.Select(r => r.Delivered))));
            if (reporting.Feedback is { } feedback)
            {
                var items = records.Reports.Where(r => InPeriod(r.Delivered))
                    .Select(r => new DeadlineItem(calendar.AddCalendarDays(r.Delivered, feedback.WithinDays), Deadlines.Nth(r.Feedback, 1, r.Delivered)));
                lines.Add(Scorecard.Deadlines(ScorecardTeam.Sales, "report-feedback", $"feedback on each report within {Plural(feedback.WithinDays, "day", "days")}",
                    Deadlines.Tally(items, asOf), Required(feedback.Required)));
            }
        }

        if (commitments.Training is { } training)
        {
            if (training.LeadTime is { } leadTime)
            {
                // Every launch of the period, logged on its own or named by a session; its first session is what counts.
                var sessions = records.Trainings.ToLookup(t => (t.Product.Trim().ToUpperInvariant(), t.Launch), t => t.Held);
                var items = records.Launches.Select(l => (Product: l.Product.Trim().ToUpperInvariant(), l.Date))
                    .Concat(records.Trainings.Select(t => (Product: t.Product.Trim().ToUpperInvariant(), Date: t.Launch)))
                    .Where(l => l.Date >= from && l.Date < to).Distinct()
                    .Select(l => new DeadlineItem(LastOnTime(zone, l.Date, leadTime.DaysBefore), sessions[l].Any() ? sessions[l].Min() : null));
                lines.Add(Scorecard.Deadlines(ScorecardTeam.Marketing, "training",
                    $"a training session at least {Plural(leadTime.DaysBefore, "day", "days")} before each product launch", Deadlines.Tally(items, asOf), Required(leadTime.Required)));
            }
            if (training.Attendance is { } attendance)
            {
                // A named rep's attendance is due by the session itself: once it is held, a rep not marked as attending missed it.
                var items = records.Trainings.Where(t => InPeriod(t.Held))
                    .SelectMany(t => t.Attendees.Select(a => new DeadlineItem(t.Held, a.Attended ? t.Held : null)));
                lines.Add(Scorecard.Deadlines(ScorecardTeam.Sales, "training-attendance", "the named reps attend each session",
                    Deadlines.Tally(items, asOf), Required(attendance.Required)));
            }
        }
        return lines;
    }

    /// <summary>The last instant on time for a follow-up: the response plus the minutes, of the wall clock or of the calendar's working time.</summary>
    public static Instant FollowUpDue(CampaignFollowUp followUp, BusinessCalendar calendar, Instant responded)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(calendar);
        return followUp.Clock == ClockKind.Working
            ? calendar.AddWorkingMinutes(responded, followUp.Minutes)
            : responded + NodaTime.Duration.FromMinutes(followUp.Minutes);
    }

    /// <summary>The last instant of the date <paramref name="daysBefore"/> days before <paramref name="launch"/>, in <paramref name="zone"/>.</summary>
    public static Instant LastOnTime(DateTimeZone zone, LocalDate launch, int daysBefore)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.AtStartOfDay(launch.PlusDays(1 - daysBefore)).ToInstant() - NodaTime.Duration.Epsilon;
    }

    private static string Per(Quota quota) => $"{quota.Count} a {Quota.Word(quota.Per)}";

    private static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string Duration(int minutes) =>
        minutes % 60 == 0 ? Plural(minutes / 60, "hour", "hours") : Plural(minutes, "minute", "minutes");
}
