using System.Net;
using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Tests.Pages;

/// <summary>The plan page: the agreement's inputs as a what-if, computed on the server with the exact arithmetic of tandem plan.</summary>
public class PlanPageTest
{
    // The seeds' worked example: 500,000 / 2,000 = 250 customers; MQL 1/3, SQL 82%, Opportunity 23%: 3,978 MQLs.
    private const string Example = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - { stage: MQL, rate: 1/3 }\n  - { stage: SQL, rate: 82% }\n  - { stage: Opportunity, rate: 23% }\n";

    private static async Task<ApiServer> ServerAsync(string agreement = Example)
    {
        var server = await ApiServer.StartAsync();
        await using var connection = await server.Database.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", agreement, 1);
        return server;
    }

    private static string Figure(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "data-figure=\"leads-needed\">([^<]+)<").Groups[1].Value;

    [Fact]
    public async Task ThePlan_AsAgreed_ThenAsTyped_WithTheRateThatMovesTheGoalMost()
    {
        await using var server = await ServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var agreed = await viewer.GetStringAsync(new Uri("/plan", UriKind.Relative));
        Assert.Equal("3,978", Figure(agreed));
        Assert.Contains("the same as the agreement&#x27;s 3,978", agreed, StringComparison.Ordinal);
        Assert.Contains("value=\"33.33%\"", agreed, StringComparison.Ordinal); // 1/3 shown rounded, kept exact unless edited
        Assert.Contains("Raising <strong>Opportunity -&gt; Customer</strong> from 23% to 24% would need <strong>165</strong> fewer leads.", agreed, StringComparison.Ordinal);

        // The form sent back untouched changes nothing (33.33% as shown is not taken for 1/3's replacement).
        var untouched = await viewer.GetStringAsync(new Uri("/plan?quota=500000&marketingShare=100%25&dealSize=2000&rate.0=33.33%25&rate.1=82%25&rate.2=23%25&step=1", UriKind.Relative));
        Assert.Equal("3,978", Figure(untouched));

        // Quota 600,000: 300 customers, 1,305 opportunities, 1,592 SQLs, 4,776 MQLs.
        var typed = await viewer.GetStringAsync(new Uri("/plan?quota=600000", UriKind.Relative));
        Assert.Equal("4,776", Figure(typed));
        Assert.Contains("798 more than the agreement&#x27;s 3,978", typed, StringComparison.Ordinal);
        // Opportunity at 25% instead: 1,000 opportunities, 1,220 SQLs, 3,660 MQLs.
        Assert.Equal("3,660", Figure(await viewer.GetStringAsync(new Uri("/plan?rate.2=25%25", UriKind.Relative))));
        // Five points at a time: Opportunity 28%: 893, 1,090, 3,270 (-708).
        Assert.Contains("from 23% to 28% would need <strong>708</strong> fewer leads", await viewer.GetStringAsync(new Uri("/plan?step=5", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputs_AreNamedFieldByField_AndNothingIsComputed()
    {
        await using var server = await ServerAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var bad = await viewer.GetStringAsync(new Uri("/plan?quota=-5&rate.1=140&dealSize=", UriKind.Relative));

        Assert.Contains("aria-invalid=\"true\"", bad, StringComparison.Ordinal);
        Assert.Contains("Sales quota ", bad, StringComparison.Ordinal);
        Assert.Contains("&#x27;140&#x27; is ambiguous: write 140% for a percentage", bad, StringComparison.Ordinal);
        Assert.Contains("Average deal size is empty: enter a value", bad, StringComparison.Ordinal);
        Assert.Equal("", Figure(bad));

        // Segment shares that no longer sum to 100% are refused as a whole, naming the field.
        await using var segmented = await ServerAsync(Example + "segments:\n  - { name: SMB, share: 40% }\n  - { name: Enterprise, share: 60% }\n");
        using var other = await segmented.SignedInAsync(Roles.Viewer);
        var shares = await other.GetStringAsync(new Uri("/plan?share.0=50%25", UriKind.Relative));
        Assert.Contains("segments", shares, StringComparison.Ordinal);
        Assert.Contains("100%", shares, StringComparison.Ordinal);
        Assert.Equal("", Figure(shares));
        // Lead type mixes that no longer sum to 100% are named in the form's words, not by the file key leadTypes (issue 22).
        await using var typed2 = await ServerAsync(Example + "leadTypes:\n  - { name: Ebook, generatedBy: marketing, mix: 40% }\n  - { name: Demo, generatedBy: marketing, mix: 60% }\n");
        using var mixer = await typed2.SignedInAsync(Roles.Viewer);
        var mixes = System.Net.WebUtility.HtmlDecode(await mixer.GetStringAsync(new Uri("/plan?mix.0=50%25", UriKind.Relative)));
        Assert.Contains("Lead type mix: marketing lead type mixes sum to 110%, not 100%.", mixes, StringComparison.Ordinal);
        Assert.DoesNotContain("leadTypes:", mixes, StringComparison.Ordinal);

        // Segments sharing the funnel and deal size change nothing: rounded once on the totals, 3,978 as without them, whichever way the shares are written.
        Assert.Equal("3,978", Figure(await other.GetStringAsync(new Uri("/plan", UriKind.Relative))));
        Assert.Equal("3,978", Figure(await other.GetStringAsync(new Uri("/plan?share.0=0.4&share.1=3/5", UriKind.Relative))));
    }

    [Fact]
    public async Task DemoAgreement_RoundsOnce_ShowsExactNeedsCellByCell_AndTheUnusedDealSizeSaysSo()
    {
        var text = Tandem.Data.Demo.DemoAgreement.Text(new Tandem.Data.Demo.DemoOptions(6000, 1, NodaTime.Instant.FromUtc(2026, 11, 24, 15, 0)));
        var quota = text.Split('\n').Single(l => l.StartsWith("quota: ", StringComparison.Ordinal));
        await using var server = await ServerAsync(text.Replace(quota, "quota: 80000", StringComparison.Ordinal));
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var page = await viewer.GetStringAsync(new Uri("/plan", UriKind.Relative));

        // Issue 19: 636 MQLs when each of the 12 cells rounded up on its own; 10 customers, 34, 85, 340 rounded once.
        Assert.Equal("340", Figure(page));
        Assert.Contains("<tr><th scope=\"row\">MQL</th><td class=\"num\">340</td><td class=\"num\">304.89</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Customer</th><td class=\"num\">10</td><td class=\"num\">9.15</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Enterprise</th><td class=\"num\">16,800.00</td><td class=\"num\">0 (exact 0.28)</td><td class=\"num\">11 (exact 9.33)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Enterprise</th><td>Demo request</td><td class=\"num\">0 (exact 0.04)</td><td class=\"num\">2 (exact 1.40)</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">SMB</th><td>Ebook</td><td class=\"num\">3 (exact 2.80)</td><td class=\"num\">104 (exact 93.33)</td></tr>", page, StringComparison.Ordinal);
        // Every segment has its own deal size: the agreement's 9,000 is shown disabled, with why, and typing it changes nothing.
        Assert.Matches("<input id=\"f-dealSize\" value=\"9000\" disabled[^>]*data-unused=\"true\">", page);
        Assert.Contains("not used: every segment has its own deal size", page, StringComparison.Ordinal);
        Assert.Equal("340", Figure(await viewer.GetStringAsync(new Uri("/plan?dealSize=5000", UriKind.Relative))));
        // The what-if (quota 100,000, MQL -> SQL 20%, 880 leads before): 12 customers, 40, 100, 500.
        Assert.Equal("500", Figure(await viewer.GetStringAsync(new Uri("/plan?quota=100000&rate.0=20%25", UriKind.Relative))));
    }

    [Fact]
    public async Task Capacity_WarnsWhenTheTeamCannotFollowUpThePlan_AndSaysWhatWouldFixIt()
    {
        // 10 reps x 40 h x 50% over the period's working weeks, 6 attempts of 10 minutes a lead: far short of 3,978 leads.
        await using var server = await ServerAsync(Example + "sales:\n  depth: { attempts: 6, cadence: [{ attempts: 6, within: 28 }] }\ncapacity:\n  minutesPerAttempt: 10\n  reps: 10\n  hoursPerWeek: 40\n  marketingShare: 50%\n");
        using var viewer = await server.SignedInAsync(Roles.Viewer);

        var page = await viewer.GetStringAsync(new Uri("/plan", UriKind.Relative));
        Assert.Contains("data-capacity=\"infeasible\"", page, StringComparison.Ordinal);
        Assert.Matches("marketing would commit 3,978 leads, but all reps can follow up [\\d,]+ as committed in \\d{4}-\\d{2}\\. \\d+ more reps or [\\d,]+ fewer leads would make it feasible", page);

        // A quota a tenth as big (398 leads) fits.
        var smaller = await viewer.GetStringAsync(new Uri("/plan?quota=50000", UriKind.Relative));
        Assert.Contains("data-capacity=\"feasible\"", smaller, StringComparison.Ordinal);

        await using var bare = await ServerAsync(Example + "capacity:\n  minutesPerAttempt: 10\n");
        using var other = await bare.SignedInAsync(Roles.Viewer);
        Assert.Contains("Capacity not checked: no rep in the store has weekly hours", await other.GetStringAsync(new Uri("/plan", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnAgreement_ThePageSaysWhatToDo()
    {
        await using var server = await ApiServer.StartAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        using var response = await viewer.GetAsync(new Uri("/plan", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No agreement is stored yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
