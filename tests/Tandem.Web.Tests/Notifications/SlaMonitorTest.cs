using Tandem.Data.Projection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

public class SlaMonitorTest
{
    private static SlaMonitor Monitor(NotificationFixture f) =>
        new(f.Database, new TandemServerSettings(f.Database.Target, DateTimeZone.Utc) { Clock = f.Clock }, f.Dispatcher(), NullLogger<SlaMonitor>.Instance);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Passes_MoveClocksAsTimePasses_AndPickUpNewTouches(DatabaseKind kind)
    {
        await using var f = await NotificationFixture.CreateAsync(kind);
        await using var hooks = await WebhookReceiver.StartAsync();
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook", states: ["warning", "breached", "met"]);
        var monitor = Monitor(f);

        // First pass: everything is computed; both speed clocks run.
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(10));
        Assert.Equal(2, (await monitor.RunOnceAsync(CancellationToken.None))!.Leads);

        // Nothing changed and nothing is due: the next pass reads no lead.
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(11));
        Assert.Equal(0, (await monitor.RunOnceAsync(CancellationToken.None))!.Leads);

        // Ann touches L1 at 10:20; at the next pass only L1 (changed) is refreshed: met, and told.
        var touched = (NotificationFixture.Handoff + Duration.FromMinutes(20)).ToUnixTimeMilliseconds();
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(21));
        await f.WriteAsync(TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", "T1", "L1", "ann", "call", touched, "no_answer"]], f.Clock.GetCurrentInstant().ToUnixTimeMilliseconds());
        var second = await monitor.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, second!.Leads);
        Assert.Contains(hooks.Requests, r => r.Body.Contains("\"sla.met\"", StringComparison.Ordinal) && r.Body.Contains("\"L1\"", StringComparison.Ordinal));

        // L2's warning (10:24) and breach (10:30) come due by themselves: found through next_at.
        // Nothing was written since the last pass (its fingerprint holds), so L1 is not read again.
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        var due = await monitor.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, due!.Leads);
        var l2 = hooks.Requests.Where(r => r.Body.Contains("\"L2\"", StringComparison.Ordinal)).Select(r => r.Body).ToList();
        Assert.Equal(2, l2.Count);
        Assert.Contains(l2, b => b.Contains("\"sla.breached\"", StringComparison.Ordinal));
        Assert.Equal(ClockStatesOf(await StoredClock.ReadAsync(f.Connection), f.Clock.GetCurrentInstant()), await RebuiltStatesAsync(f));
    }

    [Fact]
    public async Task TwoMonitorsOnOnePostgres_RecordAndDeliverEachEventOnce()
    {
        await using var f = await NotificationFixture.CreateAsync(DatabaseKind.Postgres);
        await using var hooks = await WebhookReceiver.StartAsync();
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook");
        // Forty more leads handed off with L1 and L2, none touched: at 10:31 each has a warning and a breach.
        var ms = NotificationFixture.Handoff.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(3, 40).Select(i => $"L{i}").ToList();
        await f.WriteAsync(TableSpec.Leads, ["created_at", "owner"], [.. ids.Select(id => new object?[] { "default", id, ms, "ann" })], ms);
        await f.WriteAsync(TableSpec.StageChanges, ["rep"], [.. ids.Select(id => new object?[] { "default", id, "MQL", ms, "ann" })], ms);
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        var one = new SlaMonitor(f.Database, new TandemServerSettings(f.Database.Target, DateTimeZone.Utc) { Clock = f.Clock }, f.Dispatcher(instance: "one"), NullLogger<SlaMonitor>.Instance);
        var two = new SlaMonitor(f.Database, new TandemServerSettings(f.Database.Target, DateTimeZone.Utc) { Clock = f.Clock }, f.Dispatcher(instance: "two"), NullLogger<SlaMonitor>.Instance);

        await Task.WhenAll(Task.Run(() => one.RunOnceAsync(CancellationToken.None)), Task.Run(() => two.RunOnceAsync(CancellationToken.None)));
        await Task.WhenAll(Task.Run(() => one.RunOnceAsync(CancellationToken.None)), Task.Run(() => two.RunOnceAsync(CancellationToken.None)));

        var keys = hooks.Requests.Select(r => r.Headers[WebhookSender.IdempotencyHeader]).ToList();
        Assert.Equal(42 * 2, keys.Count); // a warning and a breach of the speed clock of each lead
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private static List<string> ClockStatesOf(IReadOnlyList<StoredClock> clocks, Instant now) =>
        [.. clocks.Select(c => $"{c.LeadId} {c.Commitment} {c.At(now).State} {c.Due}").Order()];

    private static async Task<List<string>> RebuiltStatesAsync(NotificationFixture f)
    {
        await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant());
        return ClockStatesOf(await StoredClock.ReadAsync(f.Connection), f.Clock.GetCurrentInstant());
    }
}
