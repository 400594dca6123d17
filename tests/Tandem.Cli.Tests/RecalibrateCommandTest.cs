namespace Tandem.Cli.Tests;

public sealed class RecalibrateCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-recal", Guid.NewGuid().ToString("N"));

    public RecalibrateCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>Leads in June (4, one won) and July 2012 (2, one won), a deal of 3,000 and one of 5,000; the agreement plans 20% at 1,000.</summary>
    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2013-03\nquota: 100000\ndealSize: 1000\ncloseRate: 20%\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\nA,2012-06-01\nB,2012-06-02\nC,2012-06-03\nD,2012-06-04\nE,2012-07-01\nF,2012-07-02\nG,2013-01-05\n");
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,amount,status,closed_at\nD1,A,3000,won,2012-07-01\nD2,E,5000,won,2012-08-01\nD3,G,9000,won,2013-02-01\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "deals" })
        {
            var run = await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db);
            Assert.True(run.ExitCode == 0, run.Error);
        }
    }

    [Fact]
    public async Task Recalibrate_TheIssueWindow_PooledRates_Changes()
    {
        await SeedAsync();

        var json = (await CliRun.Of("recalibrate", "--for", "2013-03", "--window", "6", "--cycle", "3", "--database", Db, "--format", "json")).Json();

        Assert.Equal(("2012-06", "2012-11"), (json.GetProperty("window").GetProperty("from").GetString(), json.GetProperty("window").GetProperty("to").GetString()));
        Assert.Equal(["2012-08", "2012-09", "2012-10", "2012-11"], json.GetProperty("periodsWithoutData").EnumerateArray().Select(p => p.GetString()));
        var total = json.GetProperty("inputs").GetProperty("total");
        Assert.Equal((6, 2), (total.GetProperty("leads").GetInt32(), total.GetProperty("customers").GetInt32()));
        Assert.Equal(0.333333m, total.GetProperty("closeRate").GetDecimal());
        Assert.Equal(4000m, total.GetProperty("dealSize").GetDecimal());
        var changes = json.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal((0.2m, 0.333333m), (changes["Lead -> Customer"].GetProperty("old").GetDecimal(), changes["Lead -> Customer"].GetProperty("new").GetDecimal()));
        // 100,000 / 1,000 / 20% = 500 leads; 100,000 / 4,000 = 25 customers / (1/3) = 75 leads.
        Assert.Equal((500m, 75m), (changes["leads needed"].GetProperty("old").GetDecimal(), changes["leads needed"].GetProperty("new").GetDecimal()));
        Assert.Equal(75, json.GetProperty("plan").GetProperty("new").GetProperty("leadsNeeded").GetInt32());
        Assert.False(json.GetProperty("cycle").GetProperty("measured").GetBoolean());
    }

    [Fact]
    public async Task Recalibrate_MeasuresTheCycle_WhenNotGiven()
    {
        await SeedAsync();
        // Measured before March 2013: A 30 days, E 31 days, G 27 days: 29.3 days, so one month.
        var json = (await CliRun.Of("recalibrate", "--for", "2013-03", "--database", Db, "--format", "json")).Json();
        Assert.Equal((1, true), (json.GetProperty("cycle").GetProperty("periods").GetInt32(), json.GetProperty("cycle").GetProperty("measured").GetBoolean()));
        Assert.Equal(("2012-08", "2013-01"), (json.GetProperty("window").GetProperty("from").GetString(), json.GetProperty("window").GetProperty("to").GetString()));
        var table = await CliRun.Of("recalibrate", "--for", "2013-03", "--database", Db);
        Assert.Contains("Recalibration for 2013-03: window 2012-08 to 2013-01 (6 periods), sales cycle 1 period(s) (measured)", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recalibrate_WithoutAmounts_KeepsTheDealSize_OrPlansWithTheAssumedOne()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2013-03\nquota: 100000\ndealSize: 1000\ncloseRate: 20%\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\nA,2012-06-01\nB,2012-06-02\nC,2012-06-03\nD,2012-06-04\n");
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,status,closed_at\nD1,A,won,2012-07-01\nD2,B,won,2012-07-02\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "deals" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var kept = (await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--database", Db, "--format", "json")).Json();
        var assumed = (await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--deal-size", "2,500", "--database", Db, "--format", "json")).Json();
        var table = await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--database", Db);

        var total = kept.GetProperty("inputs").GetProperty("total");
        Assert.Equal((2, 0), (total.GetProperty("customers").GetInt32(), total.GetProperty("pricedCustomers").GetInt32()));
        Assert.False(total.TryGetProperty("dealSize", out _));
        Assert.False(total.TryGetProperty("leadValue", out _));
        Assert.False(total.TryGetProperty("revenueFromCustomers", out _));
        // 100,000 / 1,000 = 100 customers at the measured 2 in 4: 200 leads.
        Assert.Equal(200, kept.GetProperty("plan").GetProperty("new").GetProperty("leadsNeeded").GetInt32());
        Assert.Contains("deal size: none of the window's 2 customers has a won amount; the agreement's 1,000.00 is kept", kept.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        // 100,000 / 2,500 = 40 customers / 50% = 80 leads.
        Assert.Equal(80, assumed.GetProperty("plan").GetProperty("new").GetProperty("leadsNeeded").GetInt32());
        Assert.Equal(2500m, assumed.GetProperty("plan").GetProperty("new").GetProperty("dealSize").GetDecimal());
        Assert.Contains("deal size: 2,500.00 assumed, in place of the agreement's 1,000.00", assumed.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("deal size -, lead value -", table.Output, StringComparison.Ordinal);
        // At the assumed 2,500 x the measured 50%.
        Assert.Equal(1250m, assumed.GetProperty("inputs").GetProperty("total").GetProperty("leadValue").GetDecimal());
        var assumedTable = await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--deal-size", "2500", "--database", Db);
        Assert.Contains("deal size -, lead value 1,250.00 (at the assumed deal size)", assumedTable.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recalibrate_SomeCustomersWithoutAnAmount_ShowsNoLeadValue()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2013-03\nquota: 100000\ndealSize: 1000\ncloseRate: 20%\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\nA,2012-06-01\nB,2012-06-02\nC,2012-06-03\nD,2012-06-04\n");
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,status,closed_at,amount\nD1,A,won,2012-07-01,4000\nD2,B,won,2012-07-02,\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "deals" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var json = (await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--database", Db, "--format", "json")).Json();
        var table = await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--database", Db);

        // 1 of 2 customers priced: the average (4,000) is shown, but 4,000 x 50% is not what a lead was worth.
        var total = json.GetProperty("inputs").GetProperty("total");
        Assert.Equal((2, 1), (total.GetProperty("customers").GetInt32(), total.GetProperty("pricedCustomers").GetInt32()));
        Assert.Equal(4000m, total.GetProperty("dealSize").GetDecimal());
        Assert.False(total.TryGetProperty("leadValue", out _));
        Assert.Contains("deal size 4,000.00 (of the 1 customer with an amount), lead value -", table.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--deal-size", "--for", "2013-03", "--deal-size", "lots")]
    [InlineData("--deal-size", "--for", "2013-03", "--deal-size", "0")]
    [InlineData("--window: must be 6 to 12 periods (got 5)", "--for", "2013-03", "--window", "5")]
    [InlineData("--window: must be 6 to 12 periods (got 13)", "--for", "2013-03", "--window", "13")]
    [InlineData("--cycle: must be 0 or more", "--for", "2013-03", "--cycle", "-1")]
    [InlineData("--for", "--for", "2013-13")]
    public async Task UsageErrors_Exit2(string message, params string[] args)
    {
        var run = await CliRun.Of(["recalibrate", .. args, "--database", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
