using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Pages;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Periods (issue 22): the shared filter's picker steps to the previous and next period keeping
/// every other value of the address, offers the agreement's kind of period (months, or quarters),
/// and a bad period keeps its clear message; the lead list takes a date range (from, to, inclusive)
/// whose parts add up to the period's count, on both engines, and a bad or reversed range names its field.
/// </summary>
public class PeriodPickerPageTest
{
    private static long Count(string html) => long.Parse(Regex.Match(html, "data-count=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Href(string html, string rel) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<a class=\"period-step\" rel=\"{rel}\" href=\"([^\"]+)\"").Groups[1].Value);

    [Fact]
    public void TheOptionsAreTwoYearsOfTheAgreementsPeriods_AndTheOneShown()
    {
        var november = Period.Month(2026, 11);
        var months = PeriodPicker.Options(november, november);
        Assert.Equal(26, months.Count);
        Assert.Equal(Period.Month(2026, 12), months[0]);
        Assert.Equal(Period.Month(2024, 11), months[^1]);
        Assert.Contains(Period.Month(2020, 1), PeriodPicker.Options(Period.Month(2020, 1), november));
        var quarters = PeriodPicker.Options(Period.Quarter(2026, 4), Period.Quarter(2026, 4));
        Assert.Equal([Period.Quarter(2027, 1), Period.Quarter(2026, 4), Period.Quarter(2026, 3)], quarters.Take(3));
        Assert.Equal(10, quarters.Count);
        Assert.Equal("November 2026", PeriodPicker.Words(november));
        Assert.Equal("2026 Q4", PeriodPicker.Words(Period.Quarter(2026, 4)));
        // Past the last year a period may name there is no next.
        Assert.Null(PeriodPicker.Step(Period.Month(9998, 12), 1));
        Assert.Null(PeriodPicker.Step(Period.Month(1900, 1), -1));
    }

    [Fact]
    public async Task ThePickerStepsKeepingEveryOtherValue_OnEveryPageWithFilters()
    {
        await using var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(200, 7, ApiServer.DemoNow) { Months = 3 });
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        foreach (var path in new[] { "/", "/pacing", "/follow-up", "/scorecard" })
        {
            var html = await viewer.GetStringAsync(new Uri($"{path}?period=2026-11&segment=Enterprise&view=table&cursor=abc", UriKind.Relative));
            Assert.Equal($"{path}?period=2026-10&segment=Enterprise&view=table", Href(html, "prev"));
            Assert.Equal($"{path}?period=2026-12&segment=Enterprise&view=table", Href(html, "next"));
            Assert.Contains("<option value=\"2026-11\" selected=\"selected\">November 2026 (now)</option>", html, StringComparison.Ordinal);
            Assert.Contains("<input type=\"hidden\" name=\"view\" value=\"table\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"cursor\"", html, StringComparison.Ordinal);
        }
        // A period older than the select's two years is offered too, and stepping from it works.
        var old = await viewer.GetStringAsync(new Uri("/pacing?period=2023-01", UriKind.Relative));
        Assert.Contains("<option value=\"2023-01\" selected=\"selected\">January 2023</option>", old, StringComparison.Ordinal);
        Assert.Equal("/pacing?period=2022-12", Href(old, "prev"));
        // A bad period keeps today's clear message, and the picker stands on the current period.
        var bad = await viewer.GetStringAsync(new Uri("/pacing?period=2026-13", UriKind.Relative));
        Assert.Contains("Period: month 13 is not 01-12.", bad, StringComparison.Ordinal);
        Assert.Equal("/pacing?period=2026-10", Href(bad, "prev"));
        var words = await viewer.GetStringAsync(new Uri("/?period=soon", UriKind.Relative));
        Assert.Contains("Period: &#x27;soon&#x27; is not a period", words, StringComparison.Ordinal);

        // An agreement measured by the quarter: the picker offers quarters and steps a quarter.
        var quarterly = """
            schemaVersion: 1
            name: Quarterly
            period: 2026-Q4
            quota: 500000
            dealSize: 2000
            closeRate: 20%
            """;
        await using var fresh = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await using (var connection = await fresh.Database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "Quarterly", "2026-Q4", quarterly, ApiServer.DemoNow.ToUnixTimeMilliseconds());
        using var quarterViewer = await fresh.SignedInAsync(Roles.Viewer);
        var q = await quarterViewer.GetStringAsync(new Uri("/pacing", UriKind.Relative));
        Assert.Contains("<option value=\"2026-Q4\" selected=\"selected\">2026 Q4 (now)</option>", q, StringComparison.Ordinal);
        Assert.Equal("/pacing?period=2026-Q3", Href(q, "prev"));
        Assert.Equal("/pacing?period=2027-Q1", Href(q, "next"));
        Assert.DoesNotContain("value=\"2026-11\"", q, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheLeadListsDateRange_SplitsThePeriodsCount_AndABadRangeNamesItsField(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(300, 7, ApiServer.DemoNow) { Months = 3 });
        await using (var connection = await server.Database.OpenAsync())
            await Tandem.Data.Projection.Projector.RunAsync(connection, ApiServer.DemoNow, null, default);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        async Task<long> CountAsync(string query) => Count(await viewer.GetStringAsync(new Uri("/leads?" + query, UriKind.Relative)));

        // Handoffs: the month's days as a range are the month; two ranges that split it add up to it.
        var october = await CountAsync("period=2026-10");
        Assert.True(october > 20, $"the demo's October has {october} handoffs");
        Assert.Equal(october, await CountAsync("from=2026-10-01&to=2026-10-31"));
        var early = await CountAsync("from=2026-10-01&to=2026-10-12");
        var late = await CountAsync("from=2026-10-13&to=2026-10-31");
        Assert.True(early > 0 && late > 0);
        Assert.Equal(october, early + late);
        // Either end open: everything up to a day, and everything from the next, is every handoff.
        Assert.Equal(await CountAsync("period=any"), await CountAsync("to=2026-10-12") + await CountAsync("from=2026-10-13"));
        // A single day: its handoffs are all dated that day.
        var day = await viewer.GetStringAsync(new Uri("/leads?from=2026-10-13&to=2026-10-13", UriKind.Relative));
        Assert.Contains("handoffs of 2026-10-13 to 2026-10-13", day, StringComparison.Ordinal);
        // Lists of leads (a stage entered) take the range too.
        var entered = await CountAsync("period=2026-10&stage=MQL");
        Assert.Equal(entered, await CountAsync("stage=MQL&from=2026-10-01&to=2026-10-12") + await CountAsync("stage=MQL&from=2026-10-13&to=2026-10-31"));
        // Next keeps the range.
        var page = await viewer.GetStringAsync(new Uri("/leads?from=2026-09-01&to=2026-11-30", UriKind.Relative));
        Assert.Matches("<a href=\"[^\"]*from=2026-09-01&amp;to=2026-11-30[^\"]*\" rel=\"next\">", page);

        foreach (var (query, problem) in new[]
        {
            ("from=2026-10-32", "From: &#x27;2026-10-32&#x27; is not a date (YYYY-MM-DD)."),
            ("from=2026-10-01&to=yesterday", "To: &#x27;yesterday&#x27; is not a date (YYYY-MM-DD)."),
            ("from=2026-10-12&to=2026-10-01", "To: 2026-10-01 is before from (2026-10-12); give the first day in from and the last in to."),
        })
        {
            var html = await viewer.GetStringAsync(new Uri("/leads?" + query, UriKind.Relative));
            Assert.Contains(problem, html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-count", html, StringComparison.Ordinal);
        }
    }
}
