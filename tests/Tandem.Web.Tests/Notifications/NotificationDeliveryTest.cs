using Tandem.Data.Projection;
using System.Text.Json;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

public class NotificationDeliveryTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Breach_ReachesWebhookSlackAndEmail_OnceEach(DatabaseKind kind)
    {
        await using var f = await NotificationFixture.CreateAsync(kind);
        await using var hooks = await WebhookReceiver.StartAsync();
        using var smtp = SmtpReceiver.Start();
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook", secret: "s3cret");
        await f.AddChannelAsync("slack", ChannelKind.Slack, hooks.Url + "/slack");
        await f.AddChannelAsync("reps", ChannelKind.Email, "rep", states: ["breached"]);
        await f.AddChannelAsync("manager", ChannelKind.Email, "boss@example.com", states: ["breached"]);

        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        var summary = await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant());
        // Two leads x (warning + breach) on crm and slack = 8; breaches by e-mail: manager 2, reps 2 (bob's fails: no address).
        Assert.Equal(12, summary!.Notifications);
        var (delivered, failed) = await f.Dispatcher(new SmtpSettings("127.0.0.1", smtp.Port, false, null, null, "tandem@example.com")).RunOnceAsync(CancellationToken.None);
        Assert.Equal((11, 0), (delivered, failed));

        var webhook = hooks.Requests.Where(r => r.Path == "/hook").ToList();
        Assert.Equal(4, webhook.Count);
        foreach (var request in webhook)
        {
            Assert.Equal("sha256=" + WebhookSender.Sign("s3cret", request.Headers[WebhookSender.TimestampHeader], request.Body), request.Headers[WebhookSender.SignatureHeader]);
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(request.Headers[WebhookSender.IdempotencyHeader], body.RootElement.GetProperty("id").GetString());
            Assert.StartsWith("sla.", body.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }
        var breach = webhook.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(b => b.GetProperty("type").GetString() == "sla.breached" && b.GetProperty("event").GetProperty("lead").GetString() == "L1");
        Assert.Equal("2026-11-23T10:30:00-05:00", breach.GetProperty("event").GetProperty("at").GetString());
        Assert.Equal("speed", breach.GetProperty("event").GetProperty("commitment").GetString());

        var slack = hooks.Requests.Where(r => r.Path == "/slack").ToList();
        Assert.Equal(4, slack.Count);
        Assert.All(slack, s => Assert.Equal(["text"], JsonDocument.Parse(s.Body).RootElement.EnumerateObject().Select(p => p.Name)));
        Assert.False(slack[0].Headers.ContainsKey(WebhookSender.SignatureHeader)); // no secret, no signature

        await WaitForAsync(() => smtp.Messages.Count >= 3);
        var mails = smtp.Messages.ToList();
        Assert.Equal(3, mails.Count);
        var toAnn = mails.Single(m => m.To.ToString().Contains("ann@example.com", StringComparison.Ordinal));
        Assert.Equal("SLA breached: first touch of lead L1, rep Ann (ann)", toAnn.Subject);
        Assert.StartsWith("tandem-sla-", toAnn.MessageId, StringComparison.Ordinal);
        Assert.Contains("was not touched in time", toAnn.TextBody, StringComparison.Ordinal);

        var outbox = await f.OutboxAsync();
        var bobs = outbox.Single(o => o.Channel == "reps" && o.Status == "failed");
        Assert.Contains("rep bob has no e-mail address", bobs.LastError, StringComparison.Ordinal);
        Assert.Equal(11, outbox.Count(o => o.Status == "sent"));

        // Nothing is delivered twice, and a second refresh queues nothing new.
        Assert.Equal((0, 0), await f.Dispatcher().RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, (await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant()))!.Notifications);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task FailedDelivery_IsRetriedAfterABackoff_WithTheSameKey(DatabaseKind kind)
    {
        await using var f = await NotificationFixture.CreateAsync(kind);
        await using var hooks = await WebhookReceiver.StartAsync(failFirst: 1);
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook", states: ["breached"]);
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant());

        Assert.Equal((1, 1), await f.Dispatcher().RunOnceAsync(CancellationToken.None));
        var failing = Assert.Single(await Outbox.ListAsync(f.Connection, true, 10, CancellationToken.None));
        Assert.Equal(("pending", 1), (failing.Status, failing.Attempts));
        Assert.Contains("HTTP 503", failing.LastError, StringComparison.Ordinal);
        Assert.Equal(f.Clock.GetCurrentInstant() + Duration.FromMinutes(1), failing.NextAttemptAt);

        Assert.Equal((0, 0), await f.Dispatcher().RunOnceAsync(CancellationToken.None)); // not yet due
        f.Clock.AdvanceMinutes(1);
        Assert.Equal((1, 0), await f.Dispatcher().RunOnceAsync(CancellationToken.None));
        var keys = hooks.Requests.Select(r => r.Headers[WebhookSender.IdempotencyHeader]).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Contains(failing.IdempotencyKey, keys);
        Assert.Empty(await Outbox.ListAsync(f.Connection, true, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Email_WithoutSmtp_FailsNamingTheOption_AndOldEventsAreNotNotified()
    {
        await using var f = await NotificationFixture.CreateAsync(DatabaseKind.Sqlite);
        await f.AddChannelAsync("manager", ChannelKind.Email, "boss@example.com", states: ["breached"]);

        // Three days late: the breaches are history, kept in the clocks' timelines; no event, nobody told.
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromDays(3));
        var late = await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant());
        Assert.True(late!.Clocks > 0);
        Assert.Equal((0, 0), (late.EventsRecorded, late.Notifications));

        // A fresh breach (L3, handed off now) is notified; without SMTP the delivery says what to configure.
        var now = f.Clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        await f.WriteAsync(TableSpec.Leads, ["created_at", "owner"], [["default", "L3", now, "ann"]], now);
        await f.WriteAsync(TableSpec.StageChanges, ["rep"], [["default", "L3", "MQL", now, "ann"]], now);
        f.Clock.AdvanceMinutes(31);
        Assert.Equal(1, (await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant()))!.Notifications);
        Assert.Equal((0, 1), await f.Dispatcher(smtp: null).RunOnceAsync(CancellationToken.None));
        Assert.Contains("--smtp", Assert.Single(await Outbox.ListAsync(f.Connection, true, 10, CancellationToken.None)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgres_NeverDeliverTheSameNotification()
    {
        await using var f = await NotificationFixture.CreateAsync(DatabaseKind.Postgres);
        await using var hooks = await WebhookReceiver.StartAsync();
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook");
        const int Count = 300;
        for (var i = 0; i < Count; i++)
        {
            await using var insert = f.Connection.CreateCommand();
            insert.CommandText = "INSERT INTO notifications (event_id, channel, kind, target, subject, payload, idempotency_key, status, next_attempt_at, created_at) " +
                $"VALUES ({i}, 'crm', 'webhook', '{hooks.Url}/hook', 's', '{{}}', 'key-{i}', 'pending', 0, 0)";
            await insert.ExecuteNonQueryAsync();
        }

        var results = await Task.WhenAll(
            Task.Run(() => f.Dispatcher(instance: "one").RunOnceAsync(CancellationToken.None)),
            Task.Run(() => f.Dispatcher(instance: "two").RunOnceAsync(CancellationToken.None)));

        var keys = hooks.Requests.Select(r => r.Headers[WebhookSender.IdempotencyHeader]).ToList();
        Assert.Equal(Count, keys.Count);
        Assert.Equal(Count, keys.Distinct().Count());
        Assert.Equal(Count, results.Sum(r => r.Delivered));
        Assert.All(results, r => Assert.True(r.Delivered > 0, "both instances took part"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
    }
}
