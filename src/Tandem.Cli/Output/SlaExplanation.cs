using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Reps;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Cli.Output;

/// <summary>
/// <c>tandem sla explain</c>: a lead's handoffs and clocks in words a sales manager reads without a
/// manual (which rule and calendar applied, the deadlines, the touches, where each clock stands),
/// and the same as a JSON document.
/// </summary>
public sealed class SlaExplanation
{
    private SlaExplanation(IReadOnlyList<string> lines, object document) => (Lines, Document) = (lines, document);

    /// <summary>The text, line by line.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The JSON document.</summary>
    public object Document { get; }

    /// <summary>Explains the lead's clocks, computed from its records (nothing is written), as they stand at <paramref name="at"/>.</summary>
    /// <exception cref="CliUsageException">No agreement is stored, or there is no such lead.</exception>
    public static async Task<SlaExplanation> BuildAsync(DbConnection connection, string source, string leadId, Instant at, DateTimeZone zone, CancellationToken cancel)
    {
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false)
            ?? throw new CliUsageException("no agreement is stored, so there are no commitments to clock: run tandem agreement import FILE first");
        var facts = await ClockFactsReader.ReadAsync(connection, agreements.Active, [(source, leadId)], cancel).ConfigureAwait(false);
        if (facts.Count == 0)
            throw new CliUsageException($"LEAD-ID: no lead '{leadId}' in source '{source}' (or it was deleted or merged into another)");
        var lead = facts[0].Facts;
        var clocks = LeadClocks.Build(lead, agreements.Active.Sales, h => agreements.SettingsAt(h, source));
        var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);

        string T(Instant instant) => TimeOutput.Format(instant, zone);
        var lines = new List<string>
        {
            $"Lead {leadId}{(source == "default" ? "" : $" (source {source})")}: segment {lead.Segment ?? "(none)"}, lead type {lead.LeadType ?? "(none)"}{(lead.Tier is null ? "" : $", tier {lead.Tier}")}.",
        };
        var touches = lead.Touches.OrderBy(t => t.At).ToList();
        if (clocks.Count == 0)
        {
            lines.Add($"It was never handed to sales: no entry into {agreements.Active.Sales.HandoffStage} with a rep (the stage change's rep, or the lead's owner), so no clock runs.");
        }
        var documents = new List<object>();
        // As the projector: a source without any touch stored has no speed or depth to judge, so its clocks are not run.
        var untimed = clocks.Count > 0 && !await Tandem.Data.Analytics.UntimedHandoffs.HasTouchDataAsync(connection, source, cancel).ConfigureAwait(false)
            ? Tandem.Data.Analytics.UntimedHandoffs.ReasonFor(source) : null;
        foreach (var clock in clocks)
        {
            var agreement = agreements.ById(clock.Version) ?? agreements.Active;
            var terms = agreement.Sales.For(lead.Segment, lead.LeadType, lead.Tier);
            var calendar = agreements.CalendarOfRep(agreement, source, clock.Rep);
            var rep = agreements.Rep(source, clock.Rep);
            lines.Add("");
            lines.Add($"Handoff {clock.Episode}: to {names.WithId(clock.Rep)} at {T(clock.HandedOffAt)}.");
            lines.Add($"  Rule: {(terms.Rule == ClockTerms.DefaultRule ? "the agreement's default terms" : $"'{terms.Rule}'")} of agreement #{clock.Version} ({agreement.Name}).");
            lines.Add($"  Calendar: {DescribeCalendar(calendar)}{CalendarSource(agreement, rep)}.");
            if (untimed is not null)
            {
                lines.Add($"  Speed and depth: pending, {untimed}: with no touch of {source} stored, neither can be judged, so no clock runs and nothing breaches.");
                documents.Add(new { episode = clock.Episode, handedOffAt = T(clock.HandedOffAt), rep = clock.Rep, repName = RepNameJson.Of(names, clock.Rep), rule = clock.Rule, agreement = clock.Version,
                    calendar = new { zone = calendar.Zone.Id, description = DescribeCalendar(calendar) }, status = "pending", reason = untimed });
                continue;
            }
            lines.Add($"  Speed: the first touch is due within {Minutes(terms.Speed.Minutes)} of {(terms.Speed.Clock == ClockKind.Working ? "working time" : "wall-clock time")}, by {T(clock.Speed.Due)}.");
            var first = touches.FirstOrDefault(t => t.At >= clock.HandedOffAt);
            lines.Add(first is null ? "    No touch yet." : $"    First touch: {LeadVocabulary.Word(first.Channel)} by {(first.Rep is { } toucher ? names.WithId(toucher) : "(no rep)")} at {T(first.At)}{(first.At <= clock.Speed.Due ? ", in time" : ", late")}.");
            lines.Add($"    {Standing(clock.Speed, at, T)}");
            lines.Add($"  Depth: {DescribeDepth(terms.Depth)}.");
            var counted = touches.Where(t => t.At >= clock.HandedOffAt && (clock.Depth.Final is not { } f || f.State is not (ClockState.Stopped or ClockState.Cancelled) || t.At < f.At)).ToList();
            lines.Add($"    {counted.Count} attempt{(counted.Count == 1 ? "" : "s")}{(counted.Count == 0 ? "" : ": " + string.Join("; ", counted.Select(t => $"{LeadVocabulary.Word(t.Channel)} {T(t.At)}{(t.Outcome is { } o ? " " + LeadVocabulary.Word(o) : "")}")))}.");
            lines.Add($"    {Standing(clock.Depth, at, T)}");
            documents.Add(new
            {
                episode = clock.Episode,
                handedOffAt = T(clock.HandedOffAt),
                rep = clock.Rep,
                repName = RepNameJson.Of(names, clock.Rep),
                rule = clock.Rule,
                agreement = clock.Version,
                calendar = new { zone = calendar.Zone.Id, description = DescribeCalendar(calendar) },
                speed = Clock(clock.Speed, at, T, new { minutes = terms.Speed.Minutes, clock = terms.Speed.Clock == ClockKind.Working ? "working" : "wall" }),
                depth = Clock(clock.Depth, at, T, new { target = terms.Depth.TargetAttempts, days = terms.Depth.Days == DayKind.Working ? "working" : "calendar", cadence = terms.Depth.Cadence.Select(s => new { attempts = s.Attempts, withinDays = s.WithinDays }) }),
                attempts = counted.Count,
            });
        }
        var document = new
        {
            lead = leadId,
            source,
            at = T(at),
            segment = lead.Segment,
            leadType = lead.LeadType,
            tier = lead.Tier,
            touches = touches.Select(t => new { at = T(t.At), channel = LeadVocabulary.Word(t.Channel), rep = t.Rep, repName = t.Rep is null ? (RepNameJson?)null : RepNameJson.Of(names, t.Rep), outcome = t.Outcome is { } o ? LeadVocabulary.Word(o) : null }),
            handoffs = documents,
        };
        return new SlaExplanation(lines, document);
    }

    private static object Clock(ClockTimeline clock, Instant at, Func<Instant, string> t, object terms)
    {
        var now = clock.At(at);
        return new
        {
            terms,
            state = now.State.Word(),
            since = t(now.At),
            due = t(clock.Due),
            next = clock.NextAfter(at) is { } n ? new { state = n.State.Word(), at = t(n.At) } : null,
            transitions = clock.Transitions.Select(x => new { at = t(x.At), state = x.State.Word(), step = x.Step }),
        };
    }

    private static string Standing(ClockTimeline clock, Instant at, Func<Instant, string> t)
    {
        var now = clock.At(at);
        var step = now.Step > 0 && clock.Commitment == ClockCommitment.Depth ? $" (step {now.Step})" : "";
        var text = now.State switch
        {
            ClockState.Running => $"Running since {t(now.At)}",
            ClockState.Warning => $"WARNING since {t(now.At)}{step}: it can still be saved",
            ClockState.Breached => $"BREACHED at {t(now.At)}{step}",
            ClockState.Met => $"Met at {t(now.At)}",
            ClockState.Stopped => $"Stopped at {t(now.At)}: the lead was disqualified or recycled",
            _ => $"Cancelled at {t(now.At)}: a reassignment restarted the clocks",
        };
        return clock.NextAfter(at) is { } next ? $"{text}; {next.State.Word()} at {t(next.At)} unless it is followed up." : text + ".";
    }

    private static string DescribeDepth(DepthCommitment depth)
    {
        var unit = depth.Days == DayKind.Working ? "working days" : "days";
        var steps = depth.Cadence.Count == 0 ? "no cadence" : string.Join(", ", depth.Cadence.Select(s => $"{depth.RequiredAt(s)} attempts within {s.WithinDays} {unit}"));
        return $"{steps}; target {depth.TargetAttempts} attempts; a connected or replied touch ends it";
    }

    /// <summary>"Europe/Berlin, Mon-Fri 09:00-12:30, 13:30-17:30; Sat 10:00-14:00; holidays 12-25": runs of days with the same hours together.</summary>
    private static string DescribeCalendar(BusinessCalendar calendar)
    {
        var runs = new List<(IsoDayOfWeek First, IsoDayOfWeek Last, string Hours)>();
        foreach (var (day, shifts) in calendar.Week.OrderBy(d => d.Key))
        {
            var hours = string.Join(", ", shifts);
            if (runs.Count > 0 && runs[^1].Hours == hours && (int)runs[^1].Last + 1 == (int)day) runs[^1] = (runs[^1].First, day, hours);
            else runs.Add((day, day, hours));
        }
        static string Short(IsoDayOfWeek d) => d.ToString()[..3];
        var days = runs.Select(r => $"{Short(r.First)}{(r.First == r.Last ? "" : "-" + Short(r.Last))} {r.Hours}");
        var holidays = calendar.Holidays.Count == 0 ? "" : $"; holidays {string.Join(", ", calendar.Holidays)}";
        return $"{calendar.Zone.Id}, {string.Join("; ", days)}{holidays}";
    }

    private static string CalendarSource(Agreement agreement, ClockRep? rep)
    {
        var team = rep?.Team is { } name && agreement.CalendarOfTeam(name) is not null ? $" (team {name}" : " (the agreement's calendar";
        return rep?.Zone is { } zone ? $"{team}, read in the rep's own zone {zone.Id})" : team + ")";
    }

    private static string Minutes(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} hour{(minutes == 60 ? "" : "s")}" : minutes.ToString(CultureInfo.InvariantCulture) + " minutes";
}
