using System.Text.Json;

namespace Tandem.Cli.Tests;

public class PlanCommandTest
{
    [Fact]
    public async Task Plan_SeedsExampleAsJson_GivesTheArticlesFigures()
    {
        var json = (await CliRun.Of("plan", "--quota", "500000", "--deal-size", "2000",
            "--stage", "MQL=1/3", "--stage", "SQL=82%", "--stage", "Opportunity=23%", "--format", "json")).Json();

        Assert.Equal(250, json.GetProperty("customers").GetInt64());
        Assert.Equal(3978, json.GetProperty("leadsNeeded").GetInt64());
        Assert.Equal(125.69m, json.GetProperty("valuePerLead").GetDecimal());
        Assert.Equal(500000m, json.GetProperty("marketingRevenueGoal").GetDecimal());
        var stages = json.GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString(), s.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("MQL", 3978L), ("SQL", 1326L), ("Opportunity", 1087L)], stages);
    }

    [Fact]
    public async Task Plan_Json_GivesEachStagesExactNeed_AsSixPlacesAndAsARatio()
    {
        var json = (await CliRun.Of("plan", "--example", "--format", "json")).Json();

        var stages = json.GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("exact").GetString(), s.GetProperty("exactRatio").GetString())).ToList();
        // 250 customers / 23% = 25,000/23 opportunities; / 82% = 1,250,000/943 SQLs; / (1/3) = 3,750,000/943 MQLs.
        Assert.Equal([("3976.670201", "3750000/943"), ("1325.556734", "1250000/943"), ("1086.956522", "25000/23")], stages);
        Assert.Equal("250.000000", json.GetProperty("customersExact").GetString());
        Assert.Equal("3976.670201", json.GetProperty("leadsExact").GetString());
    }

    [Fact]
    public async Task Plan_DemoAgreement_RoundsOnceOnTheTotals_AndShowsEveryPartsExactCustomers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tandem-plan-{Guid.NewGuid():N}.yaml");
        var text = Tandem.Data.Demo.DemoAgreement.Text(new Tandem.Data.Demo.DemoOptions(6000, 1, NodaTime.Instant.FromUtc(2026, 11, 24, 15, 0)));
        await File.WriteAllTextAsync(path, text);
        try
        {
            var json = (await CliRun.Of("plan", "--agreement", path, "--quota", "80000", "--format", "json")).Json();

            Assert.Equal(10, json.GetProperty("customers").GetInt64());
            Assert.Equal([340L, 85, 34], json.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("count").GetInt64()));
            Assert.Equal("2744/9", json.GetProperty("stages")[0].GetProperty("exactRatio").GetString()); // 304.89 MQLs
            var segments = json.GetProperty("segments").EnumerateArray().ToList();
            Assert.Equal([("SMB", 8L, "7.000000"), ("Mid-Market", 2, "1.866667"), ("Enterprise", 0, "0.280000")],
                segments.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("customers").GetInt64(), s.GetProperty("customersExact").GetString())));
            var enterpriseEbook = segments[2].GetProperty("leadTypes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Ebook");
            Assert.Equal((0L, "0.112000", 4L), (enterpriseEbook.GetProperty("customers").GetInt64(), enterpriseEbook.GetProperty("customersExact").GetString(), enterpriseEbook.GetProperty("leadsNeeded").GetInt64()));
            Assert.Equal([("Demo request", "1.372000"), ("Webinar", "2.286667"), ("Ebook", "3.658667"), ("Paid social", "1.829333")],
                json.GetProperty("leadTypes").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("customersExact").GetString())));
            Assert.Equal(340, segments.Sum(s => s.GetProperty("leadTypes").EnumerateArray().Sum(c => c.GetProperty("leadsNeeded").GetInt64())));

            var table = await CliRun.Of("plan", "--agreement", path, "--quota", "80000");
            Assert.Contains("9,000.00 (not used: every segment has its own)", table.Output, StringComparison.Ordinal);
            Assert.Contains("0 (exact 0.28)", table.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Plan_FunnelsNamingOtherStages_AreRefusedWithFileLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tandem-plan-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "schemaVersion: 1\nname: Mixed\nperiod: 2026-11\nquota: 100000\ndealSize: 2000\nfunnel:\n  - stage: MQL\n    rate: 1/3\n"
            + "segments:\n  - name: SMB\n    share: 60%\n  - name: Enterprise\n    share: 40%\n    funnel:\n      - stage: Lead\n        rate: 5%\n");
        try
        {
            var run = await CliRun.Of("plan", "--agreement", path);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(run.ErrorLines, l => l.Contains($"{Path.GetFileName(path)}:15: segments[2].funnel: names the stages Lead -> Customer, but the agreement's funnel names MQL -> Customer", StringComparison.Ordinal));
            Assert.Equal("", run.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Plan_CountsAreJsonIntegers()
    {
        var json = (await CliRun.Of("plan", "--example", "--format", "json")).Json();

        Assert.DoesNotContain(".", json.GetProperty("customers").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(".", json.GetProperty("leadsNeeded").GetRawText(), StringComparison.Ordinal);
        foreach (var stage in json.GetProperty("stages").EnumerateArray())
            Assert.DoesNotContain(".", stage.GetProperty("count").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_SimpleFormWithMarketingShare_IsExact()
    {
        var json = (await CliRun.Of("plan", "--quota", "1000000", "--marketing-share", "60%",
            "--deal-size", "10000", "--close-rate", "20%", "--format", "json")).Json();

        Assert.Equal(600000m, json.GetProperty("marketingRevenueGoal").GetDecimal());
        Assert.Equal(60, json.GetProperty("customers").GetInt64());
        Assert.Equal(300, json.GetProperty("leadsNeeded").GetInt64());
        var stage = Assert.Single(json.GetProperty("stages").EnumerateArray());
        Assert.Equal("Lead", stage.GetProperty("name").GetString());
        Assert.Equal(300, stage.GetProperty("count").GetInt64());
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("20%")]
    [InlineData("1/5")]
    [InlineData("one in five")]
    [InlineData("1 in 5")]
    public async Task Plan_CloseRateInEveryNotation_GivesTheSameLeads(string rate)
    {
        var json = (await CliRun.Of("plan", "--quota", "1,000,000", "--marketing-share", "0.6",
            "--deal-size", "10000", "--close-rate", rate, "--format", "json")).Json();

        Assert.Equal(300, json.GetProperty("leadsNeeded").GetInt64());
    }

    [Fact]
    public async Task Plan_Example_PrintsAReadableTable()
    {
        var run = await CliRun.Of("plan", "--example");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Leads needed", run.Output, StringComparison.Ordinal);
        Assert.Contains("3,978", run.Output, StringComparison.Ordinal);
        Assert.Contains("1,326", run.Output, StringComparison.Ordinal);
        Assert.Contains("1,087", run.Output, StringComparison.Ordinal);
        Assert.Contains("125.69", run.Output, StringComparison.Ordinal);
        Assert.Contains("33.33%", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Plan_ZeroMarketingShare_NeedsNoLeadsAndPrintsNoValuePerLead()
    {
        var json = (await CliRun.Of("plan", "--example", "--marketing-share", "0%", "--format", "json")).Json();

        Assert.Equal(0, json.GetProperty("leadsNeeded").GetInt64());
        Assert.False(json.TryGetProperty("valuePerLead", out _));
        Assert.DoesNotContain("NaN", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PeriodAndSalesCycle_GiveTheLeadBuyingHorizon()
    {
        var json = (await CliRun.Of("plan", "--example", "--period", "2013-03", "--sales-cycle", "3", "--format", "json")).Json();

        Assert.Equal("2013-03", json.GetProperty("period").GetString());
        Assert.Equal(3, json.GetProperty("salesCycle").GetInt32());
        Assert.Equal("2012-12", json.GetProperty("leadPeriod").GetString());
    }

    [Fact]
    public async Task Plan_Daily_GivesTheCumulativeGoalLineOverTheMonth()
    {
        var json = (await CliRun.Of("plan", "--example", "--period", "2026-11", "--daily", "--format", "json")).Json();

        var daily = json.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(30, daily.Count);
        Assert.Equal("2026-11-15", daily[14].GetProperty("date").GetString());
        Assert.Equal(1989m, daily[14].GetProperty("goal").GetDecimal());
        Assert.Equal(1790.1m, daily[14].GetProperty("lower").GetDecimal());
        Assert.Equal(2187.9m, daily[14].GetProperty("upper").GetDecimal());
        Assert.Equal(3978m, daily[^1].GetProperty("goal").GetDecimal());
    }

    [Fact]
    public async Task Plan_DailyTable_ListsEveryDay()
    {
        var run = await CliRun.Of("plan", "--example", "--period", "2026-Q4", "--daily");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Daily goal line", run.Output, StringComparison.Ordinal);
        Assert.Contains("Thu 2026-12-31", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> UserErrors => new()
    {
        { "quota zero", ["plan", "--quota", "0", "--deal-size", "2000", "--close-rate", "20%"], "--quota: must be greater than 0" },
        { "quota not a number", ["plan", "--quota", "lots", "--deal-size", "2000", "--close-rate", "20%"], "--quota: 'lots' is not an amount" },
        { "quota with currency sign", ["plan", "--quota", "$500", "--deal-size", "2000", "--close-rate", "20%"], "--quota: '$500' is not an amount" },
        { "deal size negative", ["plan", "--quota", "500000", "--deal-size", "-5", "--close-rate", "20%"], "--deal-size: must be greater than 0" },
        { "bare rate above one", ["plan", "--quota", "500000", "--deal-size", "2000", "--close-rate", "23"], "--close-rate: '23' is ambiguous" },
        { "rate zero", ["plan", "--quota", "500000", "--deal-size", "2000", "--close-rate", "0%"], "--close-rate: a rate must be greater than 0" },
        { "rate above 100%", ["plan", "--quota", "500000", "--deal-size", "2000", "--close-rate", "150%"], "--close-rate: a rate cannot exceed 100%" },
        { "ratio over zero", ["plan", "--quota", "500000", "--deal-size", "2000", "--close-rate", "1/0"], "--close-rate: '1/0' divides by zero" },
        { "share above 100%", ["plan", "--example", "--marketing-share", "120%"], "--marketing-share: a share must be between 0% and 100%" },
        { "share negative", ["plan", "--example", "--marketing-share", "-10%"], "--marketing-share: a share must be between 0% and 100%" },
        { "stage without rate", ["plan", "--quota", "500000", "--deal-size", "2000", "--stage", "MQL"], "--stage: 'MQL' must be NAME=RATE" },
        { "stage with bad rate", ["plan", "--quota", "500000", "--deal-size", "2000", "--stage", "MQL=33"], "--stage MQL: '33' is ambiguous" },
        { "duplicate stage", ["plan", "--quota", "500000", "--deal-size", "2000", "--stage", "MQL=1/3", "--stage", "mql=50%"], "--stage: stage 'mql' appears twice" },
        { "stage named Customer", ["plan", "--quota", "500000", "--deal-size", "2000", "--stage", "Customer=50%"], "--stage: do not list Customer" },
        { "both forms", ["plan", "--quota", "500000", "--deal-size", "2000", "--close-rate", "20%", "--stage", "MQL=1/3"], "--close-rate: give either --close-rate" },
        { "missing quota", ["plan", "--deal-size", "2000", "--close-rate", "20%"], "--quota: is required" },
        { "missing deal size", ["plan", "--quota", "500000", "--close-rate", "20%"], "--deal-size: is required" },
        { "missing funnel", ["plan", "--quota", "500000", "--deal-size", "2000"], "--close-rate: is required" },
        { "bad period", ["plan", "--example", "--period", "2026-13"], "--period: month 13 is not 01-12" },
        { "negative sales cycle", ["plan", "--example", "--period", "2026-11", "--sales-cycle", "-1"], "--sales-cycle: must be 0 to 120" },
        { "daily without period", ["plan", "--example", "--daily"], "--daily: needs a period" },
        { "unknown format", ["plan", "--example", "--format", "xml"], "xml" },
        { "unknown flag", ["plan", "--example", "--bogus"], "--bogus" },
        { "unknown verb", ["frobnicate"], "frobnicate" },
        { "missing agreement file", ["plan", "--agreement", "/nonexistent/agreement.yaml"], "/nonexistent/agreement.yaml" },
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public async Task Plan_UserError_ExitsTwoWithOneLineNamingTheField(string scenario, string[] args, string expected)
    {
        var run = await CliRun.Of(args);

        Assert.True(run.ExitCode == 2, $"{scenario}: exit {run.ExitCode}, stderr: {run.Error}");
        Assert.Contains(expected, run.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith("tandem: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }
}
