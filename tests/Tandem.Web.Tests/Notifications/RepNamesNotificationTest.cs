using System.Text.Json;
using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Notifications;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

/// <summary>
/// Reps by name in notifications and digests (issue 21), through a real SMTP listener and webhook
/// receiver: ann (named Ann) and bob (Bob) from the fixture, and cy, whose reps row has no name, so
/// the texts say "Ann (ann)" and "cy"; webhooks keep <c>rep</c> and add <c>repName</c>.
/// </summary>
public class RepNamesNotificationTest
{
    private static readonly string[] Boss = ["boss@example.com"];

    /// <summary>The fixture with L3 handed to cy (a rep without a name) at the same time as L1 and L2.</summary>
    private static async Task<NotificationFixture> FixtureAsync(DatabaseKind kind)
    {
        var f = await NotificationFixture.CreateAsync(kind);
        long ms = NotificationFixture.Handoff.ToUnixTimeMilliseconds();
        await f.WriteAsync(TableSpec.Reps, ["name", "email"], [["default", "cy", null, "cy@example.com"]], ms - 86_400_000);
        await f.WriteAsync(TableSpec.Leads, ["created_at", "owner"], [["default", "L3", ms, "cy"]], ms);
        await f.WriteAsync(TableSpec.StageChanges, ["rep"], [["default", "L3", "MQL", ms, "cy"]], ms);
        return f;
    }

    private static SmtpSettings Smtp(SmtpReceiver smtp) => new("127.0.0.1", smtp.Port, false, null, null, "tandem@example.com");

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task BreachMailAndWebhook_NameTheRepWithTheIdInBrackets_TheIdAloneWithoutAName(DatabaseKind kind)
    {
        await using var f = await FixtureAsync(kind);
        await using var hooks = await WebhookReceiver.StartAsync();
        using var smtp = SmtpReceiver.Start();
        await f.AddChannelAsync("manager", ChannelKind.Email, "boss@example.com", states: ["breached"]);
        await f.AddChannelAsync("crm", ChannelKind.Webhook, hooks.Url + "/hook", states: ["breached"]);
        f.Clock.Reset(NotificationFixture.Handoff + Duration.FromMinutes(31));
        await Projector.RunAsync(f.Connection, f.Clock.GetCurrentInstant());
        Assert.Equal((6, 0), await f.Dispatcher(Smtp(smtp)).RunOnceAsync(CancellationToken.None));

        await WaitForAsync(() => smtp.Messages.Count >= 3);
        var mails = smtp.Messages.ToDictionary(m => m.Subject ?? "");
        var ann = mails["SLA breached: first touch of lead L1, rep Ann (ann)"];
        Assert.StartsWith("Lead L1, handed to Ann (ann), was not touched in time", ann.TextBody, StringComparison.Ordinal);
        Assert.Contains("Lead L2, handed to Bob (bob),", mails["SLA breached: first touch of lead L2, rep Bob (bob)"].TextBody, StringComparison.Ordinal);
        var cy = mails["SLA breached: first touch of lead L3, rep cy"];
        Assert.StartsWith("Lead L3, handed to cy, was not touched in time", cy.TextBody, StringComparison.Ordinal);

        var events = hooks.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event")).ToDictionary(e => e.GetProperty("lead").GetString()!);
        Assert.Equal(("ann", "Ann"), (events["L1"].GetProperty("rep").GetString(), events["L1"].GetProperty("repName").GetString()));
        Assert.Equal("cy", events["L3"].GetProperty("rep").GetString());
        Assert.Equal(JsonValueKind.Null, events["L3"].GetProperty("repName").ValueKind);
        Assert.Contains("handed to Ann (ann)", hooks.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!).Single(t => t.StartsWith("Lead L1", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DailyDigest_SaysWhoseClocksBreachedThatDay_ByName(DatabaseKind kind)
    {
        await using var f = await FixtureAsync(kind);
        using var smtp = SmtpReceiver.Start();
        var now = NotificationFixture.Handoff + Duration.FromDays(1);
        f.Clock.Reset(now);
        await Projector.RunAsync(f.Connection, now);
        var agreement = Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(f.Connection))!.Content, "test");

        // The 23rd, read from the clocks; the 22nd, when nothing breached, has no line.
        var mail = await Reports.DigestBuilder.DailyAsync(f.Connection, agreement, new LocalDate(2026, 11, 23), now);
        Assert.DoesNotContain("by rep:", (await Reports.DigestBuilder.DailyAsync(f.Connection, agreement, new LocalDate(2026, 11, 22), now)).Text, StringComparison.Ordinal);
        Assert.True(await Digests.EnqueueAsync(f.Connection, DigestKind.Daily, "2026-11-23", mail, Boss, now));
        Assert.Equal((1, 0), await f.Dispatcher(Smtp(smtp)).RunOnceAsync(CancellationToken.None));

        await WaitForAsync(() => !smtp.Messages.IsEmpty);
        var message = Assert.Single(smtp.Messages);
        const string Line = "Breached on 2026-11-23 by rep: Ann (ann) 1, Bob (bob) 1, cy 1.";
        Assert.Contains(Line, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<li>{Line}</li>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task PeriodDigest_SaysWhoseClocksBreachedInThePeriod_FromTheRollup(DatabaseKind kind)
    {
        await using var f = await FixtureAsync(kind);
        using var smtp = SmtpReceiver.Start();
        await Projector.RunAsync(f.Connection, NotificationFixture.Handoff + Duration.FromDays(1));
        var agreement = Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(f.Connection))!.Content, "test");
        var december = Instant.FromUtc(2026, 12, 1, 14, 0);
        f.Clock.Reset(december);

        var mail = await Reports.DigestBuilder.PeriodAsync(f.Connection, agreement, Domain.Periods.Period.Parse("2026-11", "period"), december);
        Assert.True(await Digests.EnqueueAsync(f.Connection, DigestKind.Period, "2026-11", mail, Boss, december));
        Assert.Equal((1, 0), await f.Dispatcher(Smtp(smtp)).RunOnceAsync(CancellationToken.None));

        await WaitForAsync(() => !smtp.Messages.IsEmpty);
        var text = Assert.Single(smtp.Messages).TextBody ?? "";
        Assert.Contains("Breaches by rep\n  2026-11: 3 clocks breached by rep: Ann (ann) 1, Bob (bob) 1, cy 1.", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // October: nothing breached, said so.
        var october = await Reports.DigestBuilder.PeriodAsync(f.Connection, agreement, Domain.Periods.Period.Parse("2026-10", "period"), december);
        Assert.Contains("No clock breached in 2026-10.", october.Text, StringComparison.Ordinal);
    }

    /// <summary>Waits for a listener to hold what a test expects.</summary>
    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 100 && !done(); i++) await Task.Delay(50);
        Assert.True(done(), "timed out waiting for the listener");
    }
}
