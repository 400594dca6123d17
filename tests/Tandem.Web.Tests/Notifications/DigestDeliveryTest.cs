using MimeKit;
using NodaTime;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

/// <summary>Digests through the outbox to a real SMTP listener: text and HTML with the charts inline, queued once, on schedule.</summary>
public class DigestDeliveryTest
{
    private static readonly string[] Boss = ["boss@example.com"];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DailyDigest_IsDeliveredAsTextAndHtmlWithInlineCharts(DatabaseKind kind)
    {
        await using var f = await NotificationFixture.CreateAsync(kind);
        using var smtp = SmtpReceiver.Start();
        var now = NotificationFixture.Handoff + Duration.FromDays(1);
        f.Clock.Reset(now);
        await Data.Projection.Projector.RunAsync(f.Connection, now);
        var agreement = Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(f.Connection))!.Content, "test");
        var mail = await Reports.DigestBuilder.DailyAsync(f.Connection, agreement, new LocalDate(2026, 11, 23), now);

        Assert.True(await Digests.EnqueueAsync(f.Connection, DigestKind.Daily, "2026-11-23", mail, Boss, now));
        Assert.False(await Digests.EnqueueAsync(f.Connection, DigestKind.Daily, "2026-11-23", mail, ["BOSS@example.com"], now));
        var (delivered, failed) = await f.Dispatcher(new SmtpSettings("127.0.0.1", smtp.Port, false, null, null, "tandem@example.com")).RunOnceAsync(CancellationToken.None);
        Assert.Equal((1, 0), (delivered, failed));

        var message = Assert.Single(smtp.Messages);
        Assert.StartsWith("Tandem daily 2026-11-23:", message.Subject, StringComparison.Ordinal);
        Assert.Equal("boss@example.com", Assert.Single(message.To.Mailboxes).Address);
        // 2 leads handed off on the 23rd, neither touched: the text says so.
        Assert.Contains("2026-11-23: 2 handoffs, 0.0% first touched within 30 wall-clock minutes", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 clocks breached", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("src=\"cid:pacing\"", message.HtmlBody, StringComparison.Ordinal);
        var images = message.BodyParts.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
        Assert.Equal(["depth", "pacing", "speed"], images.Select(i => i.ContentId).Order());
        foreach (var image in images)
        {
            using var bytes = new MemoryStream();
            await image.Content!.DecodeToAsync(bytes);
            Assert.Equal(0x89, bytes.ToArray()[0]);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Schedule_QueuesEachDigestOnceAtItsTime(DatabaseKind kind)
    {
        await using var f = await NotificationFixture.CreateAsync(kind);
        await Digests.SetAsync(f.Connection, new DigestSetting(DigestKind.Daily, Boss, new LocalTime(7, 30)), Instant.FromUtc(2026, 11, 1, 0, 0));
        await Digests.SetAsync(f.Connection, new DigestSetting(DigestKind.Period, Boss, new LocalTime(8, 0)), Instant.FromUtc(2026, 11, 1, 0, 0));
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        Instant At(int month, int day, int hour, int minute) => new LocalDateTime(2026, month, day, hour, minute).InZoneLeniently(zone).ToInstant();

        Assert.Equal(0, await DigestSchedule.QueueDueAsync(f.Connection, At(11, 24, 7, 29), CancellationToken.None));
        Assert.Equal(1, await DigestSchedule.QueueDueAsync(f.Connection, At(11, 24, 7, 30), CancellationToken.None));
        Assert.Equal(0, await DigestSchedule.QueueDueAsync(f.Connection, At(11, 24, 15, 0), CancellationToken.None));
        // December 1st, 08:00: the daily for November 30th and November's period digest.
        Assert.Equal(2, await DigestSchedule.QueueDueAsync(f.Connection, At(12, 1, 8, 0), CancellationToken.None));
        Assert.Equal(0, await DigestSchedule.QueueDueAsync(f.Connection, At(12, 1, 9, 0), CancellationToken.None));
        var outbox = await f.OutboxAsync();
        Assert.Equal(3, outbox.Count(o => o.Channel == Digests.Channel));
        Assert.Contains(outbox, o => o.Subject.StartsWith("Tandem scorecard 2026-11", StringComparison.Ordinal));
    }

    [Fact]
    public void Recipients_AreCheckedOneByOne()
    {
        Assert.Equal(["a@example.com", "b@example.com"], Digests.Recipients(" a@example.com, b@example.com ", "--to"));
        Assert.Equal("--to: 'not-an-address' is not an e-mail address", Assert.Throws<ArgumentException>(() => Digests.Recipients("a@example.com,not-an-address", "--to")).Message);
        Assert.Equal("--to: give at least one e-mail address", Assert.Throws<ArgumentException>(() => Digests.Recipients(" , ", "--to")).Message);
    }
}
