using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Analytics;

/// <summary>A lead's entry into the funnel's first stage, as the pacing rollup counts it.</summary>
public sealed record ArrivalFact(string Source, string LeadId, long Day, string SegmentKey, string LeadTypeKey);

/// <summary>One handoff as the speed, depth and scorecard reports read it; <see cref="Depth"/> holds the point at each of <see cref="DepthReport.Ages"/> (null where it does not count); <see cref="DepthCounted"/> whether its depth clock is judged (it did not end stopped or cancelled), <see cref="DepthBreachedAt"/> when that clock breaches, if it does; <see cref="FirstStepAt"/> when its cadence's first step ends (null without a cadence) and <see cref="FirstStep"/> its point then (null where it does not count).</summary>
public sealed record HandoffFact(string Source, string LeadId, long Episode, long Day, Instant HandedOffAt, string SegmentKey, string Rep,
    long? WallMinutes, long? WorkingMinutes, bool Within, IReadOnlyList<DepthPoint?> Depth, bool DepthCounted = true, Instant? DepthBreachedAt = null,
    Instant? FirstStepAt = null, DepthPoint? FirstStep = null);

/// <summary>
/// Derives a lead's report facts from its records, with the code the reports use on raw data:
/// <see cref="Handoffs"/> for the clocks and samples, <see cref="DepthReport.PointAt"/> for depth,
/// the tracking sheet's cohort entry for arrivals. Days count from 1970-01-01 in the active
/// agreement's zone.
/// </summary>
public static class ReportFactRows
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The day number stored for <paramref name="date"/>.</summary>
    public static long DayOf(LocalDate date) => date.ToDateOnly().DayNumber - EpochDayNumber;

    /// <summary>The date of a stored day number.</summary>
    public static LocalDate DateOf(long day) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(checked((int)(day + EpochDayNumber))));

    private const int PackBits = 20;
    private const long PackMask = (1L << PackBits) - 1;

    /// <summary>A depth point in one integer: attempts, required and target in 20 bits each, on cadence in the lowest bit.</summary>
    /// <exception cref="OverflowException">A count does not fit in 20 bits (over a million attempts on one lead).</exception>
    public static long Pack(DepthPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        foreach (var n in new[] { point.Attempts, point.Required, point.Target })
            if (n is < 0 or > PackMask) throw new OverflowException($"a depth count of {n} does not fit the report facts");
        return (point.Attempts << (2 * PackBits + 1)) | (point.Required << (PackBits + 1)) | (point.Target << 1) | (point.OnCadence ? 1L : 0L);
    }

    /// <summary>The depth point <see cref="Pack"/> stored.</summary>
    public static DepthPoint Unpack(long packed)
    {
        var (attempts, required, target, onCadence) = Fields(packed);
        return new(attempts, required, target, onCadence);
    }

    /// <summary>The fields of a packed depth point, without allocating a <see cref="DepthPoint"/> (the depth report sums tens of thousands).</summary>
    public static (long Attempts, long Required, long Target, bool OnCadence) Fields(long packed) =>
        ((packed >> (2 * PackBits + 1)) & PackMask, (packed >> (PackBits + 1)) & PackMask, (packed >> 1) & PackMask, (packed & 1) == 1);

    /// <summary>How segments and lead types are keyed: trimmed, lower-cased, '' for none (the reports match them ignoring case).</summary>
    public static string Key(string? name) => name?.Trim().ToLowerInvariant() ?? "";

    /// <summary>The lead's arrival into <paramref name="funnel"/>'s first stage, if it arrived.</summary>
    public static ArrivalFact? Arrival(ClockLead lead, IReadOnlyList<string> funnel, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(zone);
        var entered = lead.Facts.Stages
            .Where(s => string.Equals(SheetReader.StageName(funnel, s.Stage), funnel[0], StringComparison.OrdinalIgnoreCase))
            .Select(s => (Instant?)s.At).Min();
        // As the sheet's cohort entry: a funnel that starts at Lead counts a lead from its creation.
        entered ??= string.Equals(funnel[0], LeadStages.Lead, StringComparison.OrdinalIgnoreCase) ? lead.CreatedAt : null;
        return entered is { } at ? new ArrivalFact(lead.Source, lead.Id, DayOf(at.InZone(zone).Date), Key(lead.Facts.Segment), Key(lead.Facts.LeadType)) : null;
    }

    /// <summary>The lead's handoffs (clocked once by the projector) with their speed and depth figures.</summary>
    public static IReadOnlyList<HandoffFact> Handoffs(ClockLead lead, IReadOnlyList<Handoff> handoffs)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(handoffs);
        var speed = Analytics.Handoffs.Speed(handoffs);
        var depth = Analytics.Handoffs.Depth(handoffs);
        return [.. handoffs.Select((h, i) => new HandoffFact(lead.Source, lead.Id, h.Clock.Episode, DayOf(h.Date), h.Clock.HandedOffAt, Key(h.Lead.Segment), h.Clock.Rep,
            Minutes(speed[i].Wall), Minutes(speed[i].Working), speed[i].WithinCommitment,
            [.. DepthReport.Ages.Select(age => DepthReport.PointAt(depth[i], age))],
            h.Clock.Depth.Final?.State is not (ClockState.Stopped or ClockState.Cancelled),
            ClockRefresh.BreachedAt(h.Clock.Depth),
            depth[i].FirstStepEnd, DepthReport.PointAtFirstStep(depth[i])))];
    }

    private static long? Minutes(Duration? d) => d is { } value ? SpeedReport.Minutes(value) : null;
}
