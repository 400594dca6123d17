using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 20, point 3, on Today and Follow-up: speed's median and 90th percentile labelled in working
/// and wall-clock time; depth judged at the end of the cadence's first step over the leads old enough,
/// "not judged yet" on the month's third day (the demo's first step is 14 days), a percentage for a
/// month whose first steps have ended, the same figures the depth query gives.
/// </summary>
public class FollowUpHeadlinesPageTest
{
    private static readonly NodaTime.Instant ThirdDay = NodaTime.Instant.FromUtc(2026, 12, 3, 11, 0);

    private static string Figure(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-figure=\"{name}\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value);

    [Fact]
    public async Task TodayAndFollowUp_LabelBothTimes_AndJudgeDepthOnlyOverLeadsOldEnough()
    {
        await using var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ThirdDay));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ThirdDay) { Months = 9 });
        DepthResult december, october;
        SpeedResult speed;
        FirstStepWords words;
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, ThirdDay, null, default);
            var agreement = Tandem.Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "stored");
            words = FollowUpWords.FirstStep(agreement);
            december = await FollowUpQuery.DepthAsync(connection, Period.Month(2026, 12), null, ThirdDay);
            october = await FollowUpQuery.DepthAsync(connection, Period.Month(2026, 10), null, ThirdDay);
            speed = await FollowUpQuery.SpeedAsync(connection, Period.Month(2026, 12), null);
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var today = await viewer.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("at 14 days", words.At);
        // Speed: both medians, each labelled, and the 90th percentile the same way.
        Assert.Equal(FollowUpWords.Median(speed.Total), Figure(today, "speed-median"));
        Assert.Matches("^Median: .+ working time, .+ wall-clock$", Figure(today, "speed-median"));
        Assert.Matches("^90th percentile: .+ working time, .+ wall-clock$", Figure(today, "speed-p90"));
        // Depth on the third day: nothing handed off in December is 14 days old, so no percentage, and the leads waiting are counted.
        Assert.Equal(0, december.FirstStep.OldEnough);
        Assert.True(december.FirstStep.Younger > 0);
        Assert.Equal("not judged yet", Figure(today, "depth-headline"));
        Assert.Equal($"({december.FirstStep.Younger:N0} leads younger than 14 days)", Figure(today, "depth-basis"));
        Assert.DoesNotContain("on cadence at 7 days", today, StringComparison.Ordinal);

        // October, all its first steps ended: a percentage over the leads judged, and the basis names them and the handoffs old enough.
        var follow = await viewer.GetStringAsync(new Uri("/follow-up?period=2026-10", UriKind.Relative));
        var first = october.FirstStep;
        Assert.True(first.Leads > 0 && first.Younger == 0);
        Assert.Equal($"{Figures.Percent(first.OnCadenceShare)} on cadence at 14 days", Regex.Replace(Figure(follow, "depth-headline"), "<[^>]+>", "").Replace("  ", " ", StringComparison.Ordinal).Trim());
        Assert.Equal($"judged over {first.Leads:N0} lead{(first.Leads == 1 ? "" : "s")} not reached by day 14, of {first.OldEnough:N0} handed off at least 14 days ago", Figure(follow, "depth-basis"));
        Assert.Contains("data-table=\"DepthFirstStep\"", follow, StringComparison.Ordinal);
    }
}
