using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Accounts;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

/// <summary>
/// The agreement's review reminder: queued when the active version's review falls due (every
/// reviewEvery months from its activation), once per recipient whatever the number of passes or
/// instances, and delivered over real SMTP to the signatories and admins with an e-mail address.
/// </summary>
public class ReviewReminderTest
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private const string Agreement = """
        schemaVersion: 1
        name: Acme SLA
        period: 2026-01
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
        signatories:
          - { name: Dana Lee, side: marketing, email: dana@example.com }
          - { name: Sam Ortiz, side: sales }
          - { name: Ada Admin, side: sales, email: ADA@example.com }
        """;

    private static Instant At(int month, int day, int hour, int minute = 0) => new LocalDateTime(2026, month, day, hour, minute).InZoneLeniently(NewYork).ToInstant();

    private static async Task<TandemDatabase> SeedAsync(DatabaseKind kind)
    {
        var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        // Active from 2026-01-31 10:00 New York: quarterly reviews on 04-30, 07-31, 10-31 and 2027-01-31.
        await AgreementStore.SaveAsync(connection, "Acme SLA", "2026-01", Agreement, At(1, 31, 10).ToUnixTimeMilliseconds());
        var hash = Tandem.Web.Accounts.Passwords.Hash("correct horse battery");
        await UserStore.AddAsync(connection, "ada", "Ada", Roles.Admin, null, "ada@example.com", hash, 1);
        await UserStore.AddAsync(connection, "root", "Root", Roles.Admin, null, "root@example.com", hash, 1);
        await UserStore.AddAsync(connection, "old", "Old", Roles.Admin, null, "old@example.com", hash, 1);
        await UserStore.SetDisabledAsync(connection, "old", 2);
        await UserStore.AddAsync(connection, "vic", "Vic", Roles.Viewer, null, "vic@example.com", hash, 1);
        await UserStore.AddAsync(connection, "nomail", "No Mail", Roles.Admin, null, hash, 1);
        return database;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Reminder_IsQueuedOnceWhenTheReviewFallsDue_AndDeliveredOverSmtp(DatabaseKind kind)
    {
        await using var database = await SeedAsync(kind);
        await using var connection = await database.OpenAsync();
        var outbox = async () => (await Outbox.ListAsync(connection, false, 100, CancellationToken.None)).Where(o => o.Channel == ReviewReminders.Channel).ToList();

        Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, At(4, 29, 12)));
        Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, At(4, 30, 7, 59)));
        // Dana (signatory), Ada (signatory and admin, one mail whatever the case), Root (admin); not the disabled admin, the viewer or Sam without an address.
        Assert.Equal(3, await ReviewReminders.QueueDueAsync(connection, At(4, 30, 8, 0)));
        Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, At(4, 30, 12, 0)));
        Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, At(5, 7, 9, 0)));
        Assert.Equal(["ADA@example.com", "dana@example.com", "root@example.com"], (await outbox()).Select(o => o.Target).Order(StringComparer.Ordinal));
        // The July review passed while the server was down for more than the grace days: not mailed as old news.
        Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, At(8, 8, 9, 0)));

        var clock = new FakeClock(At(4, 30, 8, 1));
        using var smtp = SmtpReceiver.Start();
        var dispatcher = new NotificationDispatcher(database, () => new WebhookSender(new HttpClient()),
            new EmailSender(new SmtpSettings("127.0.0.1", smtp.Port, false, null, null, "tandem@example.com")), clock, "test");
        Assert.Equal((3, 0), await dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, smtp.Messages.Count);
        var dana = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "dana@example.com");
        Assert.Equal("Tandem: the agreement \"Acme SLA\" is due for review (2026-04-30)", dana.Subject);
        Assert.Contains("(version #1, active since 2026-01-31) is due for its review on 2026-04-30: it is reviewed every 3 months from its activation", dana.TextBody, StringComparison.Ordinal);
        Assert.Contains("Signatories: Dana Lee (marketing), Sam Ortiz (sales), Ada Admin (sales).", dana.TextBody, StringComparison.Ordinal);
        Assert.Contains("The review after this one: 2026-07-31.", dana.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, (await dispatcher.RunOnceAsync(CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task TwoInstancesAtOnce_QueueEachReminderOnce_OnPostgres()
    {
        await using var database = await SeedAsync(DatabaseKind.Postgres);
        var now = At(10, 31, 9, 0);
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var connection = await database.OpenAsync();
            return await ReviewReminders.QueueDueAsync(connection, now);
        }));
        Assert.Equal(3, counts.Sum());
        await using var check = await database.OpenAsync();
        Assert.Equal(3, (await Outbox.ListAsync(check, false, 100, CancellationToken.None)).Count(o => o.Subject.EndsWith("(2026-10-31)", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheMonitorsPass_QueuesTheReminder_AndNothingWithoutAnActiveVersion(DatabaseKind kind)
    {
        await using var database = await SeedAsync(kind);
        var clock = new FakeClock(At(4, 30, 9, 0));
        var dispatcher = new NotificationDispatcher(database, () => new WebhookSender(new HttpClient()), new EmailSender(null), clock, "test");
        var monitor = new SlaMonitor(database, new TandemServerSettings(database.Target, DateTimeZone.Utc) { Clock = clock }, dispatcher, NullLogger<SlaMonitor>.Instance);
        await monitor.RunOnceAsync(CancellationToken.None);
        await using var connection = await database.OpenAsync();
        var queued = (await Outbox.ListAsync(connection, false, 100, CancellationToken.None)).Where(o => o.Channel == ReviewReminders.Channel).ToList();
        Assert.Equal(3, queued.Count);
        // No SMTP server configured: each delivery says how to configure one, and is retried.
        Assert.All(queued, q => Assert.StartsWith("no SMTP server is configured", q.LastError, StringComparison.Ordinal));

        await using var empty = await TestDatabases.OpenAsync(kind);
        await using var none = await empty.OpenAsync();
        Assert.Equal(0, await ReviewReminders.QueueDueAsync(none, At(4, 30, 9, 0)));
    }
}
