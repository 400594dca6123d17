using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The Pacing chart goes on from the last actual to the period's end with the projection and its
/// 90% interval, and ends on the very figures of the Projection card; on both engines.
/// </summary>
public sealed class PacingProjectionPageTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task TheChartsProjection_LeavesFromTheLastActual_AndEndsOnTheCardsFigures(DatabaseKind kind)
    {
        await using var server = await ApiServer.StartAsync(kind, clock: new NodaTime.Testing.FakeClock(ApiServer.DemoNow));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, ApiServer.DemoNow) { Months = 9 });
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        // Mid-month (the 18th of November): actuals to the as-of day, the projection after it.
        var html = await viewer.GetStringAsync(new Uri("/pacing?period=2026-11", UriKind.Relative));
        using var chart = JsonDocument.Parse(Regex.Match(html, "<script type=\"application/json\" data-chart=\"chart-pacing\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);
        var series = chart.RootElement.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("label").GetString()!, s => s);
        decimal?[] Values(string label) => [.. series[label].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal())];
        var actual = Values("Actual");
        var projection = Values("Projection");
        var low = Values("Projection: 90% low");
        var high = Values("Projection: 90% high");
        Assert.Equal(30, projection.Length);
        var asOf = Array.FindLastIndex(actual, v => v is not null);
        Assert.Equal(17, asOf);
        Assert.All(projection[..asOf], v => Assert.Null(v));
        Assert.Equal(actual[asOf], projection[asOf]);
        Assert.Equal(actual[asOf], low[asOf]);
        Assert.All(Enumerable.Range(asOf, 30 - asOf), i => Assert.True(low[i] <= projection[i] && projection[i] <= high[i]));
        Assert.All(Enumerable.Range(asOf + 1, 29 - asOf), i => Assert.True(projection[i] >= projection[i - 1]));
        Assert.True(series["Projection: 90% high"].GetProperty("fillToPrevious").GetBoolean());

        var card = Regex.Match(html, "aria-label=\"Projection\">.*?<p class=\"big\">([^<]+)</p>\\s*<p>likely between (\\d+) and (\\d+)", RegexOptions.Singleline);
        Assert.Equal(decimal.Parse(card.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture), Math.Round(projection[^1]!.Value, 1, MidpointRounding.AwayFromZero));
        Assert.Equal((long.Parse(card.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(card.Groups[3].Value, CultureInfo.InvariantCulture)), ((long)low[^1]!.Value, (long)high[^1]!.Value));

        // Today and Pacing name the rate needed alike: the demo paces by working days.
        Assert.Contains("<h2>Needed per working day</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Needed per working day from here: ", await viewer.GetStringAsync(new Uri("/?period=2026-11", UriKind.Relative)), StringComparison.Ordinal);

        // A period already over projects nothing.
        var past = await viewer.GetStringAsync(new Uri("/pacing?period=2026-10", UriKind.Relative));
        Assert.DoesNotContain("Projection: 90% low", past, StringComparison.Ordinal);
    }
}
