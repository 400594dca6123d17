namespace Tandem.Cli.Tests;

public sealed class ReportSheetCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-sheet", Guid.NewGuid().ToString("N"));

    public ReportSheetCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), """
            schemaVersion: 1
            name: SLA
            period: 2026-11
            quota: 500000
            dealSize: 2000
            funnel:
              - { stage: MQL, rate: 50% }
              - { stage: SQL, rate: 50% }
            leadTypes:
              - name: Ebook
              - name: Outbound
                generatedBy: sales
            calendar:
              timeZone: America/New_York
            """);
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,lead_type,segment\nA,2026-11-01T10:00:00-04:00,Ebook,SMB\nB,2026-11-02T10:00:00-05:00,Ebook,SMB\nC,2026-11-03T10:00:00-05:00,Outbound,SMB\nD,2026-11-04T10:00:00-05:00,Ebook,Enterprise\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-11-01T11:00:00-04:00\nA,SQL,2026-11-05T11:00:00-05:00\nB,MQL,2026-11-02T11:00:00-05:00\nC,MQL,2026-11-03T11:00:00-05:00\nD,MQL,2026-11-30T23:30:00-05:00\n");
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,amount,currency,status,closed_at\nD1,A,12000,USD,won,2026-11-20T12:00:00-05:00\nD2,C,5000,USD,won,2026-11-21T12:00:00-05:00\nD3,B,7000,EUR,won,2026-11-22T12:00:00-05:00\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "deals" })
        {
            var run = await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db);
            Assert.True(run.ExitCode == 0, run.Error);
        }
    }

    [Fact]
    public async Task Sheet_Json_CohortsRevenueAndConversions()
    {
        await SeedAsync();

        var json = (await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db, "--format", "json")).Json();

        Assert.Equal(1, json.GetProperty("otherCurrencyDeals").GetInt32()); // B's deal in EUR is left out, and said so
        var total = json.GetProperty("total");
        Assert.Equal(3, total.GetProperty("leads").GetInt32());             // A, B, D (late on Nov 30 in New York); C is sales'
        Assert.Equal(1, total.GetProperty("customers").GetInt32());
        Assert.Equal(0.333333m, total.GetProperty("closeRate").GetDecimal());
        Assert.Equal(12000m, total.GetProperty("dealSize").GetDecimal());
        Assert.Equal(17000m, total.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(12000m, total.GetProperty("marketingRevenue").GetDecimal());
        Assert.Equal(0.705882m, total.GetProperty("marketingShare").GetDecimal());
        var first = total.GetProperty("conversions")[0];
        Assert.Equal(("MQL", "SQL", 3, 1), (first.GetProperty("from").GetString(), first.GetProperty("to").GetString(), first.GetProperty("reachedFrom").GetInt32(), first.GetProperty("reachedTo").GetInt32()));
    }

    [Fact]
    public async Task Sheet_Segment_AndTable()
    {
        await SeedAsync();

        var enterprise = (await CliRun.Of("report", "sheet", "--period", "2026-11", "--segment", "enterprise", "--database", Db, "--format", "json")).Json();
        Assert.Equal(1, enterprise.GetProperty("total").GetProperty("leads").GetInt32());
        Assert.False(enterprise.GetProperty("total").TryGetProperty("closeRate", out _) && enterprise.GetProperty("total").GetProperty("customers").GetInt32() > 0);

        var table = await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("SMB / Outbound (not marketing)", table.Output, StringComparison.Ordinal);
        Assert.Contains("Total (marketing-generated)", table.Output, StringComparison.Ordinal);
        Assert.Contains("1 deal(s) in another currency than USD are left out", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sheet_Errors()
    {
        var none = await CliRun.Of("report", "sheet", "--database", Db);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("none stored", none.Error, StringComparison.Ordinal);
        await SeedAsync();
        var bad = await CliRun.Of("report", "sheet", "--period", "2026-13", "--database", Db);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--period", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sheet_DealsWithoutAmounts_RevenueLeftOut_DealSizeOfThoseWithOne()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\ncloseRate: 50%\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\nA,2026-11-01\nB,2026-11-02\nC,2026-11-03\n");
        // B's deal has no amount: unknown, not a deal worth 0.
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,amount,status,closed_at\nD1,A,12000,won,2026-11-20\nD2,B,,won,2026-11-21\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "deals" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);

        var json = (await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db, "--format", "json")).Json();
        var table = await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db);

        var total = json.GetProperty("total");
        Assert.Equal((2, 1, 1), (total.GetProperty("customers").GetInt32(), total.GetProperty("pricedCustomers").GetInt32(), total.GetProperty("unpricedWonDeals").GetInt32()));
        Assert.Equal(12000m, total.GetProperty("dealSize").GetDecimal());
        foreach (var unknown in new[] { "revenueFromCustomers", "totalRevenue", "marketingRevenue", "marketingShare" })
            Assert.False(total.TryGetProperty(unknown, out _), $"{unknown} should be left out: it needs B's amount");
        Assert.DoesNotMatch(@"(?<![\d,.])0\.00", table.Output);              // no amount shows as 0.00
        Assert.Contains("Amounts: 1 of the 2 customers have a won amount and 1 deal(s) won in the period have none", table.Output, StringComparison.Ordinal);

        // Issue 22: the workbook carries the note under its table too.
        var file = PathOf("sheet.xlsx");
        Assert.Equal(0, (await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db, "--format", "xlsx", "--out", file)).ExitCode);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name!.Value == "By segment and lead type");
            var texts = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
                .Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
            Assert.Contains(texts, t => t.StartsWith("Amounts: 1 of the 2 customers have a won amount and 1 deal(s) won in the period have none", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnOutFileInAMissingFolder_IsRefusedNamingTheFolderGiven_NotATemporaryFile()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\ncloseRate: 50%\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        var missing = Path.Combine(_folder, "no-such-folder", "sheet.xlsx");

        var run = await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db, "--format", "xlsx", "--out", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"tandem: --out: cannot write '{missing}': the folder '{Path.Combine(_folder, "no-such-folder")}' does not exist", run.ErrorLines.Single());
        Assert.DoesNotContain(".partial", run.Error, StringComparison.Ordinal);
    }
}
