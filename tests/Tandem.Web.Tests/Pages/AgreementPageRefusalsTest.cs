using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Agreements;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>The Agreement, edit, Plan and Settings pages' remaining refusals: two managers at once, versions this Tandem cannot read, no version to revise, roles, a bad e-mail.</summary>
public class AgreementPageRefusalsTest
{
    private const string Unsigned = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\ncloseRate: 20%\n";

    private static async Task<string> PostAsync(HttpClient browser, string page, string? handler, params (string, string)[] fields)
    {
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative));
        var path = page.Split('?')[0] + (handler is null ? "" : $"?handler={handler}");
        using var response = await browser.PostAsync(new Uri(path, UriKind.Relative),
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(html))]));
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal)) return "denied";
        using var followed = await ApiServer.FollowAsync(browser, response);
        return WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync());
    }

    private static string Notice(string html) => Regex.Match(html, "<p class=\"(?:notice|problem)\" role=\"(?:status|alert)\">([^<]*)</p>").Groups[1].Value;

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TwoManagersProposingAtOnce_OneSucceeds_TheOtherIsToldWhy(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        await using (var connection = await server.Database.OpenAsync())
        {
            var text = Unsigned + "signatories:\n  - { name: Dana Lee, side: marketing }\n  - { name: Sam Ortiz, side: sales }\n";
            await AgreementLifecycle.ImportAsync(connection, AgreementFile.Parse(text, "t"), text, "imported", "test", NodaTime.SystemClock.Instance.GetCurrentInstant());
        }
        using var mara = await server.SignedInAsync(Roles.Marketing, userName: "mara");
        using var sal = await server.SignedInAsync(Roles.SalesManager, userName: "sal");

        var both = await Task.WhenAll(PostAsync(mara, "/agreement", "Propose", ("version", "1")), PostAsync(sal, "/agreement", "Propose", ("version", "1")));

        var notices = both.Select(Notice).Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("Not proposed: #1 ", notices[0], StringComparison.Ordinal);
        Assert.StartsWith("Proposed #1 for signing by Dana Lee, Sam Ortiz.", notices[1], StringComparison.Ordinal);
        Assert.Equal("proposed", await server.Scalar("SELECT status FROM agreements WHERE id = 1"));
    }

    [Fact]
    public async Task AVersionANewerTandemWrote_IsListedButNeitherShownSignedEditedNorReminded()
    {
        await using var server = await ApiServer.StartAsync();
        await using (var connection = await server.Database.OpenAsync())
        {
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Unsigned, 1);
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", "schemaVersion: 99\nname: SLA\n", 2);
        }
        using var admin = await server.SignedInWithEmailAsync(Roles.Admin, "ada", "ada@example.com");

        Assert.Equal("Version #2 was written by a newer Tandem; this one cannot read it.", Notice(await admin.GetStringAsync(new Uri("/agreement", UriKind.Relative))));
        Assert.Contains("<tr data-version=\"1\">", await admin.GetStringAsync(new Uri("/agreement", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal("Version #2 was written by a newer Tandem; this one cannot edit it.", Notice(await admin.GetStringAsync(new Uri("/agreement/edit", UriKind.Relative))));
        Assert.StartsWith("Not signed: stored agreement #2", Notice(await PostAsync(admin, "/agreement?version=1", "Sign", ("version", "2"), ("signatory", "Dana"))), StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
            Assert.Equal(0, await ReviewReminders.QueueDueAsync(connection, NodaTime.SystemClock.Instance.GetCurrentInstant() + NodaTime.Duration.FromDays(92)));
    }

    [Fact]
    public async Task TheActiveVersionRewrittenByANewerTandem_ThePlanAndRecalibrationDraftsSaySo_AndStoreNothing()
    {
        await using var server = await ApiServer.StartAsync();
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        await Tandem.Data.Demo.DemoDatabase.SeedAsync(server.Database, new Tandem.Data.Demo.DemoOptions(200, 7, now) { Months = 9 });
        using var manager = await server.SignedInAsync(Roles.Marketing, userName: "mara");
        Assert.Contains("Make this a draft revision", await manager.GetStringAsync(new Uri("/recalibration", UriKind.Relative)), StringComparison.Ordinal);
        // The page's cached terms still read; the stored text under the same id no longer does.
        await server.Scalar("UPDATE agreements SET content = 'schemaVersion: 99\nname: SLA\n' WHERE id = 1");

        Assert.Equal("No draft stored: version #1 was written by a newer Tandem; this one cannot revise it.", Notice(await PostAsync(manager, "/plan", "Draft", ("quota", "600000"))));
        Assert.Equal("No draft stored: version #1 was written by a newer Tandem; this one cannot revise it.", Notice(await PostAsync(manager, "/recalibration", "Draft", ("window", "6"))));
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM agreements"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WithNoActiveVersion_TheEditAndPlanDraftsSaySo_AndAViewerCannotPostTheEditForm()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin, userName: "ada");
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        Assert.Equal("No agreement is active: choose a version to edit on the Agreement page.", Notice(await admin.GetStringAsync(new Uri("/agreement/edit", UriKind.Relative))));
        Assert.StartsWith("No agreement is stored yet", Notice(await PostAsync(admin, "/plan", "Draft", ("quota", "600000"))), StringComparison.Ordinal);
        Assert.StartsWith("No agreement is stored yet", Notice(await PostAsync(admin, "/recalibration", "Draft", ("for", "2026-12"))), StringComparison.Ordinal);

        await using (var connection = await server.Database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Unsigned, 1);
        var html = await admin.GetStringAsync(new Uri("/agreement/edit", UriKind.Relative));
        using var refused = await viewer.PostAsync(new Uri("/agreement/edit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "1", ["timeZone"] = "UTC", ["__RequestVerificationToken"] = ApiServer.Antiforgery(await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative))),
        }));
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Contains("name=\"timeZone\"", html, StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM agreements"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Settings_AddsAUserWithAnEmail_AndRefusesABadOne()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin, userName: "ada");
        var bad = await PostAsync(admin, "/settings", "User", ("userName", "dana"), ("role", "viewer"), ("email", "dana@"));
        Assert.True(bad.Contains("User not added: e-mail: 'dana@' is not an e-mail address (name@example.com).", StringComparison.Ordinal), Regex.Match(bad, "<main[\\s\\S]{0,800}").Value);
        Assert.Contains("<td>dana@example.com</td>", await PostAsync(admin, "/settings", "User", ("userName", "dana"), ("role", "viewer"), ("email", "dana@example.com")), StringComparison.Ordinal);
        Assert.Equal("dana@example.com", await server.Scalar("SELECT email FROM users WHERE user_name = 'dana'"));
        var taken = await PostAsync(admin, "/settings", "User", ("userName", "dan"), ("role", "viewer"), ("email", "Dana@Example.com"));
        Assert.True(taken.Contains("User not added: e-mail: 'Dana@Example.com' is already the address of user dana.", StringComparison.Ordinal), Regex.Match(taken, "<main[\\s\\S]{0,800}").Value);
        Assert.Null(await server.Scalar("SELECT email FROM users WHERE user_name = 'dan'"));
    }
}
