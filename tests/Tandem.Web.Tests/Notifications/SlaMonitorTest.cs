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
        // (L1 is read again too: its touch is within the five minutes each pass re-reads.)
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        var due = await monitor.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, due!.Leads);
        var l2 = hooks.Requests.Where(r => r.Body.Contains("\"L2\"", StringComparison.Ordinal)).Select(r => r.Body).ToList();
        Assert.Equal(2, l2.Count);
        Assert.Contains(l2, b => b.Contains("\"sla.breached\"", StringComparison.Ordinal));
        Assert.Equal(ClockStatesOf(await StoredClock.ReadAsync(f.Connection), f.Clock.GetCurrentInstant()), await RebuiltStatesAsync(f));
    }

    private static List<string> ClockStatesOf(IReadOnlyList<StoredClock> clocks, Instant now) =>
        [.. clocks.Select(c => $"{c.LeadId} {c.Commitment} {c.At(now).State} {c.Due}").Order()];

    private static async Task<List<string>> RebuiltStatesAsync(NotificationFixture f)
    {
        await ClockRefresh.RunAsync(f.Connection, f.Clock.GetCurrentInstant());
        return ClockStatesOf(await StoredClock.ReadAsync(f.Connection), f.Clock.GetCurrentInstant());
    }
}
