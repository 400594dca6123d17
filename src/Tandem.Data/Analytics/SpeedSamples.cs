using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Analytics;

/// <summary>
/// The handoffs of a date range as speed samples: each handoff's rep, date (in the agreement's
/// zone), and the wall-clock and working time (on the rep's calendar) to the first touch after it,
/// taken from the same clocks as the SLA monitor's so the report and the breaches agree.
/// </summary>
public static class SpeedSamples
{
    /// <summary>Handoffs whose date falls in [<paramref name="from"/>, <paramref name="to"/>); null when no agreement is stored.</summary>
    public static async Task<IReadOnlyList<SpeedSample>?> ReadAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel)
    {
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var zone = agreements.Active.Calendar.Zone;
        var leads = await ClockFactsReader.ReadAsync(connection, agreements.Active, null, cancel).ConfigureAwait(false);
        var samples = new List<SpeedSample>();
        foreach (var lead in leads)
        {
            if (segment is not null && !string.Equals(lead.Facts.Segment, segment, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var clock in LeadClocks.Build(lead.Facts, agreements.Active.Sales, at => agreements.SettingsAt(at, lead.Source)))
            {
                var date = clock.HandedOffAt.InZone(zone).Date;
                if (date < from || date >= to) continue;
                var ended = clock.Speed.Final is { State: ClockState.Stopped or ClockState.Cancelled } f ? f.At : (Instant?)null;
                var first = lead.Facts.Touches.Where(t => t.At >= clock.HandedOffAt && (ended is null || t.At < ended)).Select(t => (Instant?)t.At).Min();
                var calendar = agreements.CalendarOfRep(agreements.ById(clock.Version) ?? agreements.Active, lead.Source, clock.Rep);
                samples.Add(new SpeedSample(clock.Rep, date,
                    first is { } touched ? touched - clock.HandedOffAt : null,
                    first is { } t2 ? calendar.WorkingTimeBetween(clock.HandedOffAt, t2) : null,
                    clock.Speed.Final?.State == ClockState.Met));
            }
        }
        return samples;
    }
}
