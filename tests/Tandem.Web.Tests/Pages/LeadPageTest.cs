using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Accounts;
using Tandem.Data.Clocks;
using Tandem.Data.Demo;
using Tandem.Data.Store;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The lead page and the breach queue's timeline over the demo (agreement in New York, half the
/// reps in Berlin): each clock's deadline as stored, explained in the rep's zone, times named by
/// zone; 404 for an unknown lead and, for a sales rep, for another rep's lead.
/// </summary>
public class LeadPageTest
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static async Task<ApiServer> DemoServerAsync()
    {
        var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    /// <summary>A breached speed clock of a Berlin rep on a lead that rep-02 neither owns nor holds a clock of.</summary>
    private static async Task<StoredClock> BerlinBreachAsync(ApiServer server)
    {
        await using var connection = await server.Database.OpenAsync();
        var clocks = await StoredClock.ReadAsync(connection);
        var owners = new Dictionary<string, string?>();
        foreach (var c in clocks.Where(c => c.Commitment == "speed" && c.Rep == "rep-05" && c.Transitions[^1].State == Tandem.Domain.Clocks.ClockState.Breached))
        {
            var reps = clocks.Where(o => o.LeadId == c.LeadId).Select(o => o.Rep);
            var owner = (string?)await server.Scalar($"SELECT owner FROM leads WHERE source = 'default' AND id = '{c.LeadId.Replace("'", "''", StringComparison.Ordinal)}'");
            if (!reps.Contains("rep-02") && owner != "rep-02") return c;
        }
        throw new InvalidOperationException("the demo has a breached speed clock of rep-05");
    }

    private static string Local(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheLeadPage_ExplainsEachClock_WithTheStoredDeadline_InNamedZones()
    {
        await using var server = await DemoServerAsync();
        var clock = await BerlinBreachAsync(server);
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        using var response = await viewer.GetAsync(new Uri($"/leads/default/{Uri.EscapeDataString(clock.LeadId)}", UriKind.Relative));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page}");
        Assert.Contains($"<h1 id=\"lead-1\">Lead {clock.LeadId}", page, StringComparison.Ordinal);
        var match = Regex.Match(page, $"<tr data-clock=\"speed-{clock.Episode}\">(.*?)</tr>\\s*<tr class=\"why\" data-why=\"speed-{clock.Episode}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, "the speed clock's row and its reason");
        var row = match.Groups[1].Value + match.Groups[2].Value;
        Assert.Contains($"data-deadline=\"{clock.Due.ToUnixTimeMilliseconds()}\">{Local(clock.Due, NewYork)}", row, StringComparison.Ordinal);
        // The reason reads the Berlin rep's calendar and ends on the stored deadline, in Berlin time.
        var due = LocalDateTimePattern.Create("dddd d MMMM HH':'mm", CultureInfo.InvariantCulture).Format(clock.Due.InZone(Berlin).LocalDateTime);
        var handedOff = LocalDateTimePattern.Create("dddd d MMMM HH':'mm", CultureInfo.InvariantCulture).Format(clock.StartedAt.InZone(Berlin).LocalDateTime);
        Assert.Matches($"Handed off {handedOff} Europe/Berlin, (in working hours|before working hours|after working hours|in a break between working hours|a day without working hours|a holiday); ", row);
        Assert.Contains("30 working minutes from", row, StringComparison.Ordinal);
        Assert.Contains($": due {due}.", row, StringComparison.Ordinal);
        Assert.Contains("Handed off (America/New_York)", page, StringComparison.Ordinal);
        Assert.Contains("Times are in America/New_York, the agreement's zone", page, StringComparison.Ordinal);
        // The timeline has the handoff, the deadline with its working hours, the warning and the breach, in time order.
        var events = Regex.Matches(page, "<li class=\"event ([a-z]+)[^\"]*\">\\s*<span class=\"when\">([^<]+)</span>").Select(m => (Kind: m.Groups[1].Value, When: m.Groups[2].Value)).ToList();
        foreach (var kind in new[] { "handoff", "deadline", "warning", "breach", "stage" })
            Assert.Contains(events, e => e.Kind == kind);
        var dated = events.Where(e => e.When != "(no time)").Select(e => e.When).ToList();
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated);
        Assert.Contains("Speed: first touch due", page, StringComparison.Ordinal);
        Assert.Contains("Speed: breached", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownLeads_AndAnotherRepsLeadForASalesRep_AreNotFound_AndAForgottenLeadShowsNoErasedField()
    {
        await using var server = await DemoServerAsync();
        var clock = await BerlinBreachAsync(server);
        var path = new Uri($"/leads/default/{Uri.EscapeDataString(clock.LeadId)}", UriKind.Relative);

        using var viewer = await server.SignedInAsync(Roles.Viewer);
        using (var unknown = await viewer.GetAsync(new Uri("/leads/default/no-such-lead", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var otherSource = await viewer.GetAsync(new Uri($"/leads/elsewhere/{Uri.EscapeDataString(clock.LeadId)}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, otherSource.StatusCode);

        using var other = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02", userName: "luis");
        using (var refused = await other.GetAsync(path))
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var queue = await other.GetStringAsync(new Uri($"/breaches?lead={Uri.EscapeDataString(clock.LeadId)}&source=default", UriKind.Relative));
        Assert.DoesNotContain("lead-timeline", queue, StringComparison.Ordinal);
        Assert.Contains($"No lead &#x27;{clock.LeadId}&#x27; in source &#x27;default&#x27;.", queue, StringComparison.Ordinal);
        using var own = await server.SignedInAsync(Roles.SalesRep, rep: "rep-05", userName: "jonas");
        using (var allowed = await own.GetAsync(path))
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var name = (string)(await server.Scalar($"SELECT name FROM leads WHERE source = 'default' AND id = '{clock.LeadId}'"))!;
        await using (var connection = await server.Database.OpenAsync())
            await LeadOperations.ForgetAsync(connection, "default", clock.LeadId, ApiServer.DemoNow.ToUnixTimeMilliseconds());
        var forgotten = WebUtility.HtmlDecode(await viewer.GetStringAsync(path));
        Assert.DoesNotContain(name, forgotten, StringComparison.Ordinal);
        Assert.Contains("contact fields erased", forgotten, StringComparison.Ordinal);
        Assert.Contains($"data-deadline=\"{clock.Due.ToUnixTimeMilliseconds()}\"", forgotten, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBreachQueue_LinksEachLeadToItsPage_AndOpensItsTimelineInPlace()
    {
        await using var server = await DemoServerAsync();
        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sally");
        var queue = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri("/breaches?breached=any&show=all", UriKind.Relative)));
        Assert.Contains("Since / breaches at (America/New_York)", queue, StringComparison.Ordinal);
        var link = Regex.Match(queue, "<th scope=\"row\"><a href=\"/leads/default/([^\"]+)\">([^<]+)</a>.*?<small><a href=\"([^\"]+)\" aria-label=\"Why ", RegexOptions.Singleline);
        Assert.True(link.Success, "a queue row links its lead to the lead page");
        Assert.Equal(Uri.EscapeDataString(link.Groups[2].Value), link.Groups[1].Value);

        var inPlace = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(link.Groups[3].Value, UriKind.Relative)));
        Assert.Contains($"<h2 id=\"lead-2\">Lead {link.Groups[2].Value}", inPlace, StringComparison.Ordinal);
        Assert.Contains("working minutes", inPlace, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/leads/default/{link.Groups[1].Value}\">Open the lead page</a>", inPlace, StringComparison.Ordinal);

        var today = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains("Breaches at (America/New_York)", today, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\"><a href=\"/leads/default/[^\"]+\">", today);
    }
}
