using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Tests.Pages;

/// <summary>
/// The plan page takes a value shown rounded with its exact value beside it (<c>rate.0=20.75%</c>
/// and <c>rate.0.exact=487/2347</c>, as the recalibration hands its proposal over): the plan uses
/// the exact value while the input shows it, and what the user types once they type over it.
/// </summary>
public class PlanExactValuesTest
{
    // The seeds' worked example: MQL 1/3, SQL 82%, Opportunity 23%: 3,978 MQLs.
    private const string Example = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - { stage: MQL, rate: 1/3 }\n  - { stage: SQL, rate: 82% }\n  - { stage: Opportunity, rate: 23% }\n";

    private static string Figure(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "data-figure=\"leads-needed\">([^<]+)<").Groups[1].Value;

    [Fact]
    public async Task AShownValue_WithItsExactValueBeside_PlansExactly_UntilTypedOver()
    {
        await using var server = await ApiServer.StartAsync();
        await using (var connection = await server.Database.OpenAsync())
            await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Example, 1);
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        Task<string> Get(string query) => viewer.GetStringAsync(new Uri("/plan?" + query, UriKind.Relative));

        // 487/2347 shows as 20.75%; the plan is the exact rate's, not 20.75%'s, and the input shows 20.75% with the exact value hidden beside it.
        var exact = await Get("rate.0=20.75%25&rate.0.exact=487%2F2347&dealSize=11941.57&dealSize.exact=74037741%2F6200");
        var byRatio = await Get("rate.0=487%2F2347&dealSize=74037741%2F6200");
        Assert.Equal(Figure(byRatio), Figure(exact));
        // Where rounding matters: 24.99999% shows as 25%, and 250 customers need 1,001 opportunities at it, 1,000 at 25%.
        Assert.Equal("3,660", Figure(await Get("rate.2=25%25")));
        Assert.Equal("3,663", Figure(await Get("rate.2=25%25&rate.2.exact=2499999%2F10000000")));
        Assert.Contains("id=\"f-rate-0\" name=\"rate.0\" value=\"20.75%\"", exact, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"rate.0.exact\" value=\"487/2347\">", exact, StringComparison.Ordinal);
        Assert.Contains("id=\"f-dealSize\" name=\"dealSize\" value=\"11941.57\"", exact, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"dealSize.exact\" value=\"74037741/6200\">", exact, StringComparison.Ordinal);

        // Typed over: what is typed counts, and the exact value is no longer carried.
        var typedOver = await Get("rate.0=30%25&rate.0.exact=487%2F2347");
        Assert.Equal(Figure(await Get("rate.0=30%25")), Figure(typedOver));
        Assert.DoesNotContain("rate.0.exact", typedOver, StringComparison.Ordinal);

        // An exact value that differs from the agreement's though both show 33.33% is a change, not the agreement's 1/3.
        Assert.Equal(Figure(await Get("rate.0=3333%2F10000")), Figure(await Get("rate.0=33.33%25&rate.0.exact=3333%2F10000")));
        Assert.NotEqual("3,978", Figure(await Get("rate.0=33.33%25&rate.0.exact=3333%2F10000")));

        // An exact value that cannot be read is named with the field, and nothing is planned.
        var bad = await Get("rate.0=20.75%25&rate.0.exact=lots");
        Assert.Contains("MQL -&gt; SQL carries an exact value &#x27;lots&#x27; that cannot be used", bad, StringComparison.Ordinal);
        Assert.Equal("", Figure(bad));
    }
}
