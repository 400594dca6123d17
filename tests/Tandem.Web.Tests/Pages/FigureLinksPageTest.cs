using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// From every figure to its leads (issue 21): each count on Today, Follow-up and Scorecard that
/// links to the lead list, followed, opens a list whose count is the figure (a p90's list holds the
/// rep's handoffs), on both engines; the scorecard's speed counts are its share; reps show by name.
/// </summary>
public class FigureLinksPageTest
{
    private static async Task<ApiServer> DemoServerAsync(DatabaseKind kind)
    {
        var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(400, 7, ApiServer.DemoNow) { Months = 9 });
        await using var connection = await server.Database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        return server;
    }

    private static readonly Regex Link = new("<a href=\"(/leads\\?[^\"]+)\" data-figure=\"([^\"]+)\"(?: data-rows=\"(\\d+)\")?>([^<]*)</a>", RegexOptions.Compiled);

    /// <summary>The list's count (the number it says matches).</summary>
    private static long Count(string html)
    {
        var m = Regex.Match(html, "data-count=\"(\\d+)\"");
        Assert.True(m.Success, "the list shows its count: " + Regex.Match(html, "class=\"problem\"[^<]*<?[^<]*").Value);
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Follows every figure's link on <paramref name="address"/> and compares the list's count with it; returns the figures' names.</summary>
    private static async Task<List<(string Figure, string Href, long Shown)>> CheckAsync(HttpClient browser, string address)
    {
        var html = await browser.GetStringAsync(new Uri(address, UriKind.Relative));
        var figures = new List<(string, string, long)>();
        foreach (Match m in Link.Matches(html))
        {
            var href = WebUtility.HtmlDecode(m.Groups[1].Value);
            var shown = m.Groups[3].Success ? long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)
                : long.Parse(Regex.Match(m.Groups[4].Value, "^[\\d,]+").Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var list = Count(await browser.GetStringAsync(new Uri(href, UriKind.Relative)));
            Assert.True(shown == list, $"{m.Groups[2].Value} on {address}: {shown}, its list {href} says {list}");
            figures.Add((m.Groups[2].Value, href, shown));
        }
        return figures;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EveryLinkedFigure_OpensAListOfExactlyThatMany(DatabaseKind kind)
    {
        await using var server = await DemoServerAsync(kind);
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var followUp = await CheckAsync(viewer, "/follow-up?period=2026-10");
        foreach (var figure in new[] { "speed-handoffs", "speed-never-touched", "speed-within", "depth-not-reached-7", "depth-not-reached-14", "depth-not-reached-30",
            "rep-handoffs", "rep-within", "rep-never-touched", "rep-p90-working", "rep-p90-wall", "rep-not-reached-7", "rep-not-reached-30" })
            Assert.Contains(followUp, f => f.Figure == figure);
        Assert.Contains(followUp, f => f.Figure.StartsWith("depth-not-reached", StringComparison.Ordinal) && f.Shown > 0);
        // A p90 opens the rep's handoffs sorted by the time it measures.
        Assert.Contains(followUp, f => f.Figure == "rep-p90-working" && f.Href.Contains("&sort=working", StringComparison.Ordinal) && f.Href.Contains("&rep=", StringComparison.Ordinal));
        Assert.Equal(followUp.Count(f => f.Figure == "rep-handoffs"), followUp.Count(f => f.Figure == "rep-p90-wall"));
        await CheckAsync(viewer, "/follow-up?period=2026&segment=SMB");

        var today = await CheckAsync(viewer, "/?period=2026-11");
        foreach (var figure in new[] { "marketing-delivered", "speed-handoffs", "speed-never-touched", "speed-within", "depth-not-reached-7" })
            Assert.Contains(today, f => f.Figure == figure);
        Assert.Contains(today, f => f.Figure == "marketing-delivered" && f.Shown > 0);

        var scorecard = await CheckAsync(viewer, "/scorecard?period=2026-11");
        Assert.Equal(6, scorecard.Count(f => f.Figure == "speed-judged"));
        Assert.Equal(6, scorecard.Count(f => f.Figure == "marketing-delivered"));

        // The speed cell's kept of judged is its share, period by period.
        ScorecardResult result;
        await using (var connection = await server.Database.OpenAsync())
        {
            var stored = (await AgreementStore.ActiveAsync(connection))!;
            result = await ScorecardQuery.RunAsync(connection, Tandem.Data.Agreements.AgreementFile.Parse(stored.Content, "stored"), Period.Parse("2026-11", "period"), 6, null, ApiServer.DemoNow);
        }
        var kept = scorecard.Where(f => f.Figure == "speed-kept").ToList();
        var judged = scorecard.Where(f => f.Figure == "speed-judged").ToList();
        for (var i = 0; i < 6; i++)
        {
            var line = result.Periods[i].Lines.Single(l => l.Commitment == "speed");
            Assert.Equal(judged[i].Shown == 0 ? null : new Fraction(kept[i].Shown, judged[i].Shown), line.Actual);
            Assert.Equal(result.Periods[i].Lines[0].Actual, Fraction.FromInteger(scorecard.Where(f => f.Figure == "marketing-delivered").ElementAt(i).Shown));
        }
    }

    [Fact]
    public async Task ASalesRepsFollowUp_OpensTheirLeads_AndRepsShowByName()
    {
        await using var server = await DemoServerAsync(DatabaseKind.Sqlite);
        await using (var connection = await server.Database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE reps SET name = 'Ada Lovelace' WHERE id = 'rep-02'; UPDATE reps SET name = NULL WHERE id = 'rep-03'";
            await command.ExecuteNonQueryAsync();
        }
        using var rep = await server.SignedInAsync(Roles.SalesRep, rep: "rep-02");
        var mine = await CheckAsync(rep, "/?period=2026-10");
        Assert.Contains(mine, f => f.Figure == "your-handoffs" && f.Shown > 0);
        var today = await rep.GetStringAsync(new Uri("/?period=2026-10", UriKind.Relative));
        Assert.Contains("Your follow-up (<span class=\"rep\" title=\"rep-02\" data-rep=\"rep-02\">Ada Lovelace</span>)", today, StringComparison.Ordinal);
        var ownQueue = await rep.GetStringAsync(new Uri("/breaches?period=2026-11", UriKind.Relative));
        Assert.Contains("for your leads (<span class=\"rep\" title=\"rep-02\" data-rep=\"rep-02\">Ada Lovelace</span>)", ownQueue, StringComparison.Ordinal);

        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var followUp = await viewer.GetStringAsync(new Uri("/follow-up?period=2026-10", UriKind.Relative));
        Assert.Contains("<th scope=\"row\"><span class=\"rep\" title=\"rep-02\" data-rep=\"rep-02\">Ada Lovelace</span></th>", followUp, StringComparison.Ordinal);
        // A rep without a name shows the id.
        Assert.Contains("<th scope=\"row\"><span class=\"rep\" data-rep=\"rep-03\">rep-03</span></th>", followUp, StringComparison.Ordinal);
        var breaches = await viewer.GetStringAsync(new Uri("/breaches?period=2026-11", UriKind.Relative));
        Assert.Contains("title=\"rep-02\" data-rep=\"rep-02\">Ada Lovelace</span>", breaches, StringComparison.Ordinal);
        Assert.Contains(">Ada Lovelace</option>", breaches, StringComparison.Ordinal);
    }
}
