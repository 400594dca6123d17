using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Analytics;

/// <summary>A handoff as the follow-up reports see it: the lead, its clocks, the agreement and calendar they ran under, and its date in the active agreement's zone.</summary>
public sealed record Handoff(string Source, string LeadId, LeadFacts Lead, LeadClock Clock, Agreement Agreement, BusinessCalendar Calendar, LocalDate Date);

/// <summary>
/// The handoffs of a date range, found and clocked exactly as the SLA monitor does (same readers,
/// same <see cref="LeadClocks"/>), so the speed, depth and scorecard reports agree with the breaches.
/// </summary>
public static class Handoffs
{
    /// <summary>Handoffs whose date falls in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment, of the sources with touch data; null when no agreement is stored.</summary>
    public static async Task<IReadOnlyList<Handoff>?> ReadAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel)
    {
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var leads = await ClockFactsReader.ReadAsync(connection, agreements.Active, null, cancel).ConfigureAwait(false);
        // As the projector: a source without any touch stored has no speed or depth to judge (UntimedHandoffs).
        var touched = await UntimedHandoffs.TouchedAsync(connection, null, leads.Select(l => l.Source), cancel).ConfigureAwait(false);
        return [.. leads.Where(l => touched.Contains(l.Source) && (segment is null || ReportFactRows.Key(l.Facts.Segment) == ReportFactRows.Key(segment)))
            .SelectMany(l => Of(l, agreements)).Where(h => h.Date >= from && h.Date < to)];
    }

    /// <summary>A lead's handoffs, clocked as the monitor clocks them, dated in the active agreement's zone.</summary>
    public static IEnumerable<Handoff> Of(ClockLead lead, ClockAgreements agreements)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(agreements);
        var zone = agreements.Active.Calendar.Zone;
        foreach (var clock in LeadClocks.Build(lead.Facts, agreements.Active.Sales, at => agreements.SettingsAt(at, lead.Source)))
        {
            var agreement = agreements.ById(clock.Version) ?? agreements.Active;
            yield return new Handoff(lead.Source, lead.Id, lead.Facts, clock, agreement, agreements.CalendarOfRep(agreement, lead.Source, clock.Rep), clock.HandedOffAt.InZone(zone).Date);
        }
    }

    /// <summary>Speed samples: wall-clock and working time (on the rep's calendar) from handoff to the first touch before the clocks stopped.</summary>
    public static IReadOnlyList<Domain.Analytics.SpeedSample> Speed(IEnumerable<Handoff> handoffs) =>
        [.. handoffs.Select(h =>
        {
            var ended = h.Clock.Speed.Final is { State: ClockState.Stopped or ClockState.Cancelled } f ? f.At : (Instant?)null;
            var first = h.Lead.Touches.Where(t => t.At >= h.Clock.HandedOffAt && (ended is null || t.At < ended)).Select(t => (Instant?)t.At).Min();
            return new Domain.Analytics.SpeedSample(h.Clock.Rep, h.Date,
                first is { } touched ? touched - h.Clock.HandedOffAt : null,
                first is { } at ? h.Calendar.WorkingTimeBetween(h.Clock.HandedOffAt, at) : null,
                h.Clock.Speed.Final?.State == ClockState.Met);
        })];

    /// <summary>Depth samples: the attempts after handoff, when the lead was reached, the depth clock with its terms, and when its first step ends.</summary>
    public static IReadOnlyList<Domain.Analytics.DepthSample> Depth(IEnumerable<Handoff> handoffs) =>
        [.. handoffs.Select(h =>
        {
            var terms = h.Agreement.Sales.For(h.Lead.Segment, h.Lead.LeadType, h.Lead.Tier);
            var touches = h.Lead.Touches.Where(t => t.At >= h.Clock.HandedOffAt).OrderBy(t => t.At).ToList();
            var reached = touches.Where(t => t.Outcome is TouchOutcome.Connected or TouchOutcome.Replied).Select(t => (Instant?)t.At).FirstOrDefault();
            // The first step's deadline on the calendar the clock ran on, as the clock computed it.
            var firstStepEnd = terms.Depth.Cadence.Count == 0 ? (Instant?)null : DepthClock.Deadline(h.Clock.HandedOffAt, h.Calendar, terms.Depth, terms.Depth.Cadence[0]);
            return new Domain.Analytics.DepthSample(h.Clock.Rep, h.Clock.HandedOffAt, [.. touches.Select(t => t.At)], reached, h.Clock.Depth, terms.Depth, firstStepEnd);
        })];
}
