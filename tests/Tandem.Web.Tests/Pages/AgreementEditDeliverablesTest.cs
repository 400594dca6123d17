using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Domain.Agreements;
using Tandem.Reports;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The edit page's content, campaign, reporting and training commitments over real HTTP: each
/// kind of change lands in a new draft based on the version edited, with the agreement file's
/// text, an exact round trip and the difference naming the changed term; each bad field refused
/// by name with nothing stored; roles that may not edit refused.
/// </summary>
public class AgreementEditDeliverablesTest
{
    private const string WithDeliverables = """
        schemaVersion: 1
        name: Acme SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        deliverables:
          content:
            pieces:
              - { kind: blog post, count: 4, per: month }
              - { kind: white paper, count: 2, per: month }
              - { kind: case study, count: 1, per: month }
            use: { touches: 1, within: 30 days }
          campaigns:
            launches: { count: 3, per: quarter }
            followUp: { within: 48 hours, clock: wall }
          reports:
            deliver: { count: 1, per: week }
            feedback: { within: 7 days }
          training:
            session: { before: 7 days }
            attendance: { required: 100% }
        """;

    private static async Task<ApiServer> StartAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind);
        await using var connection = await server.Database.OpenAsync();
        await AgreementLifecycle.ImportAsync(connection, AgreementFile.Parse(WithDeliverables, "test"), WithDeliverables, "imported", "test", NodaTime.SystemClock.Instance.GetCurrentInstant());
        return server;
    }

    /// <summary>Every field of the edit form as the page fills it in: what a browser posts when nothing is changed.</summary>
    private static Dictionary<string, string> FormOf(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(html, "<input id=\"[^\"]*\" name=\"([^\"]+)\" value=\"([^\"]*)\""))
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (Match m in Regex.Matches(html, "<textarea id=\"[^\"]*\" name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>"))
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = WebUtility.HtmlDecode(m.Groups[2].Value).TrimStart('\n');
        foreach (Match m in Regex.Matches(html, "<select id=\"[^\"]*\" name=\"([^\"]+)\"[^>]*>([\\s\\S]*?)</select>"))
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = WebUtility.HtmlDecode(Regex.Match(m.Groups[2].Value, "<option value=\"([^\"]*)\" selected=\"selected\"").Groups[1].Value);
        return fields;
    }

    /// <summary>Opens the form over <paramref name="version"/>, changes <paramref name="changes"/> and posts it; the page it leads to.</summary>
    private static async Task<string> EditAsync(HttpClient browser, long version, params (string Key, string Value)[] changes)
    {
        var html = await browser.GetStringAsync(new Uri($"/agreement/edit?version={version}", UriKind.Relative));
        var posted = FormOf(html);
        posted["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        posted["__RequestVerificationToken"] = ApiServer.Antiforgery(html);
        foreach (var (key, value) in changes) posted[key] = value;
        using var response = await browser.PostAsync(new Uri("/agreement/edit", UriKind.Relative), new FormUrlEncodedContent(posted));
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/denied", StringComparison.Ordinal)) return "denied";
        using var followed = await ApiServer.FollowAsync(browser, response);
        return WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync());
    }

    /// <summary>Draft <paramref name="id"/>: based on <paramref name="basedOn"/>, its text reading back to itself exactly, and the terms changed from its base.</summary>
    private static async Task<(string Text, Agreement Terms, IReadOnlyList<TermChange> Changes)> DraftAsync(ApiServer server, long id, long basedOn)
    {
        await using var connection = await server.Database.OpenAsync();
        var draft = await AgreementStore.RequireAsync(connection, id);
        var based = await AgreementStore.RequireAsync(connection, basedOn);
        Assert.Equal((AgreementStatus.Draft, (long?)basedOn), (draft.Status, draft.BasedOn));
        var terms = AgreementLifecycle.Parse(draft);
        // The draft's file, imported again, gives the same agreement: written again, the same text.
        Assert.Equal(draft.Content, AgreementFileWriter.Write(AgreementFile.Parse(draft.Content, "draft")));
        Assert.Equal(draft.Content, AgreementFileWriter.Write(terms));
        var diff = AgreementDiff.Compare(AgreementLifecycle.Parse(based), terms);
        return (draft.Content, terms, diff.Terms);
    }

    private static void Changed(IReadOnlyList<TermChange> changes, params (ChangeKind Kind, string Key)[] expected) =>
        Assert.Equal(expected.Select(e => $"{e.Kind} {e.Key}").Order(StringComparer.Ordinal), changes.Select(c => $"{c.Kind} {c.Key}").Order(StringComparer.Ordinal));

    /// <summary>The page's list of fields to fix, for a failure's message.</summary>
    private static string Problems(string html) => Regex.Match(html, "Fix the fields marked in red: [^<]*").Value;

    private static void Says(string html, string expected) => Assert.True(html.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in: {Problems(html)}{Regex.Match(html, "No draft stored[^<]*").Value}");

    private static long Count(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EachKindOfChange_LandsInANewDraftBasedOnTheVersionEdited(DatabaseKind kind)
    {
        await using var server = await StartAsync(kind);
        using var manager = await server.SignedInAsync(Roles.Marketing, userName: "mara");

        var form = await manager.GetStringAsync(new Uri("/agreement/edit?version=1", UriKind.Relative));
        var fields = FormOf(form);
        Assert.Equal(("blog post", "4", "month"), (fields["deliverables.content.pieces[1].kind"], fields["deliverables.content.pieces[1].count"], fields["deliverables.content.pieces[1].per"]));
        Assert.Equal(("", ""), (fields["deliverables.content.pieces[4].kind"], fields["deliverables.content.pieces[5].kind"]));
        Assert.Equal(("48 hours", "wall", "committed", "100%"), (fields["deliverables.campaigns.followUp.within"], fields["deliverables.campaigns.followUp.clock"], fields["deliverables.training.attendance"], fields["deliverables.training.attendance.required"]));
        Says(await EditAsync(manager, 1), "No draft stored: revision: changes nothing in #1; no draft stored.");

        // Content: a quota changed, a kind added, a kind removed (its row cleared).
        var saved = await EditAsync(manager, 1, ("deliverables.content.pieces[1].count", "5"), ("deliverables.content.pieces[3].kind", ""), ("deliverables.content.pieces[3].count", ""),
            ("deliverables.content.pieces[4].kind", "webinar"), ("deliverables.content.pieces[4].count", "1"), ("deliverables.content.pieces[4].per", "quarter"), ("note", "more posts"));
        Assert.Contains("Drafted #2, based on #1: 3 terms changed.", saved, StringComparison.Ordinal);
        var (text, terms, changes) = await DraftAsync(server, 2, 1);
        Changed(changes, (ChangeKind.Changed, "deliverables.content.blog post"), (ChangeKind.Added, "deliverables.content.webinar"), (ChangeKind.Removed, "deliverables.content.case study"));
        Assert.True(text.Contains("      - kind: \"blog post\"\n        count: 5\n        per: month\n      - kind: \"white paper\"\n        count: 2\n        per: month\n      - kind: \"webinar\"\n        count: 1\n        per: quarter\n    use:", StringComparison.Ordinal), text);
        Assert.Equal(["blog post", "white paper", "webinar"], terms.Deliverables.Content!.Pieces.Select(p => p.Kind));

        // Sales' use of content and the campaigns, edited from the new draft.
        Says(await EditAsync(manager, 2, ("deliverables.content.use.touches", "2"), ("deliverables.content.use.within", "3 weeks"), ("deliverables.content.use.required", "90%"),
            ("deliverables.campaigns.launches.count", "4"), ("deliverables.campaigns.followUp.within", "24 hours"), ("deliverables.campaigns.followUp.clock", "working"), ("deliverables.campaigns.followUp.required", "19 in 20")), "Drafted #3, based on #2: 3 terms changed.");
        (text, terms, changes) = await DraftAsync(server, 3, 2);
        Changed(changes, (ChangeKind.Changed, "deliverables.content.use"), (ChangeKind.Changed, "deliverables.campaigns.launches"), (ChangeKind.Changed, "deliverables.campaigns.followUp"));
        Assert.True(text.Contains("    use:\n      touches: 2\n      within: 21 days\n      required: 90%\n  campaigns:\n    launches:\n      count: 4\n      per: quarter\n    followUp:\n      within: 24 hours\n      clock: working\n      required: 95%\n", StringComparison.Ordinal), text);

        // Reports and training, edited from #1 although #3 is the latest: the draft is based on #1.
        Says(await EditAsync(manager, 1, ("deliverables.reports.deliver.count", "2"), ("deliverables.reports.deliver.per", "month"), ("deliverables.reports.feedback.within", "5"),
            ("deliverables.training.session.before", "2 weeks"), ("deliverables.training.session.required", "80%"), ("deliverables.training.attendance", "not committed"), ("deliverables.training.attendance.required", "")), "Drafted #4, based on #1: 4 terms changed.");
        (text, terms, changes) = await DraftAsync(server, 4, 1);
        Changed(changes, (ChangeKind.Changed, "deliverables.reports.deliver"), (ChangeKind.Changed, "deliverables.reports.feedback"), (ChangeKind.Changed, "deliverables.training.session"), (ChangeKind.Removed, "deliverables.training.attendance"));
        Assert.True(text.Contains("  reports:\n    deliver:\n      count: 2\n      per: month\n    feedback:\n      within: 5 days\n  training:\n    session:\n      before: 14 days\n      required: 80%\n", StringComparison.Ordinal), text);
        Assert.Null(terms.Deliverables.Training!.Attendance);
        Assert.Equal(3, terms.Deliverables.Content!.Pieces.Count);

        // Every part cleared: the draft commits to no deliverables, and says nothing of them.
        var cleared = FormOf(await manager.GetStringAsync(new Uri("/agreement/edit?version=1", UriKind.Relative)))
            .Where(f => f.Key.StartsWith("deliverables.", StringComparison.Ordinal) && !f.Key.EndsWith(".per", StringComparison.Ordinal) && !f.Key.EndsWith(".clock", StringComparison.Ordinal))
            .Select(f => (f.Key, f.Key == "deliverables.training.attendance" ? "not committed" : "")).ToArray();
        Says(await EditAsync(manager, 1, cleared), "Drafted #5, based on #1:");
        (text, terms, changes) = await DraftAsync(server, 5, 1);
        Assert.DoesNotContain("deliverables", text, StringComparison.Ordinal);
        Assert.True(terms.Deliverables.IsEmpty);
        Assert.All(changes, c => Assert.Equal(ChangeKind.Removed, c.Kind));
        Assert.Equal("active", await server.Scalar("SELECT status FROM agreements WHERE id = 1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EachBadField_IsRefusedByName_AndNothingIsStored(DatabaseKind kind)
    {
        await using var server = await StartAsync(kind);
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sal");

        var bad = await EditAsync(manager, 1,
            ("deliverables.content.pieces[1].count", "four"), ("deliverables.content.pieces[2].per", "fortnight"), ("deliverables.content.pieces[3].count", "0"),
            ("deliverables.content.pieces[4].count", "2"), ("deliverables.content.pieces[5].kind", "webinar"),
            ("deliverables.content.use.within", "soon"), ("deliverables.content.use.required", "150%"),
            ("deliverables.campaigns.launches.count", "many"), ("deliverables.campaigns.followUp.clock", "sometimes"), ("deliverables.campaigns.followUp.within", "2 fortnights"),
            ("deliverables.reports.feedback.within", ""), ("deliverables.reports.feedback.required", "90%"),
            ("deliverables.training.session.before", "-1 days"), ("deliverables.training.attendance", "maybe"));
        Says(bad, "Kind 1 count 'four' is not a whole number");
        Says(bad, "Kind 2 per 'fortnight' is not a period; write week, month, quarter or year");
        Says(bad, "Kind 3 count must be a whole number from 1 to 10,000 (got 0)");
        Says(bad, "Kind 4 is empty: name the kind, or clear its count to remove the row");
        Says(bad, "Kind 5 count is empty: enter a value");
        Says(bad, "Used within 'soon' is not a duration; write a whole number and a unit, e.g. 14 days or 2 weeks");
        Says(bad, "Pieces used in time a share must be between 0% and 100% (got 150%)");
        Says(bad, "Campaigns launched 'many' is not a whole number");
        Says(bad, "Follow-up clock 'sometimes' is not a clock; write wall (every hour counts, the default) or working (the calendar's working hours only)");
        Says(bad, "Campaign leads touched within '2 fortnights': unknown unit 'fortnights'; write minutes or hours, e.g. 30 minutes or 2 hours");
        Says(bad, "Reports with feedback in time is given but Feedback within is empty: fill it in, or clear this");
        Says(bad, "Session before a launch '-1 days' is not a duration; write a whole number and a unit, e.g. 14 days or 2 weeks");
        Says(bad, "Attendance 'maybe' is not a choice; write committed or not committed");
        // Every field kept as typed, so the person fixes only what is wrong.
        Assert.Contains("value=\"four\"", bad, StringComparison.Ordinal);
        Assert.Contains("value=\"2 fortnights\"", bad, StringComparison.Ordinal);

        // The domain's own checks, each on its field: a kind twice (ignoring case), counts out of range.
        Says(await EditAsync(manager, 1, ("deliverables.content.pieces[4].kind", "Blog Post"), ("deliverables.content.pieces[4].count", "1")), "Kind 4 'Blog Post' is listed twice");
        Says(await EditAsync(manager, 1, ("deliverables.content.use.touches", "0")), "Touches per piece must be 1 to 10,000 (got 0)");
        Says(await EditAsync(manager, 1, ("deliverables.reports.feedback.within", "0 days")), "Feedback within must be 1 to 3,660 days (got 0)");
        Says(await EditAsync(manager, 1, ("deliverables.campaigns.launches.count", "10001")), "Campaigns launched must be a whole number from 1 to 10,000 (got 10001)");
        Says(await EditAsync(manager, 1, ("deliverables.training.attendance", "not committed")), "Named reps attending is given but attendance is not committed: choose committed, or clear it");
        Says(await EditAsync(manager, 1, ("deliverables.campaigns.followUp.within", ""), ("deliverables.campaigns.followUp.required", "90%")),
            "Campaign leads touched in time is given but Campaign leads touched within is empty: fill it in, or clear this");
        // A good change beside a bad one is not stored either: the form is one draft or none.
        Says(await EditAsync(manager, 1, ("deliverables.content.pieces[1].count", "x"), ("tolerance", "15%")), "Kind 1 count 'x' is not a whole number");
        // Too many rows, even numbered past what an int holds, is the same refusal, not a failure.
        Says(await EditAsync(manager, 1, ("deliverables.content.pieces[101].kind", "webinar")), "Kind 100 is the last of the 100 kinds a form takes, and 101 rows were sent: split the edit");
        Says(await EditAsync(manager, 1, ("deliverables.content.pieces[99999999999].kind", "webinar")), "Kind 100 is the last of the 100 kinds a form takes, and 2147483647 rows were sent: split the edit");
        Assert.Equal(1L, Count(await server.Scalar("SELECT COUNT(*) FROM agreements")));
    }

    [Fact]
    public async Task ARoleThatMayNotEdit_IsRefused_AndAPostWithoutDeliverableFieldsKeepsThem()
    {
        await using var server = await StartAsync(DatabaseKind.Sqlite);
        using var manager = await server.SignedInAsync(Roles.Admin, userName: "ada");
        var html = await manager.GetStringAsync(new Uri("/agreement/edit?version=1", UriKind.Relative));
        foreach (var (role, rep) in new[] { (Roles.Viewer, (string?)null), (Roles.SalesRep, "rep-01") })
        {
            using var user = await server.SignedInAsync(role, rep, userName: role.Replace("-", "", StringComparison.Ordinal));
            Assert.StartsWith("/denied", (await user.GetAsync(new Uri("/agreement/edit?version=1", UriKind.Relative))).Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            var posted = FormOf(html);
            posted["version"] = "1";
            posted["deliverables.content.pieces[1].count"] = "9";
            posted["__RequestVerificationToken"] = ApiServer.Antiforgery(await user.GetStringAsync(new Uri("/agreement", UriKind.Relative)));
            using var refused = await user.PostAsync(new Uri("/agreement/edit", UriKind.Relative), new FormUrlEncodedContent(posted));
            Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
        Assert.Equal(1L, Count(await server.Scalar("SELECT COUNT(*) FROM agreements")));

        // A post with the calendar and sales' fields only (no deliverable field at all) keeps the deliverable commitments.
        var calendarOnly = FormOf(html).Where(f => !f.Key.StartsWith("deliverables.", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        calendarOnly["version"] = "1";
        calendarOnly["speedWithin"] = "1 hour";
        calendarOnly["__RequestVerificationToken"] = ApiServer.Antiforgery(html);
        using var response = await manager.PostAsync(new Uri("/agreement/edit", UriKind.Relative), new FormUrlEncodedContent(calendarOnly));
        using var followed = await ApiServer.FollowAsync(manager, response);
        Says(WebUtility.HtmlDecode(await followed.Content.ReadAsStringAsync()), "Drafted #2, based on #1: ");
        var (text, _, changes) = await DraftAsync(server, 2, 1);
        Assert.Contains("deliverables:\n  content:\n    pieces:\n      - kind: \"blog post\"\n        count: 4\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(changes, c => c.Key.StartsWith("deliverables.", StringComparison.Ordinal));
    }
}
