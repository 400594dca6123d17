using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Reps;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Store;

/// <summary>
/// One thing in a lead's timeline: a stage change, touch, deal, handoff, deadline, warning,
/// breach (or met, stopped, cancelled), breach action or notification. <see cref="Kind"/> is one of
/// those words; <see cref="Ahead"/> marks an instant still to come (a deadline not yet reached);
/// <see cref="Until"/> is a snooze's end, for the page to show in its zone.
/// </summary>
public sealed record LeadTimelineEntry(Instant? At, string Kind, string What, string? Detail = null, bool Ahead = false, Instant? Until = null);

/// <summary>
/// One stored clock and why its deadline is where it is. <see cref="Explanation"/> is null when
/// the clock's agreement or rule is no longer stored; <see cref="Stale"/> is true when the
/// explanation, computed under the stored settings, puts the deadline elsewhere than the stored
/// clock (the projector has not caught up with a change yet): the page then says so.
/// </summary>
public sealed record ExplainedClock(StoredClock Clock, ClockExplanation? Explanation, DateTimeZone RepZone)
{
    /// <summary>Whether the explanation disagrees with the stored deadline.</summary>
    public bool Stale => Explanation is { } e && e.Deadline != Clock.Due;

    /// <summary>The clock's state now.</summary>
    public ClockState StateAt(Instant now) => Clock.At(now).State;
}

/// <summary>
/// A lead's page: its fields (null ones erased or never given), its clocks with their explanations,
/// the handoffs that could not be clocked, and every event about it as one timeline in time order
/// (undated ones last).
/// </summary>
public sealed record LeadPageView(LeadHistory History, IReadOnlyList<ExplainedClock> Clocks, IReadOnlyList<LeadTimelineEntry> Entries)
{
    /// <summary>A field of the lead as stored, as text; null when empty.</summary>
    public string? Field(string name) => History.Lead.TryGetValue(name, out var value) && value is not null && $"{value}" is { Length: > 0 } text ? text : null;

    /// <summary>Whether <paramref name="rep"/> owns the lead or holds one of its clocks (ignoring case): what a sales rep may see.</summary>
    public bool Concerns(string rep) =>
        string.Equals(Field("owner"), rep, StringComparison.OrdinalIgnoreCase) || Clocks.Any(c => string.Equals(c.Clock.Rep, rep, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Reads a lead's page: the records (through <see cref="LeadTimeline"/>), its stored clocks (each
/// explained by the clock code under the agreement version and rep calendar it ran on), their
/// breach actions, events and the notifications sent about them, all by the lead's key.
/// </summary>
public static class LeadPageTimeline
{
    /// <summary>The lead (source, id), or null when there is no such lead.</summary>
    public static async Task<LeadPageView?> ReadAsync(DbConnection connection, string source, string id, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var history = await LeadTimeline.ReadAsync(connection, source, id, cancel).ConfigureAwait(false);
        if (history is null) return null;
        var stored = await StoredClock.ReadAsync(connection, (source, id), cancel).ConfigureAwait(false);
        var agreements = stored.Count > 0 ? await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false) : null;
        var attempts = history.Timeline.Where(e => e.Kind == "touch" && e.At is not null)
            .Select(e => new Attempt(Instant.FromUnixTimeMilliseconds(e.At!.Value), Reached(e.Fields.GetValueOrDefault("outcome") as string))).ToList();
        var clocks = stored.OrderBy(c => c.Episode).ThenBy(c => c.Commitment == "speed" ? 0 : 1).Select(c => Explain(c, agreements, attempts)).ToList();

        // Reps by name with the id in brackets, as a sentence names them (issue 21); the id alone when the rep has none.
        var names = await RepNames.ReadAsync(connection, cancel).ConfigureAwait(false);
        var entries = new List<LeadTimelineEntry>();
        foreach (var e in history.Timeline) entries.Add(Record(e, id, names));
        foreach (var episode in clocks.GroupBy(c => c.Clock.Episode))
        {
            var first = episode.First();
            var handoff = first.Explanation?.Handoff ?? $"handed off to {names.WithId(first.Clock.Rep)}";
            entries.Add(new LeadTimelineEntry(first.Clock.StartedAt, "handoff", $"Handed off to {names.WithId(first.Clock.Rep)} (episode {episode.Key}, rule {first.Clock.Rule})", handoff));
            foreach (var c in episode) entries.AddRange(ClockEntries(c, now, names));
        }
        entries.AddRange(await UntimedAsync(connection, source, id, names, cancel).ConfigureAwait(false));
        entries.AddRange(await ActionsAsync(connection, source, id, cancel).ConfigureAwait(false));
        entries.AddRange(await NotificationsAsync(connection, source, id, cancel).ConfigureAwait(false));
        var ordered = entries.Select((e, i) => (e, i)).OrderBy(x => x.e.At ?? Instant.MaxValue).ThenBy(x => x.i).Select(x => x.e).ToList();
        return new LeadPageView(history, clocks, ordered);
    }

    /// <summary>Whether a touch reached the lead, read as the clocks read it.</summary>
    private static bool Reached(string? outcome) =>
        outcome is not null && LeadVocabulary.Outcome(outcome) is TouchOutcome.Connected or TouchOutcome.Replied;

    /// <summary>The stored clock explained under the agreement version it ran on and its rep's calendar then; the attempts the clock counted are the lead's touches.</summary>
    private static ExplainedClock Explain(StoredClock clock, ClockAgreements? agreements, IReadOnlyList<Attempt> attempts)
    {
        var agreement = agreements is null ? null : agreements.ById(clock.AgreementId) ?? agreements.Active;
        if (agreements is null || agreement is null) return new ExplainedClock(clock, null, DateTimeZone.Utc);
        var calendar = agreements.CalendarOfRep(agreement, clock.Source, clock.Rep);
        var sales = agreement.Sales;
        var rule = clock.Rule == ClockTerms.DefaultRule ? null : sales.Rules.FirstOrDefault(r => r.Name == clock.Rule);
        if (clock.Rule != ClockTerms.DefaultRule && rule is null) return new ExplainedClock(clock, null, calendar.Zone);
        // A clock that was stopped or cancelled ended then; the explanation's timeline ends with it.
        var ended = clock.Transitions[^1] is { State: ClockState.Stopped or ClockState.Cancelled } end ? end : null;
        var input = new ClockInput(clock.StartedAt, calendar, sales.WarnAt, attempts, ended?.At, ended?.State ?? ClockState.Stopped);
        var explanation = clock.Commitment == "speed"
            ? ClockExplainer.Speed(input, rule?.Speed ?? sales.Speed)
            : ClockExplainer.Depth(input, rule?.Depth ?? sales.Depth);
        return new ExplainedClock(clock, explanation, calendar.Zone);
    }

    /// <summary>A clock's deadline(s), warnings and end, each an entry.</summary>
    private static IEnumerable<LeadTimelineEntry> ClockEntries(ExplainedClock c, Instant now, RepNames names)
    {
        var name = c.Clock.Commitment == "speed" ? "Speed" : "Depth";
        var clock = c.Clock;
        if (c.Explanation is { } why)
        {
            foreach (var d in why.Deadlines.Where(d => d.Step > 0))
            {
                var label = why.Commitment == ClockCommitment.Speed ? "first touch due" : $"step {d.Step} due ({d.Attempts} attempt{(d.Attempts == 1 ? "" : "s")})";
                var hours = why.Commitment == ClockCommitment.Speed && why.Stretches.Count > 0 ? $"; working hours counted: {why.WorkingHours}" : "";
                yield return new LeadTimelineEntry(d.Deadline, "deadline", $"{name}: {label}", $"{d.Rule} ({why.Zone.Id}){hours}", d.Deadline > now);
            }
        }
        else
        {
            yield return new LeadTimelineEntry(clock.Due, "deadline", $"{name}: due", $"rule {clock.Rule}; its agreement version is no longer stored", clock.Due > now);
        }
        if (c.Stale)
            yield return new LeadTimelineEntry(clock.Due, "deadline", $"{name}: stored deadline",
                "the stored clock has this deadline; the settings now give another, and the next projection recomputes it", clock.Due > now);
        foreach (var t in clock.Transitions.Skip(1))
        {
            // What is still to come is what the clock will do as things stand, unless a touch or a stage change comes first.
            var what = t.At > now ? t.State switch
            {
                ClockState.Warning => "warns then, as things stand",
                ClockState.Running => "runs again then",
                ClockState.Breached => "breaches then, unless met first",
                ClockState.Met => "is met then if every step is kept",
                _ => "ends then",
            } : t.State switch
            {
                ClockState.Warning => "warning: about to breach",
                ClockState.Running => "running again",
                ClockState.Breached => "breached",
                ClockState.Met => "met",
                ClockState.Stopped => "stopped (disqualified or recycled)",
                _ => "cancelled (reassigned, or another rule applies)",
            };
            var step = t.Step > 0 && clock.Commitment == "depth" ? $" (step {t.Step})" : "";
            var kind = t.State switch { ClockState.Warning => "warning", ClockState.Breached => "breach", ClockState.Met => "met", ClockState.Running => "running", _ => "ended" };
            yield return new LeadTimelineEntry(t.At, kind, $"{name}: {what}{step}", $"{names.WithId(clock.Rep)}'s clock", t.At > now);
        }
    }

    private static LeadTimelineEntry Record(TimelineEvent e, string id, RepNames names)
    {
        var at = e.At is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : (Instant?)null;
        string? F(string name) => e.Fields.GetValueOrDefault(name) is { } v && $"{v}" is { Length: > 0 } s ? s : null;
        var merged = e.LeadId == id ? "" : $" (recorded under merged lead {e.LeadId})";
        return e.Kind switch
        {
            "stage" => new(at, "stage", $"Stage {F("stage")}" + (F("rep") is { } rep ? $", rep {names.WithId(rep)}" : ""), merged.Length > 0 ? merged.Trim() : null),
            "touch" => new(at, "touch", $"Touch: {F("channel") ?? "attempt"}" + (F("outcome") is { } o ? $", {o}" : "") + (F("rep") is { } r ? $", by {names.WithId(r)}" : ""), $"touch {F("id")}{merged}"),
            _ => new(at, "deal", $"Deal {F("id")}: {F("status") ?? "open"}" + (e.Fields.GetValueOrDefault("amount_e4") is long e4 ? $", {e4 / 10_000m:0.##} {F("currency")}".TrimEnd() : ""), merged.Length > 0 ? merged.Trim() : null),
        };
    }

    /// <summary>Handoffs of a source without touches: no clock, no verdict (migration 0025).</summary>
    private static async Task<List<LeadTimelineEntry>> UntimedAsync(DbConnection connection, string source, string id, RepNames names, CancellationToken cancel)
    {
        var entries = new List<LeadTimelineEntry>();
        await using var command = Sql.Command(connection, null, "SELECT episode, rep FROM untimed_handoffs WHERE source = @source AND lead_id = @lead ORDER BY episode", ("@source", source), ("@lead", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            entries.Add(new LeadTimelineEntry(null, "handoff", $"Handed off to {names.WithId(reader.GetString(1))} (episode {reader.GetInt64(0)}): not clocked", $"no touch data from {source}, so speed and depth cannot be judged"));
        return entries;
    }

    private static async Task<List<LeadTimelineEntry>> ActionsAsync(DbConnection connection, string source, string id, CancellationToken cancel)
    {
        var entries = new List<LeadTimelineEntry>();
        await using var command = Sql.Command(connection, null,
            "SELECT episode, commitment, action, reason, until, by_user, at FROM breach_actions WHERE source = @source AND lead_id = @lead ORDER BY id",
            ("@source", source), ("@lead", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            entries.Add(new LeadTimelineEntry(Instant.FromUnixTimeMilliseconds(reader.GetInt64(6)), "action",
                $"Breach {Word(reader.GetString(2))} by {reader.GetString(5)} ({reader.GetString(1)}, episode {reader.GetInt64(0)})", Sql.Text(reader, 3),
                Until: Sql.Long(reader, 4) is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : null));
        }
        return entries;
    }

    private static string Word(string action) => action switch
    {
        "acknowledge" => "acknowledged",
        "snooze" => "snoozed",
        "excuse" => "excused",
        "reopen" => "reopened",
        _ => action,
    };

    /// <summary>The deliveries of the lead's clock events, through the events' (source, lead_id) key and the outbox's event index (migration 0027).</summary>
    private static async Task<List<LeadTimelineEntry>> NotificationsAsync(DbConnection connection, string source, string id, CancellationToken cancel)
    {
        var entries = new List<LeadTimelineEntry>();
        await using var command = Sql.Command(connection, null,
            "SELECT n.channel, n.kind, n.target, n.subject, n.status, n.created_at, n.sent_at, e.commitment, e.state FROM sla_events e " +
            "JOIN notifications n ON n.event_id = e.id WHERE e.source = @source AND e.lead_id = @lead ORDER BY n.id",
            ("@source", source), ("@lead", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var sent = Sql.Long(reader, 6);
            var status = reader.GetString(4);
            entries.Add(new LeadTimelineEntry(Instant.FromUnixTimeMilliseconds(sent ?? reader.GetInt64(5)), "notification",
                $"Notification {(status == "sent" ? "sent" : status)} by {reader.GetString(1)} ({reader.GetString(0)}) to {reader.GetString(2)}: {reader.GetString(7)} {reader.GetString(8)}",
                reader.GetString(3)));
        }
        return entries;
    }
}
