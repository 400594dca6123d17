using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Cli.Tests;

/// <summary>
/// Reps by name in the command line (issue 21): a reps file names ann and not bob. Tables show the
/// name (bob's id), JSON keeps <c>rep</c> and adds <c>repName</c> (null for bob), CSV and XLSX keep
/// the <c>rep</c> id column and add <c>rep name</c> right after it, and <c>sla explain</c> says
/// "Ann Lee (ann)".
/// </summary>
public sealed class RepNamesCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-rep-names", Guid.NewGuid().ToString("N"));

    public RepNamesCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    /// <summary>A handed to ann (touched by her), B and C to bob (B touched); ann has a name in reps, bob a row without one.</summary>
    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 1000\ndealSize: 100\ncloseRate: 10%\ncalendar:\n  timeZone: America/New_York\n");
        await File.WriteAllTextAsync(PathOf("reps.csv"), "id,name,email\nann,Ann Lee,ann@example.com\nbob,,bob@example.com\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at,owner\nA,2026-11-23T08:00:00-05:00,ann\nB,2026-11-23T08:00:00-05:00,bob\nC,2026-11-23T08:00:00-05:00,bob\n");
        await File.WriteAllTextAsync(PathOf("stages.csv"), "lead_id,stage,changed_at,rep\nA,MQL,2026-11-23T10:00:00-05:00,ann\nB,MQL,2026-11-23T10:00:00-05:00,bob\nC,MQL,2026-11-23T11:00:00-05:00,bob\n");
        await File.WriteAllTextAsync(PathOf("touches.csv"), "id,lead_id,channel,touched_at,rep\nT1,A,call,2026-11-23T10:10:00-05:00,ann\nT2,B,email,2026-11-23T10:45:00-05:00,bob\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", Db)).ExitCode);
        foreach (var kind in new[] { "reps", "leads", "stages", "touches" })
        {
            var run = await CliRun.Of("import", kind, PathOf($"{kind}.csv"), "--database", Db);
            Assert.True(run.ExitCode == 0, $"{kind}: {run.Error}");
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Speed_TableShowsTheName_JsonAddsRepName_CsvAndXlsxAddARepNameColumn()
    {
        await SeedAsync();
        var args = new[] { "report", "speed", "--period", "2026-11", "--database", Db };

        var table = await CliRun.Of(args);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(Lines(table.Output), l => l.StartsWith("rep Ann Lee ", StringComparison.Ordinal));
        Assert.Contains(Lines(table.Output), l => l.StartsWith("rep bob ", StringComparison.Ordinal));
        Assert.DoesNotContain("rep ann ", table.Output, StringComparison.Ordinal);

        var reps = (await CliRun.Of([.. args, "--format", "json"])).Json().GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(["ann", "bob"], reps.Select(r => r.GetProperty("rep").GetString()));
        Assert.Equal("Ann Lee", reps[0].GetProperty("repName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reps[1].GetProperty("repName").ValueKind);

        var csv = Lines((await CliRun.Of([.. args, "--format", "csv"])).Output);
        Assert.StartsWith("group,name,rep name,handoffs,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("total,2026-11,,3,", csv[1], StringComparison.Ordinal);
        Assert.Contains(csv, l => l.StartsWith("rep,ann,Ann Lee,1,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("rep,bob,,2,", StringComparison.Ordinal));

        var file = PathOf("speed.xlsx");
        var xlsx = await CliRun.Of([.. args, "--format", "xlsx", "--out", file]);
        Assert.True(xlsx.ExitCode == 0, xlsx.Error);
        var rows = SheetRows(file);
        Assert.Equal(["group", "name", "rep name", "handoffs"], rows[1][..4]);
        Assert.Contains(rows, r => r.Take(4).SequenceEqual(["rep", "ann", "Ann Lee", "1"]));
        Assert.Contains(rows, r => r.Take(4).SequenceEqual(["rep", "bob", "", "2"]));
    }

    [Fact]
    public async Task Depth_TableShowsTheName_JsonAddsRepName_CsvKeepsTheRepIdColumn()
    {
        await SeedAsync();
        var args = new[] { "report", "depth", "--period", "2026-11", "--at", "2026-11-30T12:00:00-05:00", "--database", Db };

        var table = await CliRun.Of(args);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(Lines(table.Output), l => l.StartsWith("rep Ann Lee ", StringComparison.Ordinal));
        Assert.Contains(Lines(table.Output), l => l.StartsWith("rep bob ", StringComparison.Ordinal));

        var reps = (await CliRun.Of([.. args, "--format", "json"])).Json().GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(["ann", "bob"], reps.Select(r => r.GetProperty("rep").GetString()));
        Assert.Equal("Ann Lee", reps[0].GetProperty("repName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reps[1].GetProperty("repName").ValueKind);

        // Two tables (first step, then the ages), each under its title: both start rep, rep name.
        var csv = Lines((await CliRun.Of([.. args, "--format", "csv"])).Output);
        Assert.Equal(2, csv.Count(l => l.StartsWith("rep,rep name,", StringComparison.Ordinal)));
        Assert.Contains(csv, l => l.StartsWith("Total,,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("ann,Ann Lee,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("bob,,", StringComparison.Ordinal));
        Assert.DoesNotContain(csv, l => l.StartsWith("Ann Lee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlaStatus_TableShowsTheName_JsonAddsRepName()
    {
        await SeedAsync();
        var args = new[] { "sla", "status", "--at", "2026-11-23T12:00:00-05:00", "--state", "met", "breached", "running", "warning", "--database", Db };

        var table = await CliRun.Of(args);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(Lines(table.Output), l => l.StartsWith("A ", StringComparison.Ordinal) && l.Contains(" Ann Lee ", StringComparison.Ordinal));
        Assert.Contains(Lines(table.Output), l => l.StartsWith("C ", StringComparison.Ordinal) && l.Contains(" bob ", StringComparison.Ordinal));

        var clocks = (await CliRun.Of([.. args, "--format", "json"])).Json().GetProperty("clocks").EnumerateArray().ToList();
        Assert.NotEmpty(clocks);
        foreach (var clock in clocks)
        {
            var rep = clock.GetProperty("rep").GetString();
            var name = clock.GetProperty("repName");
            if (rep == "ann") Assert.Equal("Ann Lee", name.GetString());
            else Assert.Equal(System.Text.Json.JsonValueKind.Null, name.ValueKind);
        }
        Assert.Contains(clocks, c => c.GetProperty("rep").GetString() == "ann");
        Assert.Contains(clocks, c => c.GetProperty("rep").GetString() == "bob");
    }

    [Fact]
    public async Task SlaExplain_NamesTheRepWithTheIdInBrackets_TheIdAloneWithoutAName()
    {
        await SeedAsync();

        var named = await CliRun.Of("sla", "explain", "A", "--at", "2026-11-23T12:00:00-05:00", "--database", Db, "--zone", "America/New_York");
        Assert.True(named.ExitCode == 0, named.Error);
        Assert.Contains("Handoff 1: to Ann Lee (ann) at 2026-11-23T10:00:00-05:00.", named.Output, StringComparison.Ordinal);
        Assert.Contains("First touch: call by Ann Lee (ann) at", named.Output, StringComparison.Ordinal);

        var plain = await CliRun.Of("sla", "explain", "B", "--at", "2026-11-23T12:00:00-05:00", "--database", Db, "--zone", "America/New_York");
        Assert.Contains("Handoff 1: to bob at 2026-11-23T10:00:00-05:00.", plain.Output, StringComparison.Ordinal);
        Assert.Contains("by bob at", plain.Output, StringComparison.Ordinal);

        var json = (await CliRun.Of("sla", "explain", "A", "--at", "2026-11-23T12:00:00-05:00", "--database", Db, "--format", "json")).Json();
        var handoff = json.GetProperty("handoffs")[0];
        Assert.Equal(("ann", "Ann Lee"), (handoff.GetProperty("rep").GetString(), handoff.GetProperty("repName").GetString()));
        Assert.Equal("Ann Lee", json.GetProperty("touches")[0].GetProperty("repName").GetString());
        var bob = (await CliRun.Of("sla", "explain", "B", "--database", Db, "--format", "json")).Json().GetProperty("handoffs")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bob.GetProperty("repName").ValueKind);
    }

    /// <summary>The workbook's first sheet, row by row, each cell's text (blank cells as "").</summary>
    private static List<string[]> SheetRows(string file)
    {
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        return [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())];
    }
}
