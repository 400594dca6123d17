using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// A recalibration's proposal and a plan what-if each become a draft revision in one step from
/// their pages (managers only, anti-forgery), the figures exact, landing on the new draft.
/// </summary>
public class DraftRevisionPagesTest
{
    private static async Task<string> PostAsync(HttpClient browser, string page, string handler, params (string, string)[] fields)
    {
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative));
        using var response = await browser.PostAsync(new Uri($"{page.Split('?')[0]}?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(html))]));
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal)) return "denied";
        var landed = response.Headers.Location?.PathAndQuery();
        using var followed = await ApiServer.FollowAsync(browser, response);
        return (landed is null ? "" : $"[{landed}]") + WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Recalibration_MakeThisADraftRevision_StoresTheProposalExactly(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(200, 7, now) { Months = 9 });
        using var manager = await server.SignedInAsync(Roles.Marketing, userName: "mara");
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        Tandem.Domain.Analytics.RecalibrationResult expected;
        Tandem.Domain.Periods.Period next;
        await using (var connection = await server.Database.OpenAsync())
        {
            var agreement = AgreementLifecycle.Parse((await AgreementStore.ActiveAsync(connection))!);
            next = Tandem.Domain.Periods.Period.Containing(now.InZone(agreement.Calendar.Zone).Date, agreement.Period.Kind).Next();
            (expected, _) = await Tandem.Data.Analytics.RecalibrationQuery.RunAsync(connection, agreement, next, 6, null);
        }

        Assert.DoesNotContain("Make this a draft revision", await viewer.GetStringAsync(new Uri("/recalibration", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Make this a draft revision", await manager.GetStringAsync(new Uri("/recalibration", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal("denied", await PostAsync(viewer, "/recalibration", "Draft", ("for", next.ToString()), ("window", "6")));
        Assert.Contains("Window: must be 6 to 12 periods (got '3').", await PostAsync(manager, "/recalibration", "Draft", ("for", next.ToString()), ("window", "3")), StringComparison.Ordinal);

        var landed = await PostAsync(manager, "/recalibration", "Draft", ("for", next.ToString()), ("window", "6"), ("cycle", ""), ("note", "monthly review"));
        Assert.StartsWith("[/agreement?version=2&from=1&to=2#difference]", landed, StringComparison.Ordinal);
        Assert.Contains($"Drafted #2 from the recalibration for {next}, based on #1:", landed, StringComparison.Ordinal);
        Assert.Contains("data-status=\"draft\"", landed, StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
        {
            var draft = await AgreementStore.RequireAsync(connection, 2);
            Assert.Equal((AgreementStatus.Draft, (long?)1, "web:mara"), (draft.Status, draft.BasedOn, draft.CreatedBy));
            Assert.EndsWith(": monthly review", draft.Note, StringComparison.Ordinal);
            var plan = AgreementLifecycle.Parse(draft).Plan;
            Assert.Equal(expected.NewPlan!.Input.DealSize, plan.DealSize);
            Assert.Equal(expected.NewPlan.Input.Funnel!.Stages.Select(s => s.Rate.Value), plan.Funnel!.Stages.Select(s => s.Rate.Value));
        }
        Assert.Contains("No draft stored: revision: is already stored as #2 (draft); no draft stored.",
            await PostAsync(manager, "/recalibration", "Draft", ("for", next.ToString()), ("window", "6")), StringComparison.Ordinal);
    }

    // The seeds' worked example: 3,978 MQLs; MQL at 1/3, which must stay exactly 1/3 in the draft.
    private const string Example = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - { stage: MQL, rate: 1/3 }\n  - { stage: SQL, rate: 82% }\n  - { stage: Opportunity, rate: 23% }\n";

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Plan_SaveAsADraftRevision_KeepsUntouchedRatesExact(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        await using (var connection = await server.Database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Example, 1);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sal");
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");

        Assert.DoesNotContain("Save as a draft revision", await manager.GetStringAsync(new Uri("/plan", UriKind.Relative)), StringComparison.Ordinal);
        var whatIf = await manager.GetStringAsync(new Uri("/plan?quota=600000", UriKind.Relative));
        Assert.Contains("Save as a draft revision", whatIf, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"quota\" value=\"600000\">", whatIf, StringComparison.Ordinal);
        Assert.DoesNotContain("Save as a draft revision", await viewer.GetStringAsync(new Uri("/plan?quota=600000", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal("denied", await PostAsync(viewer, "/plan?quota=600000", "Draft", ("quota", "600000")));

        Assert.Contains("No draft stored: fix the inputs marked in red first.", await PostAsync(manager, "/plan?quota=600000", "Draft", ("quota", "lots")), StringComparison.Ordinal);
        Assert.Contains("No draft stored: revision: changes nothing in #1; no draft stored", await PostAsync(manager, "/plan?quota=600000", "Draft", ("quota", "500000"), ("rate.1", "82%")), StringComparison.Ordinal);

        var landed = await PostAsync(manager, "/plan?quota=600000", "Draft", ("quota", "600000"), ("rate.2", "25%"), ("note", "bigger quota"));
        Assert.StartsWith("[/agreement?version=2&from=1&to=2#difference]", landed, StringComparison.Ordinal);
        Assert.Matches("Drafted #2 from the plan's what-if, based on #1: [0-9,]+ leads needed", landed);
        await using (var connection = await server.Database.OpenAsync())
        {
            var draft = await AgreementStore.RequireAsync(connection, 2);
            Assert.Equal("plan what-if saved on the web: bigger quota", draft.Note);
            var plan = AgreementLifecycle.Parse(draft).Plan;
            Assert.Equal(Fraction.FromInteger(600000), plan.Quota);
            Assert.Equal([new Fraction(1, 3), new Fraction(82, 100), new Fraction(25, 100)], plan.Funnel!.Stages.Select(s => s.Rate.Value));
        }
        Assert.Contains("What changed from #1 to #2", landed, StringComparison.Ordinal);
        Assert.Matches("<tr data-term=\"[^\"]+\"><th scope=\"row\">[^<]+</th><td>changed</td><td>[^<]*500,000", landed);
    }
}
