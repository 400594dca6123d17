using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Domain.Agreements;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Agreement page over real HTTP: a version in plain language, the history, the difference,
/// the printable page and a real Chromium PDF; proposing, signing as the signatory with one's own
/// e-mail, activating; editing the calendar and commitments into a draft; and every refusal.
/// </summary>
public class AgreementPageTest
{
    private const string Signed = """
        schemaVersion: 1
        name: Acme SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
          holidays: ["12-25"]
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: working }
        signatories:
          - { name: Dana Lee, side: marketing, title: VP Marketing, email: dana@example.com }
          - { name: Sam Ortiz, side: sales, title: VP Sales, email: sam@example.com }
        """;

    private const string Unsigned = """
        schemaVersion: 1
        name: Acme SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: working }
        """;

    private static async Task ImportAsync(ApiServer server, string text)
    {
        await using var connection = await server.Database.OpenAsync();
        await AgreementLifecycle.ImportAsync(connection, AgreementFile.Parse(text, "test"), text, "imported", "test", NodaTime.SystemClock.Instance.GetCurrentInstant());
    }

    private static async Task<string> PostAsync(HttpClient browser, string page, string handler, params (string, string)[] fields)
    {
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative));
        using var response = await browser.PostAsync(new Uri($"{page}{(page.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(html))]));
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal)) return "denied";
        using var followed = await ApiServer.FollowAsync(browser, response);
        return await followed.Content.ReadAsStringAsync();
    }

    private static string Notice(string html) => WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"(?:notice|problem)\" role=\"(?:status|alert)\">([^<]*)</p>").Groups[1].Value);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Lifecycle_ProposeSignAsOneselfActivate_WithEveryRefusal(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        await ImportAsync(server, Signed);
        using var manager = await server.SignedInAsync(Roles.Marketing, userName: "mara");
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        using var dana = await server.SignedInWithEmailAsync(Roles.Viewer, "dana", "Dana@Example.com");
        using var sam = await server.SignedInWithEmailAsync(Roles.SalesManager, "sam", "sam@example.com");

        var page = await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative));
        Assert.Contains("data-status=\"draft\"", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Acme SLA</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Propose for signing", page, StringComparison.Ordinal);
        Assert.Equal("denied", await PostAsync(viewer, "/agreement", "Propose", ("version", "1")));

        Assert.Equal("Proposed #1 for signing by Dana Lee, Sam Ortiz. Each signs here, signed in with the e-mail the agreement gives them.",
            Notice(await PostAsync(manager, "/agreement", "Propose", ("version", "1"))));
        Assert.Equal("Not proposed: #1 is proposed; only a draft is proposed.", Notice(await PostAsync(manager, "/agreement", "Propose", ("version", "1"))));
        Assert.Equal("Not proposed: #9 does not exist; tandem agreement history lists the versions.", Notice(await PostAsync(manager, "/agreement", "Propose", ("version", "9"))));
        Assert.Equal("Not activated: Version: #1 is not signed by everyone named; waiting for Dana Lee, Sam Ortiz.", Notice(await PostAsync(manager, "/agreement", "Activate", ("version", "1"))));

        Assert.Contains("your account has no e-mail address", await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal("Not signed: your account has no e-mail address, so it names no signatory; an admin adds it (tandem user email NAME ADDRESS).",
            Notice(await PostAsync(viewer, "/agreement", "Sign", ("version", "1"), ("signatory", "Dana Lee"))));
        Assert.Equal("Not signed: Dana Lee's e-mail in the agreement is dana@example.com, not yours (sam@example.com); each signatory signs for themselves.",
            Notice(await PostAsync(sam, "/agreement", "Sign", ("version", "1"), ("signatory", "Dana Lee"))));
        Assert.Equal("Not signed: 'Nobody' is not one of #1's signatories (Dana Lee, Sam Ortiz).", Notice(await PostAsync(sam, "/agreement", "Sign", ("version", "1"), ("signatory", "Nobody"))));

        var danaPage = await dana.GetStringAsync(new Uri("/agreement", UriKind.Relative));
        Assert.Contains("Sign as Dana Lee (marketing)", danaPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign as Sam Ortiz", danaPage, StringComparison.Ordinal);
        Assert.StartsWith("Dana Lee signed #1 for marketing, bound to its text (SHA-256 ", Notice(await PostAsync(dana, "/agreement", "Sign", ("version", "1"), ("signatory", "Dana Lee"))), StringComparison.Ordinal);
        Assert.Equal("Not signed: Dana Lee has signed this version already.", Notice(await PostAsync(dana, "/agreement", "Sign", ("version", "1"), ("signatory", "Dana Lee"))));
        Assert.EndsWith("Every signatory has signed: it can be activated.", Notice(await PostAsync(sam, "/agreement", "Sign", ("version", "1"), ("signatory", "Sam Ortiz"))), StringComparison.Ordinal);
        Assert.Equal("web:sam", await server.Scalar("SELECT by_user FROM agreement_signatures WHERE signatory = 'Sam Ortiz'"));

        Assert.Equal("denied", await PostAsync(dana, "/agreement", "Activate", ("version", "1")));
        Assert.Equal("Not activated: From: month 13 is not 01-12.", Notice(await PostAsync(manager, "/agreement", "Activate", ("version", "1"), ("from", "2026-13"))));
        Assert.Equal("Not activated: Until: 2026-01 must be a month no earlier than 2026-11.", Notice(await PostAsync(manager, "/agreement", "Activate", ("version", "1"), ("from", "2026-11"), ("until", "2026-01"))));
        Assert.Equal("#1 is the active agreement, for 2026-11 on: the clocks run on it from now. The server re-clocks the leads in the background; this page shows how far it has come.",
            Notice(await PostAsync(manager, "/agreement", "Activate", ("version", "1"), ("from", "2026-11"))));
        Assert.Equal("Not activated: Version: #1 is already active.", Notice(await PostAsync(manager, "/agreement", "Activate", ("version", "1"))));

        var active = await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative));
        Assert.Contains("data-status=\"active\"", active, StringComparison.Ordinal);
        // Activated today: the first review is three months on (reviewEvery: quarterly by default).
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
        Assert.Contains($"data-next-review=\"{today.PlusMonths(3):uuuu-MM-dd}\"", active, StringComparison.Ordinal);
        Assert.Contains("<td>2 of 2: Dana Lee ", active, StringComparison.Ordinal);

        // While the projector walks the leads (as the monitor does after an activation), the page says how far it has come.
        await using (var connection = await server.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO service_state (name, value) VALUES ('projector_progress_done', 450000), ('projector_progress_total', 1000000)";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Contains("Re-clocking the leads: 450,000 of 1,000,000 (45%) so far.", WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative))), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TwoSignatoriesSigningAtOnce_BothCount_AndTheVersionIsSigned(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        await ImportAsync(server, Signed);
        using var manager = await server.SignedInAsync(Roles.Admin, userName: "ada");
        using var dana = await server.SignedInWithEmailAsync(Roles.Viewer, "dana", "dana@example.com");
        using var sam = await server.SignedInWithEmailAsync(Roles.Viewer, "sam", "sam@example.com");
        await PostAsync(manager, "/agreement", "Propose", ("version", "1"));

        var both = await Task.WhenAll(PostAsync(dana, "/agreement", "Sign", ("version", "1"), ("signatory", "Dana Lee")), PostAsync(sam, "/agreement", "Sign", ("version", "1"), ("signatory", "Sam Ortiz")));

        Assert.All(both, html => Assert.Contains(" signed #1 for ", Notice(html), StringComparison.Ordinal));
        Assert.Equal(2L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM agreement_signatures"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("signed", await server.Scalar("SELECT status FROM agreements WHERE id = 1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EditingTheCalendarAndCommitments_MakesADraft_CheckedFieldByField(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind);
        await ImportAsync(server, Unsigned);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sal");
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        Assert.StartsWith("/denied", (await viewer.GetAsync(new Uri("/agreement/edit", UriKind.Relative))).Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        var form = await manager.GetStringAsync(new Uri("/agreement/edit?version=1", UriKind.Relative));
        Assert.Contains("value=\"America/New_York\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"30 minutes\"", form, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["version"] = "1", ["timeZone"] = "America/New_York", ["hours.monday"] = "09:00-17:00", ["hours.tuesday"] = "09:00-17:00", ["hours.wednesday"] = "09:00-17:00",
            ["hours.thursday"] = "09:00-17:00", ["hours.friday"] = "09:00-17:00", ["hours.saturday"] = "off", ["hours.sunday"] = "off", ["holidays"] = "",
            ["tolerance"] = "10%", ["speedWithin"] = "30 minutes", ["speedClock"] = "working", ["depthAttempts"] = "6", ["depthDays"] = "calendar",
            ["cadence"] = "3 within 14 days\n5 within 28 days\n7 within 56 days",
        };
        async Task<string> Post(params (string Key, string Value)[] changes)
        {
            var html = await manager.GetStringAsync(new Uri("/agreement/edit?version=1", UriKind.Relative));
            var posted = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = ApiServer.Antiforgery(html) };
            foreach (var (key, value) in changes) posted[key] = value;
            using var response = await manager.PostAsync(new Uri("/agreement/edit", UriKind.Relative), new FormUrlEncodedContent(posted));
            using var followed = await ApiServer.FollowAsync(manager, response);
            return WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync());
        }

        Assert.Contains("No draft stored: revision: changes nothing in #1; no draft stored.", await Post(), StringComparison.Ordinal);
        var bad = await Post(("timeZone", "Mars/Olympus"), ("hours.monday", "9-5"), ("holidays", "2026-12-25\n12/26"), ("speedWithin", "soon"), ("depthAttempts", ""), ("cadence", "three within 14 days"));
        Assert.Contains("Time zone 'Mars/Olympus' is not an IANA time zone such as America/New_York, Europe/Berlin or UTC", bad, StringComparison.Ordinal);
        Assert.Contains("Monday '9-5' is not a time range; write 09:00-17:00 (24-hour HH:mm), a list of ranges, or off", bad, StringComparison.Ordinal);
        Assert.Contains("Holidays '12/26' is not a holiday; write a date (2026-12-25) or a yearly day (12-25)", bad, StringComparison.Ordinal);
        Assert.Contains("First touch within 'soon' is not a duration; write a whole number and a unit, e.g. 30 minutes or 2 hours", bad, StringComparison.Ordinal);
        Assert.Contains("Attempts until connected is empty: enter a value", bad, StringComparison.Ordinal);
        Assert.Contains("Cadence 'three' is not a whole number", bad, StringComparison.Ordinal);
        // Every field kept as typed, so the person fixes only what is wrong.
        Assert.Contains("value=\"Mars/Olympus\"", bad, StringComparison.Ordinal);
        Assert.Contains("sales.depth.cadence[2]: each step must ask for more attempts over more days than the one before", await Post(("cadence", "3 within 14 days\n2 within 28 days")), StringComparison.Ordinal);
        Assert.Contains("calendar.workingHours.monday: intervals 09:00-13:00 and 12:00-17:00 overlap", await Post(("hours.monday", "09:00-13:00, 12:00-17:00")), StringComparison.Ordinal);
        Assert.Contains("calendar.workingHours: no day has working hours", await Post(("hours.monday", "off"), ("hours.tuesday", "off"), ("hours.wednesday", "off"), ("hours.thursday", "off"), ("hours.friday", "off")), StringComparison.Ordinal);
        Assert.Equal(1L, Convert.ToInt64(await server.Scalar("SELECT COUNT(*) FROM agreements"), System.Globalization.CultureInfo.InvariantCulture));

        var saved = await Post(("timeZone", "Europe/Berlin"), ("hours.friday", "09:00-12:00, 13:00-15:00"), ("holidays", "12-25\n2026-12-31"), ("speedWithin", "2 hours"), ("speedClock", "wall"), ("tolerance", "15%"), ("note", "Berlin office"));
        Assert.Contains("Drafted #2, based on #1:", saved, StringComparison.Ordinal);
        Assert.Contains("What changed from #1 to #2", saved, StringComparison.Ordinal);
        await using (var connection = await server.Database.OpenAsync())
        {
            var draft = await AgreementStore.RequireAsync(connection, 2);
            Assert.Equal((AgreementStatus.Draft, (long?)1, "edited on the web: Berlin office", "web:sal"), (draft.Status, draft.BasedOn, draft.Note, draft.CreatedBy));
            var terms = AgreementLifecycle.Parse(draft);
            Assert.Equal("Europe/Berlin", terms.Calendar.Zone.Id);
            Assert.Equal(2, terms.Calendar.Week[NodaTime.IsoDayOfWeek.Friday].Count);
            Assert.Equal(2, terms.Calendar.Holidays.Count);
            Assert.Equal((120, ClockKind.Wall), (terms.Sales.Speed.Minutes, terms.Sales.Speed.Clock));
            Assert.Equal(new Tandem.Domain.Numbers.Fraction(3, 20), terms.Tolerance.Band.Value);
            Assert.Equal(500000, (int)terms.Plan.Quota.ToDecimal(0));
            Assert.Equal("active", await server.Scalar("SELECT status FROM agreements WHERE id = 1"));
        }
        using var missing = await manager.GetAsync(new Uri("/agreement/edit?version=42", UriKind.Relative));
        Assert.Contains("Version #42 does not exist; the Agreement page lists the versions.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryDifferencePrintAndPdf_AndTheirBadInput()
    {
        await using var server = await ApiServer.StartAsync();
        await ImportAsync(server, Unsigned);
        await ImportAsync(server, Unsigned.Replace("quota: 500000", "quota: 600000", StringComparison.Ordinal));
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");

        var page = await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative));
        // Two versions without signatories: each was active at once, the second superseded the first.
        Assert.Contains("<tr data-version=\"2\">", page, StringComparison.Ordinal);
        Assert.Contains("<td>superseded</td>", page, StringComparison.Ordinal);
        var diff = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri("/agreement?from=1&to=2", UriKind.Relative)));
        Assert.Contains("What changed from #1 to #2", diff, StringComparison.Ordinal);
        Assert.Contains("<li class=\"removed\"><code>- quota: 500000</code></li>", diff, StringComparison.Ordinal);
        Assert.Contains("<li class=\"added\"><code>+ quota: 600000</code></li>", diff, StringComparison.Ordinal);
        Assert.Matches("<tr data-term=\"[^\"]+\"><th scope=\"row\">[^<]+</th><td>changed</td><td>[^<]*500,000", diff);

        async Task<string> Problem(string path) => Notice(await viewer.GetStringAsync(new Uri(path, UriKind.Relative)));
        Assert.Equal("Difference: choose both versions to compare.", await Problem("/agreement?from=1"));
        Assert.Equal("Difference: version #99 does not exist (or this Tandem cannot read it); the history lists the versions.", await Problem("/agreement?from=1&to=99"));
        Assert.Equal("Version #99 does not exist; the history lists the versions.", await Problem("/agreement?version=99"));
        Assert.Contains("The two versions have the same text, as Tandem writes each", await viewer.GetStringAsync(new Uri("/agreement?from=2&to=2", UriKind.Relative)), StringComparison.Ordinal);

        var print = await viewer.GetStringAsync(new Uri("/agreement?handler=print&version=1", UriKind.Relative));
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/agreement-print.css?v=", print, StringComparison.Ordinal);
        Assert.Contains("data-version=\"1\"", print, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", print, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", await server.Anonymous.GetStringAsync(new Uri("/assets/agreement-print.css", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync(new Uri("/agreement?handler=print&version=99", UriKind.Relative))).StatusCode);

        using var pdf = await viewer.GetAsync(new Uri("/agreement?handler=pdf&version=2", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("agreement-2.pdf", pdf.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));
    }

    [Fact]
    public async Task AVersionSignedBeforeTheRoundOnceRule_SaysItsGoalsAreNowComputedWithIt()
    {
        await using var server = await ApiServer.StartAsync();
        await using (var connection = await server.Database.OpenAsync())
        {
            // #1 signed in November 2026, then; #2 signed with this Tandem, even on an earlier day.
            foreach (var (text, signedAt) in new[] { (Signed, NodaTime.Instant.FromUtc(2026, 11, 20, 15, 0)), (Signed.Replace("quota: 500000", "quota: 600000", StringComparison.Ordinal), NodaTime.Instant.FromUtc(2026, 11, 2, 15, 0)) })
            {
                var version = await AgreementLifecycle.ImportAsync(connection, AgreementFile.Parse(text, "test"), text, "imported", "test", signedAt);
                await AgreementLifecycle.ProposeAsync(connection, version.Version.Id, signedAt);
                await AgreementLifecycle.SignAsync(connection, version.Version.Id, "Dana Lee", "dana", signedAt);
                await AgreementLifecycle.SignAsync(connection, version.Version.Id, "Sam Ortiz", "sam", signedAt + NodaTime.Duration.FromHours(1));
            }
            // #1's signatures as a Tandem before the rule recorded them (what migration 0020 gives every older signature).
            await using var older = connection.CreateCommand();
            older.CommandText = "UPDATE agreement_signatures SET plan_rule = 1 WHERE agreement_id = 1";
            Assert.Equal(2, await older.ExecuteNonQueryAsync());
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");

        var before = await viewer.GetStringAsync(new Uri("/agreement?version=1", UriKind.Relative));
        var after = await viewer.GetStringAsync(new Uri("/agreement?version=2", UriKind.Relative));

        Assert.Contains("data-rule-change=\"round-once\">Signed when Tandem rounded every segment and lead type's figures up on its own. The text and its signatures stand as signed", before, StringComparison.Ordinal);
        Assert.DoesNotContain("data-rule-change", after, StringComparison.Ordinal);
        // The goal shown is the current rule's, with the rule in the terms: 500,000 / 2,000 = 250 customers at 20%.
        Assert.Contains("Marketing delivers 1,250 Leads each month.", WebUtility.HtmlDecode(before), StringComparison.Ordinal);
        Assert.Contains("They are rounded up once, on the totals: Customer 250;", WebUtility.HtmlDecode(before), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_WithoutChromium_SaysWhatToInstall()
    {
        await using var server = await ApiServer.StartAsync(configure: s => s with { Chromium = "/nowhere/chromium" });
        await ImportAsync(server, Unsigned);
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        using var response = await viewer.GetAsync(new Uri("/agreement?handler=pdf", UriKind.Relative));
        using var followed = await ApiServer.FollowAsync(viewer, response);
        Assert.Equal("No PDF: PDF needs Chromium: /nowhere/chromium does not exist; install the chromium package or configure its path.", Notice(await followed.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task WithoutAnyVersion_ThePageSaysHowToStoreOne()
    {
        await using var server = await ApiServer.StartAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        Assert.Equal("No agreement is stored yet: import one (tandem agreement import FILE) and it appears here.", Notice(await viewer.GetStringAsync(new Uri("/agreement", UriKind.Relative))));
        Assert.Contains("href=\"/agreement\"", await viewer.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }
}
