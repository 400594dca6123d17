using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Analytics;

/// <summary>The handoffs of a date range as depth samples, from the same clocks as the SLA monitor's.</summary>
public static class DepthSamples
{
    /// <summary>Handoffs whose date (agreement zone) falls in [<paramref name="from"/>, <paramref name="to"/>); null when no agreement is stored.</summary>
    public static async Task<IReadOnlyList<DepthSample>?> ReadAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel)
    {
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var zone = agreements.Active.Calendar.Zone;
        var leads = await ClockFactsReader.ReadAsync(connection, agreements.Active, null, cancel).ConfigureAwait(false);
        var samples = new List<DepthSample>();
        foreach (var lead in leads)
        {
            if (segment is not null && !string.Equals(lead.Facts.Segment, segment, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var clock in LeadClocks.Build(lead.Facts, agreements.Active.Sales, at => agreements.SettingsAt(at, lead.Source)))
            {
                var date = clock.HandedOffAt.InZone(zone).Date;
                if (date < from || date >= to) continue;
                var terms = (agreements.ById(clock.Version) ?? agreements.Active).Sales.For(lead.Facts.Segment, lead.Facts.LeadType, lead.Facts.Tier);
                var touches = lead.Facts.Touches.Where(t => t.At >= clock.HandedOffAt).OrderBy(t => t.At).ToList();
                var reached = touches.Where(t => t.Outcome is TouchOutcome.Connected or TouchOutcome.Replied).Select(t => (Instant?)t.At).FirstOrDefault();
                samples.Add(new DepthSample(clock.Rep, clock.HandedOffAt, [.. touches.Select(t => t.At)], reached, clock.Depth, terms.Depth));
            }
        }
        return samples;
    }
}
