using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Leads;

namespace Tandem.Domain.Clocks;

/// <summary>
/// Finds a lead's handoffs and computes their clocks. The handoff is the lead entering the
/// agreement's handoff stage with a rep: the stage change's receiving rep, else the lead's owner;
/// with neither, the handoff waits for the first later stage change that names a rep. Entering
/// Disqualified or Recycled stops the open clocks; entering the handoff stage again afterwards
/// starts new ones. A later stage change naming another rep is a reassignment: it changes nothing
/// unless the agreement restarts clocks on reassignment, in which case the open clocks are
/// cancelled and new ones start then, on the new rep's calendar. The clocks run on the calendar of
/// the rep who received the lead, under the rule that matches the lead's current fields.
/// </summary>
public static class LeadClocks
{
    /// <summary>The lead's clocks under one agreement, oldest handoff first; none when it was never handed off.</summary>
    /// <param name="facts">The lead.</param>
    /// <param name="sales">The agreement's commitments.</param>
    /// <param name="calendarOfRep">The calendar a rep's clocks run on (their team's, in their own zone).</param>
    public static IReadOnlyList<LeadClock> Build(LeadFacts facts, SalesCommitments sales, Func<string, BusinessCalendar> calendarOfRep) =>
        Build(facts, sales, _ => new ClockSettings(sales, calendarOfRep, null));

    /// <summary>
    /// The lead's clocks when agreements change over time: handoffs are found with
    /// <paramref name="sales"/> (the active agreement), and each clock runs under the settings in
    /// force at its start, so a clock keeps the agreement version it started under.
    /// </summary>
    public static IReadOnlyList<LeadClock> Build(LeadFacts facts, SalesCommitments sales, Func<Instant, ClockSettings> settingsAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(settingsAt);
        var attempts = facts.Touches.Select(t => new Attempt(t.At, t.Outcome is TouchOutcome.Connected or TouchOutcome.Replied)).ToList();
        var handoffStage = LeadStages.Normalize(sales.HandoffStage) ?? sales.HandoffStage;

        var starts = new List<(Instant At, string Rep, Instant? End, ClockState EndState)>();
        (Instant At, string Rep)? open = null;
        var waiting = false; // in the handoff stage, no rep yet
        // Ties at one instant are taken in a fixed order, so the result never depends on how the records were read.
        foreach (var change in facts.Stages.OrderBy(s => s.At).ThenBy(s => s.Stage, StringComparer.Ordinal).ThenBy(s => s.LeadId, StringComparer.Ordinal).ThenBy(s => s.Rep, StringComparer.Ordinal))
        {
            var stage = LeadStages.Normalize(change.Stage) ?? change.Stage;
            if (stage is LeadStages.Disqualified or LeadStages.Recycled)
            {
                if (open is { } stopped) starts.Add((stopped.At, stopped.Rep, change.At, ClockState.Stopped));
                (open, waiting) = (null, false);
                continue;
            }
            var rep = string.IsNullOrWhiteSpace(change.Rep) ? null : change.Rep.Trim();
            if (open is null && (waiting || string.Equals(stage, handoffStage, StringComparison.OrdinalIgnoreCase)))
            {
                var receiver = rep ?? (waiting ? null : Blank(facts.Owner));
                if (receiver is null) { waiting = true; continue; }
                (open, waiting) = ((change.At, receiver), false);
                continue;
            }
            if (open is { } current && rep is not null && !string.Equals(rep, current.Rep, StringComparison.OrdinalIgnoreCase))
            {
                if (!sales.ResetOnReassign) { open = (current.At, current.Rep); continue; }
                starts.Add((current.At, current.Rep, change.At, ClockState.Cancelled));
                open = (change.At, rep);
            }
        }
        if (open is { } last) starts.Add((last.At, last.Rep, null, ClockState.Running));

        var clocks = new List<LeadClock>();
        foreach (var (at, rep, end, endState) in starts)
        {
            var settings = settingsAt(at);
            var terms = settings.Sales.For(facts.Segment, facts.LeadType, facts.Tier);
            var input = new ClockInput(at, settings.CalendarOfRep(rep), settings.Sales.WarnAt, attempts, end, endState);
            clocks.Add(new LeadClock(clocks.Count + 1, at, rep, terms.Rule, SpeedClock.Build(input, terms.Speed), DepthClock.Build(input, terms.Depth)) { Version = settings.Version });
        }
        return clocks;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
