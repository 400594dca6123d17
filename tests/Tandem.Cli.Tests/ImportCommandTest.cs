using System.Text;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

public sealed class ImportCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-import", Guid.NewGuid().ToString("N"));

    public ImportCommandTest() => Directory.CreateDirectory(_folder);

    private string Db => Path.Combine(_folder, "tandem.db");

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Json_HasTheCountsOfTheContract_AndExitIsOneWhenRowsAreRejected(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var database = target.SqlitePath ?? target.ConnectionString;
        var file = File("leads.csv", "id,created_at,lead_type", "A,2026-01-01,web", "B,2026-01-02,ads", "C,bad,ads");

        var run = await CliRun.Of("import", "leads", file, "--database", database, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal((2, 0, 0, 1), (root.GetProperty("inserted").GetInt32(), root.GetProperty("updated").GetInt32(), root.GetProperty("unchanged").GetInt32(), root.GetProperty("rejected").GetInt32()));
        Assert.Equal(4, root.GetProperty("problems")[0].GetProperty("line").GetInt32());
        Assert.Equal("created_at", root.GetProperty("problems")[0].GetProperty("column").GetString());
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"tandem: {file}:4: created_at: 'bad' is not a time", line, StringComparison.Ordinal);

        var again = (await CliRun.Of("import", "leads", File("good.csv", "id,created_at,lead_type", "A,2026-01-01,web", "B,2026-01-02,ads"), "--database", database, "--format", "json")).Json();
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());

        // Both runs are in the import log the web app's Data page shows, the first with its rejected row.
        await using var db = new TandemDatabase(target);
        await using var connection = await db.OpenAsync();
        var log = await Tandem.Data.Import.ImportLog.RecentAsync(connection, 10);
        Assert.Equal([(file, 3L, 1L, "cli"), (Path.Combine(_folder, "good.csv"), 2L, 0L, "cli")], log.Reverse().Select(i => (i.FileName, i.Rows, i.Rejected, i.Via)));
        var problem = Assert.Single(await Tandem.Data.Import.ImportLog.ProblemsAsync(connection, log[^1].Id));
        Assert.Equal((4, "created_at"), (problem.Line, problem.Column));
    }

    [Fact]
    public async Task Xlsx_ReadsTheNamedSheet_NamesProblemsBySheetRowAndColumn_AndSaysTheSheet()
    {
        var path = Path.Combine(_folder, "export.xlsx");
        Tandem.Data.Tests.Import.XlsxFile.Write(path,
            ("Notes", [(1, ["nothing here"])]),
            ("Leads", [
                (1, ["id", "created_at", "lead_type"]),
                (2, ["A", Tandem.Data.Tests.Import.XCell.Num("43132", "yyyy-mm-dd"), "web"]),
                (4, ["B", Tandem.Data.Tests.Import.XCell.Error("#REF!"), "ads"]),
            ]));

        var run = await CliRun.Of("import", "leads", path, "--sheet", "Leads", "--database", Db, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"tandem: {path}:4: created_at (B): holds the spreadsheet error #REF!", Assert.Single(run.ErrorLines));
        var json = System.Text.Json.JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(("Leads", 1), (json.GetProperty("sheet").GetString(), json.GetProperty("inserted").GetInt32()));
        var table = await CliRun.Of("import", "leads", path, "--sheet", "leads", "--database", Db);
        Assert.Contains($"{path} (sheet Leads): leads", table.Output, StringComparison.Ordinal);
        var wrong = await CliRun.Of("import", "leads", path, "--sheet", "Deals", "--database", Db);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal($"tandem: --sheet: {path} has no sheet named 'Deals' (sheets: Notes, Leads)", Assert.Single(wrong.ErrorLines));
    }

    [Fact]
    public async Task Quality_IsPrintedAfterTheSummary_AndIsAnObjectInJson()
    {
        var deals = File("deals.csv", "id,status,lead_id,amount,closed_at", "D1,won,A,,2026-02-01", "D2,won,,,2026-02-01", "D3,won,B,,bad");

        var table = await CliRun.Of("import", "deals", deals, "--database", Db);

        Assert.Equal(1, table.ExitCode);
        var after = table.Output[table.Output.IndexOf("rows/s", StringComparison.Ordinal)..];
        Assert.Contains("data quality:\n  no deal amount in the store: none of its 2 won deals has one, so no deal size, revenue share or lead value\n", after, StringComparison.Ordinal);
        Assert.Contains("  no lead on 1 of 2 deals: those deals belong to no lead", after, StringComparison.Ordinal);
        Assert.Contains("  values not read or missing where required, by column: closed_at 1; the 1 row holding them was not stored\n", after, StringComparison.Ordinal);

        var json = System.Text.Json.JsonDocument.Parse((await CliRun.Of("import", "deals", deals, "--database", Db, "--format", "json")).Output).RootElement.GetProperty("quality");
        var amount = json.GetProperty("fields")[0];
        Assert.Equal(("amount", "amount", 2, 2, 0, 2), (amount.GetProperty("field").GetString(), amount.GetProperty("column").GetString(), amount.GetProperty("missing").GetInt32(),
            amount.GetProperty("of").GetInt32(), amount.GetProperty("storeWith").GetInt32(), amount.GetProperty("storeOf").GetInt32()));
        Assert.Equal(("closed_at", 1), (json.GetProperty("unreadable")[0].GetProperty("column").GetString(), json.GetProperty("unreadable")[0].GetProperty("values").GetInt32()));
        Assert.Equal(3, json.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Table_SummarisesCountsAndIgnoredColumns()
    {
        var run = await CliRun.Of("import", "leads", File("leads.csv", "id,created_at,favourite_colour", "A,2026-01-01,blue"), "--database", Db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("inserted   1", run.Output, StringComparison.Ordinal);
        Assert.Contains("columns not read: favourite_colour", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "zip", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00], "is a zip file but not a readable .xlsx workbook" },
        { "binary", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00], "is a binary file, neither CSV text nor an .xlsx workbook" },
        { "semicolons", Encoding.UTF8.GetBytes("id;created_at\nA;2026-01-01\n"), ":1: header: the columns are separated by ';'" },
        { "tabs", Encoding.UTF8.GetBytes("id\tcreated_at\nA\t2026-01-01\n"), "separated by tabs" },
        { "missing column", Encoding.UTF8.GetBytes("id,lead_type\nA,web\n"), "header: missing required column created_at for leads (found: id, lead_type)" },
        { "repeated column", Encoding.UTF8.GetBytes("id,created_at,id\nA,2026-01-01,B\n"), "header: column 'id' appears twice (columns 1 and 3)" },
        { "empty", [], "is empty; the first line must be the header" },
        { "latin-1", [.. Encoding.UTF8.GetBytes("id,created_at,name\nA,2026-01-01,Ren"), 0xE9, 0x0A], "is not UTF-8 text; save it as CSV UTF-8" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task FileThatIsNotCsv_IsRefusedWhole_ExitTwo_NothingWritten(string scenario, byte[] content, string message)
    {
        var path = Path.Combine(_folder, scenario + ".csv");
        await System.IO.File.WriteAllBytesAsync(path, content);
        // A good row first: nothing of it may be written when the file is refused.
        var run = await CliRun.Of("import", "leads", path, "--database", Db);

        Assert.True(run.ExitCode == 2, $"{scenario}: exit {run.ExitCode} {run.Error}");
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        var count = await CliRun.Of("import", "leads", File("probe.csv", "id,created_at"), "--database", Db, "--format", "json");
        Assert.Equal(0, count.ExitCode);
        await using var db = new TandemDatabase(DatabaseTarget.SqliteFile(Db));
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        var refused = (await Tandem.Data.Import.ImportLog.RecentAsync(connection, 10))[^1];
        Assert.Equal(path, refused.FileName);
        Assert.Contains(message, refused.Refused, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "import", "leads", "/no/such/file.csv" }, "/no/such/file.csv: not found")]
    [InlineData(new[] { "import", "opportunities", "x.csv" }, "Argument 'opportunities' not recognized")]
    [InlineData(new[] { "import", "leads", "x.csv", "--from", "pipedrive" }, "Argument 'pipedrive' not recognized")]
    [InlineData(new[] { "import", "touches", "x.csv", "--from", "hubspot" }, "--from hubspot reads leads only")]
    [InlineData(new[] { "import", "leads", "x.csv", "--zone", "Mars/Olympus" }, "--zone: 'Mars/Olympus' is not an IANA time zone")]
    [InlineData(new[] { "import", "leads", "x.csv", "--batch-size", "0" }, "--batch-size: must be at least 1")]
    public async Task UsageErrors_AreOneLineExitTwo(string[] args, string message)
    {
        File("x.csv", "Record ID,Create Date,id,created_at", "1,2026-01-01,1,2026-01-01");
        var run = await CliRun.Of([.. args.Select(a => a == "x.csv" ? Path.Combine(_folder, a) : a), "--database", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldHappen_AndStoresNothing()
    {
        var file = File("leads.csv", "id,created_at", "A,2026-01-01");
        var dry = (await CliRun.Of("import", "leads", file, "--database", Db, "--dry-run", "--format", "json")).Json();
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, dry.GetProperty("inserted").GetInt32());
        var real = (await CliRun.Of("import", "leads", file, "--database", Db, "--format", "json")).Json();
        Assert.Equal(1, real.GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task Import_SaysWhatItDerived_InJsonAndTable_AndADryRunDerivesNothing()
    {
        var agreement = Path.Combine(_folder, "agreement.yaml");
        Assert.Equal(0, (await CliRun.Of("init", agreement)).ExitCode);
        Assert.Equal(0, (await CliRun.Of("agreement", "import", agreement, "--database", Db)).ExitCode);
        Assert.Equal(0, (await CliRun.Of("import", "leads", File("leads.csv", "id,created_at", "A,2026-01-05T09:00:00Z", "B,2026-01-05T09:00:00Z"), "--database", Db)).ExitCode);
        // A touch (of another lead), so the source has touch data and its handoffs are clocked (UntimedSourceCommandTest covers one without).
        Assert.Equal(0, (await CliRun.Of("import", "touches", File("touches.csv", "id,lead_id,channel,touched_at,rep,outcome", "T0,Z,call,2026-01-04T09:00:00Z,ann,no_answer"), "--database", Db)).ExitCode);
        var stages = File("stages.csv", "lead_id,stage,changed_at,rep", "A,MQL,2026-01-05T10:00:00Z,ann", "B,MQL,2026-01-05T10:00:00Z,bob");

        var dry = (await CliRun.Of("import", "stages", stages, "--database", Db, "--dry-run", "--format", "json")).Json();
        var json = (await CliRun.Of("import", "stages", stages, "--database", Db, "--format", "json")).Json();

        Assert.False(dry.TryGetProperty("projection", out _));
        // Two leads handed off: each projected once with its speed and depth clocks, and two handoff facts.
        var projection = json.GetProperty("projection");
        Assert.Equal((2, 4, 2), (projection.GetProperty("leads").GetInt32(), projection.GetProperty("clocks").GetInt32(), projection.GetProperty("handoffs").GetInt32()));
        Assert.True(projection.GetProperty("elapsedSeconds").GetDouble() <= json.GetProperty("elapsedSeconds").GetDouble());
        var table = await CliRun.Of("import", "stages", File("more.csv", "lead_id,stage,changed_at,rep", "A,SQL,2026-01-06T10:00:00Z,ann"), "--database", Db);
        Assert.Contains("derived: 1 leads projected, 2 clocks, 1 handoffs", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubSpot_ContactsExport_YieldsLeadsAndDerivedStageHistory()
    {
        var file = File("contacts.csv",
            "Record ID,First Name,Last Name,Email,Contact owner,Lifecycle Stage,Create Date,Original Source,Company Name,Job Title,Became a Lead Date,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,Became a Subscriber Date,Phone Number",
            "101,Ann,Lee,ann@example.com,Sam Rep,Customer,2026-01-05 09:00,Organic Search,Acme,CEO,2026-01-05 09:00,2026-01-06 10:00,2026-01-08 11:00,2026-01-10 12:00,2026-02-01 13:00,,555",
            "102,Bob,,bob@example.com,,Marketing Qualified Lead,2026-01-07 09:00,Paid Social,,,2026-01-07 09:00,,,,,2026-01-01,",
            "103,Cy,Dee,cy@example.com,,Lead,not a date,Direct Traffic,,,,,,,,,");

        var run = await CliRun.Of("import", "leads", file, "--from", "hubspot", "--zone", "Europe/Berlin", "--database", Db, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal((2, 1), (root.GetProperty("inserted").GetInt32(), root.GetProperty("rejected").GetInt32()));
        Assert.Equal(6, root.GetProperty("derived").GetProperty("stages").GetProperty("inserted").GetInt32());
        Assert.Equal(1, root.GetProperty("flagged").GetProperty("undatedCurrentStages").GetProperty("MQL").GetInt32());
        Assert.Equal(["Became a Subscriber Date", "Phone Number"], root.GetProperty("ignoredColumns").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(":4: Create Date: 'not a date' is not a time", run.Error, StringComparison.Ordinal);

        await using var db = new TandemDatabase(DatabaseTarget.SqliteFile(Db));
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, owner, lead_type, company, created_at FROM leads WHERE id = '101'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("Ann Lee", "Sam Rep", "Organic Search", "Acme"), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), reader.GetInt64(4));
    }

    [Fact]
    public async Task Salesforce_LeadsReport_ReadsUsDatesAndConversion()
    {
        var file = File("report.csv",
            "Lead ID,First Name,Last Name,Title,Company / Account,Email,Lead Source,Lead Status,Lead Owner,Created Date,Converted Date,Rating",
            "00Q1,Ann,Lee,CEO,Acme,ann@example.com,Web,Closed - Converted,Sam Rep,3/6/2026 4:30 PM,3/20/2026,Hot",
            "00Q2,Bob,Ray,CTO,Beta,bob@example.com,Trade Show,Open - Not Contacted,Sam Rep,3/7/2026,,Warm");

        var run = (await CliRun.Of("import", "leads", file, "--from", "salesforce", "--database", Db, "--format", "json")).Json();

        Assert.Equal(2, run.GetProperty("inserted").GetInt32());
        Assert.Equal(1, run.GetProperty("derived").GetProperty("stages").GetProperty("inserted").GetInt32());
        Assert.Equal(["Lead Status", "Rating"], run.GetProperty("ignoredColumns").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task UnknownLeadTypesAndSegments_AreKeptAndFlagged_AgainstTheAgreement()
    {
        var agreement = Path.Combine(_folder, "agreement.yaml");
        Assert.Equal(0, (await CliRun.Of("init", agreement)).ExitCode);
        // The starter with its segments (SMB, Enterprise) and lead types (Demo request, Ebook, Outbound) filled in.
        var text = (await System.IO.File.ReadAllTextAsync(agreement)).Replace("\nfunnel:", """

            segments:
              - name: SMB
                share: 60%
              - name: Enterprise
                share: 40%
            leadTypes:
              - name: Demo request
                generatedBy: marketing
                mix: 30%
              - name: Ebook
                generatedBy: marketing
                mix: 70%
              - name: Outbound
                generatedBy: sales
            funnel:
            """, StringComparison.Ordinal);
        await System.IO.File.WriteAllTextAsync(agreement, text);
        var run = (await CliRun.Of("import", "leads", File("leads.csv", "id,created_at,lead_type,segment",
                "A,2026-01-01,Carrier Pigeon,Galactic", "B,2026-01-01,ebook,smb", "C,2026-01-01,Carrier Pigeon,SMB"),
            "--agreement", agreement, "--database", Db, "--format", "json")).Json();
        Assert.Equal(3, run.GetProperty("inserted").GetInt32());
        var flagged = run.GetProperty("flagged");
        Assert.Equal(2, flagged.GetProperty("unknownLeadTypes").GetProperty("Carrier Pigeon").GetInt32());
        Assert.Equal(1, flagged.GetProperty("unknownSegments").GetProperty("Galactic").GetInt32());
        Assert.Single(flagged.GetProperty("unknownSegments").EnumerateObject());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
