using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Tests;

/// <summary>
/// <c>tandem recalibrate --format csv|xlsx</c> (issue 21): the tables the Recalibration page
/// downloads (<see cref="RecalibrationTables"/>), typed, one sheet per table, binary only to a file.
/// </summary>
public sealed class RecalibrateExportCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-recal-export", Guid.NewGuid().ToString("N"));

    public RecalibrateExportCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>Leads in June (4, one won at 3,000) and July 2012 (2, one won at 5,000); the agreement plans 20% at 1,000.</summary>
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
    public async Task Csv_IsTheRecalibrationsTables_TypedAtFullPrecision()
    {
        await SeedAsync();
        var run = await CliRun.Of("recalibrate", "--for", "2013-03", "--window", "6", "--cycle", "3", "--database", Db, "--format", "csv");
        Assert.True(run.ExitCode == 0, run.Error);

        // The same tables the page downloads, from the same query: the CLI adds nothing of its own.
        string expected;
        await using (var db = new TandemDatabase(DatabaseTarget.SqliteFile(Db)))
        await using (var connection = await db.OpenAsync())
        {
            var stored = (await AgreementStore.ActiveAsync(connection))!;
            var agreement = Tandem.Data.Agreements.AgreementFile.Parse(stored.Content, "stored");
            var period = Period.Parse("2013-03", "for");
            var (result, _) = await RecalibrationQuery.RunAsync(connection, agreement, period, 6, 3);
            using var text = new StringWriter();
            CsvExport.Write(text, RecalibrationTables.Of(period, result));
            expected = text.ToString();
        }
        Assert.Equal(expected, run.Output);

        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("Recalibration for 2013-03: the window and its cohorts pooled", lines[0]);
        Assert.StartsWith("for,window from,window to,periods,sales cycle (periods),cycle measured,", lines[1], StringComparison.Ordinal);
        // 6 leads, 2 customers (1 in 3), cycles of 30 and 31 days, deals of 3,000 and 5,000; 4,000 x 1/3 a lead.
        Assert.Equal("2013-03,2012-06,2012-11,6,3,no,2012-08 2012-09 2012-10 2012-11,6,2,2,0.333333,30.5,4000,1333.33", lines[2]);
        Assert.Contains("Lead -> Customer,0.2,0.333333,up", lines);
        Assert.Contains("deal size,1000,4000,up", lines);
        // 100,000 / 1,000 / 20% = 500 leads; 100,000 / 4,000 / (1/3) = 75.
        Assert.Contains("leads needed,500,75,down", lines);
    }

    [Fact]
    public async Task Xlsx_HasOneSheetPerTable_WithNumbersAsNumbers()
    {
        await SeedAsync();
        var file = PathOf("recalibration.xlsx");
        var run = await CliRun.Of("recalibrate", "--for", "2013-03", "--window", "6", "--cycle", "3", "--database", Db, "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Wrote", run.Output, StringComparison.Ordinal);

        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Window", "Changes", "Stages", "Groups"], sheets.Select(s => s.Name!.Value!).Take(4));
        var rows = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
        var values = rows.Single(r => r.RowIndex! == 4u).Elements<Cell>().ToList();
        Assert.Equal("6", values[7].CellValue!.Text);
        Assert.Equal(CellValues.Number, values[7].DataType!.Value);
        Assert.Equal("0.333333", values[10].CellValue!.Text);
    }

    [Fact]
    public async Task Xlsx_WithoutAFile_IsAUsageError_BeforeAnyWork()
    {
        var run = await CliRun.Of("recalibrate", "--for", "2013-03", "--database", Db, "--format", "xlsx");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out: xlsx is a binary file", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRun.Of("recalibrate", "--for", "2013-03", "--database", Db, "--format", "pdf")).ExitCode);
    }
}
