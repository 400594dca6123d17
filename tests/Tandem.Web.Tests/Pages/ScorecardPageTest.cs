using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// Issue 20 on the Scorecard page: the demo company on the third day of a month. Every cell shows
/// its line's status as the scorecard query judges it; the month in progress has no missed line;
/// shares show as percentages, never as 0.9, and one below its target never as equal to it.
/// </summary>
public class ScorecardPageTest
{
    private static readonly NodaTime.Instant ThirdDay = NodaTime.Instant.FromUtc(2026, 12, 3, 11, 0);

    [Fact]
    public async Task OnTheThirdDay_EveryCellShowsItsStatus_AndTheMonthSoFarHasNoMissedLine()
    {
        await using var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(ThirdDay));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ThirdDay) { Months = 9 });
        ScorecardResult expected;
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, ThirdDay, null, default);
            var agreement = Tandem.Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "stored");
            expected = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 12), 6, null, ThirdDay);
        }
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        using var response = await viewer.GetAsync(new Uri("/scorecard", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<th scope=\"col\" role=\"columnheader\">2026-12 so far</th>", html, StringComparison.Ordinal);
        var cells = Regex.Matches(html, "<td role=\"cell\" data-period=\"([^\"]+)\" data-status=\"([^\"]+)\"[^>]*>\\s*<span class=\"status [^\"]+\">([^<]+)</span>\\s*<span class=\"figure\">([^<]+)</span>")
            .Select(m => (Period: m.Groups[1].Value, Status: m.Groups[2].Value, Word: m.Groups[3].Value, Figure: m.Groups[4].Value)).ToList();
        var lines = expected.Periods.SelectMany(p => p.Lines.Select(l => (Period: p.Period.ToString(), Line: l))).ToList();
        Assert.Equal(lines.Count, cells.Count);

        // Row by row, period by period: the page's status is the query's, and its figure as every view prints it.
        var rows = expected.Periods[0].Lines.Count;
        for (var i = 0; i < rows; i++)
            for (var p = 0; p < expected.Periods.Count; p++)
            {
                var line = expected.Periods[p].Lines[i];
                var cell = cells[i * expected.Periods.Count + p];
                Assert.Equal((expected.Periods[p].Period.ToString(), ScorecardStatus.Word(line.Status)), (cell.Period, cell.Status));
                Assert.Equal(cell.Status, cell.Word);
                if (line.Measure == ScorecardMeasure.Share && line.Actual is { } share)
                {
                    Assert.Matches("^[0-9]+\\.[0-9]%$", cell.Figure);
                    // A share below its target prints below the target's percentage; one at or above it, not below.
                    var shown = decimal.Parse(cell.Figure.TrimEnd('%'), CultureInfo.InvariantCulture);
                    var target = decimal.Parse(Tandem.Reports.ScorecardFigures.TargetPercent(line.Target).TrimEnd('%'), CultureInfo.InvariantCulture);
                    Assert.Equal(share < line.Target!.Value, shown < target);
                }
            }

        var december = cells.Where(c => c.Period == "2026-12").ToList();
        Assert.NotEmpty(december);
        Assert.DoesNotContain(december, c => c.Status is "missed" or "met");
        Assert.DoesNotContain(cells, c => Regex.IsMatch(c.Figure, "^[01](\\.[0-9]+)?$"));   // a share as a bare fraction (0.9)
        Assert.Contains("(needs 90.0%)", html, StringComparison.Ordinal);
    }
}
