using System.Buffers.Binary;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tandem.Reports;

namespace Tandem.Cli.Tests;

/// <summary>--format csv, xlsx and png with --out: typed figures, neutralised text, whole files or none.</summary>
public sealed class ReportExportsTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-exports", Guid.NewGuid().ToString("N"));

    public ReportExportsTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>Three handoffs in November 2026; one rep's name is a spreadsheet formula.</summary>
    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 1000\ndealSize: 100\ncloseRate: 10%\ncalendar:\n  timeZone: America/New_York\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-11-23T08:00:00-05:00,ann\nB,2026-11-23T08:00:00-05:00,\"=HYPERLINK(\"\"http://evil\"\")\"\nC,2026-11-23T08:00:00-05:00,bob\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at\nA,MQL,2026-11-23T10:00:00-05:00\nB,MQL,2026-11-23T10:00:00-05:00\nC,MQL,2026-11-23T11:00:00-05:00\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at\nT1,A,call,2026-11-23T10:10:00-05:00\nT2,B,email,2026-11-23T10:45:00-05:00\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "leads", "stages", "touches" })
            Assert.Equal(0, (await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db)).ExitCode);
    }

    [Fact]
    public async Task Csv_KeepsNumbersAtFullPrecision_AndNeutralisesFormulas()
    {
        await SeedAsync();
        var run = await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("group,name,rep name,handoffs,within commitment,share within,never touched,", lines[0], StringComparison.Ordinal);
        // 3 handoffs, 1 within 30 minutes (A at 10 minutes), one never touched; shares as fractions of 1.
        Assert.StartsWith("total,2026-11,,3,1,0.333333,1,", lines[1], StringComparison.Ordinal);
        var evil = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.StartsWith("rep,\"'=HYPERLINK(\"\"http://evil\"\")\",", evil, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_IsAWorkbookWithTypedFormattedCells()
    {
        await SeedAsync();
        var file = PathOf("speed.xlsx");
        var run = await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Wrote", run.Output, StringComparison.Ordinal);

        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Speed", sheet.Name!.Value);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        var header = rows.Single(r => r.RowIndex! == 3u).Elements<Cell>().Select(Text).ToList();
        Assert.Equal("share within", header[5]);
        var total = rows.Single(r => r.RowIndex! == 4u).Elements<Cell>().ToList();
        Assert.Equal("3", total[3].CellValue!.Text);
        Assert.Equal(CellValues.Number, total[3].DataType!.Value);
        Assert.Equal("0.333333", total[5].CellValue!.Text);
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)total[5].StyleIndex!.Value);
        var code = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Equal("0.0%", code.FormatCode!.Value);
        Assert.Contains(rows.SelectMany(r => r.Elements<Cell>()), c => Text(c) == "'=HYPERLINK(\"http://evil\")");
        Assert.DoesNotContain(rows.SelectMany(r => r.Elements<Cell>()), c => Text(c).StartsWith('='));
    }

    [Fact]
    public async Task Xlsx_TrackingSheet_HasOneColumnPerPeriod_AndOneRowPerFigure()
    {
        await SeedAsync();
        var file = PathOf("sheet.xlsx");
        Assert.Equal(0, (await CliRun.Of("report", "sheet", "--period", "2026-11", "--last", "3", "--database", Db, "--format", "xlsx", "--out", file)).ExitCode);
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Tracking sheet", "By segment and lead type", "Groups by period"], sheets.Select(s => s.Name!.Value));
        var rows = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
        static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        Assert.Equal(["figure", "2026-09", "2026-10", "2026-11"], rows.Single(r => r.RowIndex! == 3u).Elements<Cell>().Select(Text));
        var leads = rows.Single(r => r.Elements<Cell>().First().InnerText == "Marketing-generated leads").Elements<Cell>().Select(Text).ToList();
        Assert.Equal(["Marketing-generated leads", "0", "0", "3"], leads);
        // Per segment and lead type, period by period: the one group's leads and close rate (none in September and October).
        var byGroup = ((WorksheetPart)workbook.GetPartById(sheets[2].Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(["0", "0", "3"], byGroup.Single(r => r.Elements<Cell>().Any(c => Text(c) == "leads")).Elements<Cell>().Select(Text).TakeLast(3));
        Assert.Equal(["close rate", "0"], byGroup.Single(r => r.Elements<Cell>().Any(c => Text(c) == "close rate")).Elements<Cell>().Select(Text).Where(t => t.Length > 0));
    }

    [Fact]
    public async Task Png_IsAChartImage_ForPacingSpeedAndDepth()
    {
        await SeedAsync();
        foreach (var report in new[] { "pacing", "speed", "depth" })
        {
            var file = PathOf($"{report}.png");
            var run = await CliRun.Of("report", report, "--period", "2026-11", "--database", Db, "--format", "png", "--out", file);
            Assert.True(run.ExitCode == 0, run.Error);
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal((ReportCharts.Width, ReportCharts.Height), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
            Assert.True(bytes.Length > 10_000, $"{report}: {bytes.Length} bytes is too small for a chart with text");
        }
    }

    [Fact]
    public async Task Errors_NameTheOption_AndLeaveNoFileBehind()
    {
        await SeedAsync();
        var binary = await CliRun.Of("report", "speed", "--database", Db, "--format", "xlsx");
        Assert.Equal(2, binary.ExitCode);
        Assert.Contains("--out: xlsx is a binary file", binary.Error, StringComparison.Ordinal);

        var noChart = await CliRun.Of("report", "sheet", "--database", Db, "--format", "png", "--out", PathOf("x.png"));
        Assert.Equal(2, noChart.ExitCode);
        Assert.Contains("png", noChart.Error, StringComparison.Ordinal);

        var missing = await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "csv", "--out", PathOf("no/such/folder/speed.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--out: cannot write", missing.Error, StringComparison.Ordinal);

        var folder = await CliRun.Of("report", "speed", "--database", Db, "--format", "csv", "--out", _folder);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("is a folder", folder.Error, StringComparison.Ordinal);

        var history = await CliRun.Of("report", "sheet", "--database", Db, "--last", "0", "--format", "csv");
        Assert.Equal(2, history.ExitCode);
        Assert.Contains("--last", history.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("Ann = Bob", "Ann = Bob")]
    [InlineData("", "")]
    public void FormulaGuard_PrefixesWhatASpreadsheetWouldRun(string text, string expected) => Assert.Equal(expected, FormulaGuard.Neutralise(text));

    [Fact]
    public async Task Out_WritesTableAndJsonToTheFile()
    {
        await SeedAsync();
        var file = PathOf("speed.json");
        Assert.Equal(0, (await CliRun.Of("report", "speed", "--period", "2026-11", "--database", Db, "--format", "json", "--out", file)).ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(3, json.RootElement.GetProperty("total").GetProperty("handoffs").GetInt32());
        var sheet = PathOf("sheet.txt");
        Assert.Equal(0, (await CliRun.Of("report", "sheet", "--period", "2026-11", "--database", Db, "--out", sheet)).ExitCode);
        Assert.StartsWith("Tracking sheet 2026-11", await File.ReadAllTextAsync(sheet), StringComparison.Ordinal);
    }
}
