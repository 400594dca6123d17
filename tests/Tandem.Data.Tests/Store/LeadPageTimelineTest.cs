using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Clocks;
using Tandem.Data.Notifications;
using Tandem.Data.Projection;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Store;

/// <summary>
/// A lead's page as stored, on both engines: issue 20's lead, handed off Monday 30 November 14:34
/// in New York to a rep working in Berlin, breaching at 03:30 New York time; its clock explained
/// with the stored deadline, and its handoff, warning, deadline, breach, the notifications sent
/// about them and the breach action, in time order.
/// </summary>
public class LeadPageTimelineTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        leadTypes:
          - name: Ebook
        calendar:
          timeZone: America/New_York
          workingHours:
            weekdays: ["09:00-17:00"]
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: working }
          depth:
            attempts: 3
            cadence: [{ attempts: 2, within: 2 }]
        """;

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static long Ms(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant().ToUnixTimeMilliseconds();

    private static async Task WriteAsync(DbConnection connection, TableSpec table, string[] fields, object?[][] rows)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, 1);
        await tx.CommitAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheLeadsClock_IsExplainedWithItsStoredDeadline_AndEverythingAboutItIsInTimeOrder(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, Ms("2026-01-01T00:00:00Z"));
        await NotificationChannels.AddAsync(connection, new NotificationChannel("hook", ChannelKind.Webhook, "https://example.test/hook", null,
            new HashSet<string> { "warning", "breached" }, NotificationChannel.BothCommitments), 0);
        await WriteAsync(connection, TableSpec.Reps, ["time_zone", "name"], [["web", "jonas", "Europe/Berlin", "Jonas Berg"]]);
        await WriteAsync(connection, TableSpec.Leads, ["created_at", "lead_type", "owner", "name"],
            [["web", "L1", Ms("2026-11-30T14:00:00-05:00"), "Ebook", "jonas", "Ann Adams"], ["web", "L2", Ms("2026-11-30T14:00:00-05:00"), "Ebook", "ann", "Bo"]]);
        await WriteAsync(connection, TableSpec.StageChanges, ["rep"],
            [["web", "L1", "MQL", Ms("2026-11-30T14:34:00-05:00"), "jonas"], ["web", "L2", "MQL", Ms("2026-11-30T14:34:00-05:00"), "ann"]]);
        // The source has touches (L2's), so its handoffs are clocked; L1 is never touched.
        await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["web", "T1", "L2", "ann", "call", Ms("2026-11-30T14:40:00-05:00"), "connected"]]);
        await Projector.CatchUpAsync(connection, Instant.FromUnixTimeMilliseconds(Ms("2026-11-30T15:00:00-05:00")));
        var now = Instant.FromUnixTimeMilliseconds(Ms("2026-12-01T08:00:00-05:00"));
        await Projector.CatchUpAsync(connection, now);
        await BreachActions.AddAsync(connection, new BreachAction(new ClockKey("web", "L1", 1, "speed"), "acknowledge", null, null, "sally", now));

        var view = (await LeadPageTimeline.ReadAsync(connection, "web", "L1", now))!;

        var speed = view.Clocks.Single(c => c.Clock.Commitment == "speed");
        Assert.Equal(new LocalDateTime(2026, 12, 1, 3, 30), speed.Clock.Due.InZone(NewYork).LocalDateTime);
        Assert.Equal(speed.Clock.Due, speed.Explanation!.Deadline);
        Assert.False(speed.Stale);
        Assert.Equal("Europe/Berlin", speed.RepZone.Id);
        Assert.Equal("Handed off Monday 30 November 20:34 Europe/Berlin, after working hours; 30 working minutes from Tuesday 1 December 09:00: due Tuesday 1 December 09:30.", speed.Explanation.Why);
        Assert.True(view.Concerns("JONAS"));
        Assert.False(view.Concerns("ann"));
        Assert.Equal("Ann Adams", view.Field("name"));

        var kinds = view.Entries.Where(e => e.What.StartsWith("Speed", StringComparison.Ordinal) || e.Kind is "handoff" or "notification" or "action" or "stage")
            .Select(e => $"{e.At?.InZone(NewYork).LocalDateTime:MM-dd HH:mm} {e.Kind}").ToList();
        Assert.Equal(
        [
            "11-30 14:34 stage", "11-30 14:34 handoff", "12-01 03:24 warning", "12-01 03:30 deadline", "12-01 03:30 breach",
            "12-01 08:00 action", "12-01 08:00 notification", "12-01 08:00 notification",
        ], kinds);
        var sent = view.Entries.Where(e => e.Kind == "notification").Select(e => e.What).ToList();
        Assert.Contains(sent, w => w.Contains("to https://example.test/hook: speed warning", StringComparison.Ordinal));
        Assert.Contains(sent, w => w.Contains("to https://example.test/hook: speed breached", StringComparison.Ordinal));
        Assert.Equal("Breach acknowledged by sally (speed, episode 1)", view.Entries.Single(e => e.Kind == "action").What);
        // Reps by name with the id in brackets (issue 21).
        Assert.StartsWith("Handed off to Jonas Berg (jonas) (episode 1", view.Entries.Single(e => e.Kind == "handoff").What, StringComparison.Ordinal);
        Assert.Equal("Stage MQL, rep Jonas Berg (jonas)", view.Entries.Single(e => e.Kind == "stage").What);
        Assert.Equal("Jonas Berg (jonas)'s clock", view.Entries.First(e => e.Kind == "breach").Detail);
        var other = (await LeadPageTimeline.ReadAsync(connection, "web", "L2", now))!;
        Assert.Contains(other.Entries, e => e.What == "Touch: call, connected, by ann");

        Assert.Null(await LeadPageTimeline.ReadAsync(connection, "web", "nobody", now));
        Assert.Null(await LeadPageTimeline.ReadAsync(connection, "default", "L1", now));
    }
}
