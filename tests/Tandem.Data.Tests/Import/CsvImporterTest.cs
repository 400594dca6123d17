using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Import;

public class CsvImporterTest
{
    private const string LeadHeader = "id,created_at,lead_type,segment,owner,name,email,company,title";

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_SameFileTwice_ChangesNothing_AndACorrectedRowUpdates(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("leads.csv", LeadHeader,
            "L1,2026-03-06T16:30:00-05:00,Webinar,SMB,rep1,Ann Lee,ann@example.com,Acme,CEO",
            "L2,2026-03-07T09:00:00Z,Ads,Mid,rep2,Bob,bob@example.com,Beta,CTO");
        var first = await f.Import(ImportKind.Leads, file);
        Assert.Equal((2L, 0L, 0L, 0L), (first.Records.Inserted, first.Records.Updated, first.Records.Unchanged, first.Rejected));

        var again = await f.Import(ImportKind.Leads, file);
        Assert.Equal((0L, 0L, 2L), (again.Records.Inserted, again.Records.Updated, again.Records.Unchanged));

        var corrected = f.File("corrected.csv", LeadHeader, "L2,2026-03-07T09:00:00Z,Ads,Enterprise,rep2,Bob,bob@example.com,Beta,CTO");
        var fix = await f.Import(ImportKind.Leads, corrected);
        Assert.Equal((0L, 1L, 0L), (fix.Records.Inserted, fix.Records.Updated, fix.Records.Unchanged));
        var rows = await f.Rows("SELECT id, created_at, segment FROM leads ORDER BY id");
        Assert.Equal(["L1", ImportFixture.Ms("2026-03-06T21:30:00Z"), "SMB"], rows[0]);
        Assert.Equal(["L2", ImportFixture.Ms("2026-03-07T09:00:00Z"), "Enterprise"], rows[1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_RepeatedId_LastRowWins_AndReimportIsUnchanged(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        // Batch size 1: the repeated rows land in different transactions, and still only the last is written.
        var file = f.File("leads.csv", "id,created_at,lead_type",
            "A,2026-01-01,first", "B,2026-01-01,only", "A,2026-01-01,second", "A,2026-01-01,third");
        var first = await f.Import(ImportKind.Leads, file, batchSize: 1);
        Assert.Equal((2L, 0L, 2L, 2L), (first.Records.Inserted, first.Records.Updated, first.Records.Unchanged, first.Superseded));
        Assert.Equal("third", (await f.Rows("SELECT lead_type FROM leads WHERE id = 'A'"))[0][0]);
        Assert.Equal(1L, (await f.Rows("SELECT revision FROM leads WHERE id = 'A'"))[0][0]);

        var again = await f.Import(ImportKind.Leads, file, batchSize: 1);
        Assert.Equal((0L, 0L, 4L), (again.Records.Inserted, again.Records.Updated, again.Records.Unchanged));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_RepeatedId_WhoseLastRowIsBad_KeepsTheEarlierGoodRow(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("leads.csv", "id,created_at,lead_type", "A,2026-01-01,good", "A,yesterday,bad");
        var summary = await f.Import(ImportKind.Leads, file);
        Assert.Equal((1L, 1L), (summary.Records.Inserted, summary.Rejected));
        Assert.Equal("good", (await f.Rows("SELECT lead_type FROM leads"))[0][0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_BadRows_AreNamedByPhysicalLine_GoodRowsStored_ErrorsFileReimports(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("leads.csv", "id,created_at,company,extra",
            "L1,2026-03-06,\"Two",                       // line 2, the record spans lines 2-3
            "Lines Inc\",x",
            "L2,not a time,Acme,x",                       // line 4
            ",2026-03-06,Acme,x",                         // line 5
            "L3,2026-03-06,Acme",                         // line 6: one field short
            "L4,2026-03-06,Acme,x",
            "L5,2026-02-30,Acme,x");                      // line 8: no such date
        var errors = f.PathOf("errors.csv");
        var summary = await f.Import(ImportKind.Leads, file, errors: errors);

        Assert.Equal((6L, 2L, 4L), (summary.Rows, summary.Records.Inserted, summary.Rejected));
        Assert.Equal([(4, "created_at"), (5, "id"), (6, "row"), (8, "created_at")], f.Problems.Select(p => (p.Line, p.Column)));
        Assert.Contains("'not a time' is not a time", f.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal("Two\nLines Inc", (await f.Rows("SELECT company FROM leads WHERE id = 'L1'"))[0][0]);

        var written = await File.ReadAllLinesAsync(errors);
        Assert.Equal("id,created_at,company,extra,tandem_error", written[0]);
        Assert.StartsWith("L2,not a time,Acme,x,", written[1], StringComparison.Ordinal);
        Assert.Equal(5, written.Length);

        // Fix the rows in the errors file as it is, then import it again: the tandem_error column is ignored.
        var fixedText = (await File.ReadAllTextAsync(errors))
            .Replace("not a time", "2026-03-09", StringComparison.Ordinal)
            .Replace("\n,2026-03-06", "\nL6,2026-03-06", StringComparison.Ordinal)
            .Replace("L3,2026-03-06,Acme,,", "L3,2026-03-06,Acme,y,", StringComparison.Ordinal)
            .Replace("2026-02-30", "2026-02-28", StringComparison.Ordinal);
        await File.WriteAllTextAsync(errors, fixedText);
        var second = await f.Import(ImportKind.Leads, errors);
        Assert.Empty(f.Problems);
        Assert.Equal((4L, 0L), (second.Records.Inserted, second.Rejected));
        Assert.DoesNotContain(ImportLayouts.ErrorColumn, second.IgnoredColumns);
        Assert.Equal(6L, await f.Count("leads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_DryRun_CountsButStoresNothing(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var file = f.File("leads.csv", "id,created_at", "A,2026-01-01", "B,2026-01-02", "C,bad");
        var summary = await f.Import(ImportKind.Leads, file, dryRun: true, batchSize: 1);
        Assert.Equal((2L, 1L, true), (summary.Records.Inserted, summary.Rejected, summary.DryRun));
        Assert.Equal(0L, await f.Count("leads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_StoppedBetweenBatches_LeavesWholeBatches_AndRerunCompletes(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var rows = Enumerable.Range(1, 10).Select(i => $"L{i},2026-01-{i:00},web").ToArray();
        var file = f.File("leads.csv", ["id,created_at,lead_type", .. rows]);
        using var stop = new CancellationTokenSource();
        // Stop after the second batch has committed.
        var batches = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            f.Import(ImportKind.Leads, file, batchSize: 3, progress: p => { if (p.Phase == "importing" && ++batches == 2) stop.Cancel(); }, cancel: stop.Token));
        Assert.Equal(6L, await f.Count("leads"));

        var rerun = await f.Import(ImportKind.Leads, file, batchSize: 3);
        Assert.Equal((4L, 6L), (rerun.Records.Inserted, rerun.Records.Unchanged));
        Assert.Equal(10L, await f.Count("leads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_TouchesAndStagesBeforeTheirLead_AreKeptAndJoinLater(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var touches = await f.Import(ImportKind.Touches, f.File("touches.csv", "id,lead_id,channel,touched_at,rep,outcome",
            "T1,L9,Phone,2026-03-06T10:00:00Z,rep1,No answer", "T2,L9,e-mail,2026-03-06T11:00:00Z,rep1,replied"));
        var stages = await f.Import(ImportKind.Stages, f.File("stages.csv", "lead_id,stage,changed_at,rep",
            "L9,Marketing Qualified Lead,2026-03-06T09:00:00Z,rep1"));
        Assert.Equal((2L, 1L), (touches.Records.Inserted, stages.Records.Inserted));
        await f.Import(ImportKind.Leads, f.File("leads.csv", "id,created_at", "L9,2026-03-05"));
        var joined = await f.Rows("SELECT t.id, t.channel, t.outcome, s.stage FROM leads l JOIN touches t ON t.source = l.source AND t.lead_id = l.id JOIN stage_changes s ON s.source = l.source AND s.lead_id = l.id ORDER BY t.id");
        Assert.Equal(["T1", "call", "no_answer", "MQL"], joined[0]);
        Assert.Equal(["T2", "email", "replied", "MQL"], joined[1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_DealsAndReps_StoreExactNumbers_AndCheckEachField(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var deals = await f.Import(ImportKind.Deals, f.File("deals.csv", "id,status,lead_id,amount,currency,closed_at",
            "D1,Closed Won,L1,\"12,500.25\",usd,2026-03-31T17:00:00Z",
            "D2,won,L2,100,USD,",
            "D3,lost,L3,-5,USD,2026-03-31",
            "D4,open,L4,1.23456,USD,",
            "D5,maybe,L5,10,US Dollars,"));
        Assert.Equal((1L, 4L), (deals.Records.Inserted, deals.Rejected));
        Assert.Equal(["D1", 125_002_500L, "USD", "won"], (await f.Rows("SELECT id, amount_e4, currency, status FROM deals"))[0]);
        Assert.Equal(
            [(3, "closed_at"), (4, "amount"), (5, "amount"), (6, "status"), (6, "currency")],
            f.Problems.Select(p => (p.Line, p.Column)));

        var reps = await f.Import(ImportKind.Reps, f.File("reps.csv", "id,name,team,time_zone,start_date,weekly_hours,marketing_share",
            "R1,Ann,East,America/New_York,2025-01-06,37.5,60%",
            "R2,Bob,West,Mars/Olympus,2025-13-01,200,1/3"));
        Assert.Equal((1L, 1L), (reps.Records.Inserted, reps.Rejected));
        Assert.Equal(["America/New_York", "2025-01-06", 375_000L, 6000L], (await f.Rows("SELECT time_zone, start_date, weekly_hours_e4, marketing_share_e4 FROM reps"))[0]);
        Assert.Equal(["time_zone", "start_date", "weekly_hours", "marketing_share"], f.Problems.Select(p => p.Column));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Import_HostileText_IsKeptVerbatim_ButNulIsRefused(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        const string script = "<script>alert('x')</script>";
        const string formula = "=HYPERLINK(\"http://evil\",\"click\")";
        var file = f.File("leads.csv", "id,created_at,name,company,title",
            $"L1,2026-01-01,\"{script}\",\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Ω 💡 ünïcode",
            "L2,2026-01-01,\"a\0b\",x,y",
            $"L3,2026-01-01,{new string('x', 2001)},x,y");
        var summary = await f.Import(ImportKind.Leads, file);
        Assert.Equal((1L, 2L), (summary.Records.Inserted, summary.Rejected));
        Assert.Equal([script, formula, "Ω 💡 ünïcode"], (await f.Rows("SELECT name, company, title FROM leads"))[0]);
        Assert.Equal("contains a NUL character", f.Problems[0].Reason);
        Assert.Contains("at most 2,000", f.Problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LocalTimes_AreReadInTheZone_WithTheDaylightSavingRules()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var file = f.File("leads.csv", "id,created_at",
            "winter,2026-03-06 16:30",
            "summer,2026-03-09T10:30:00",
            "date,2026-07-01",
            "gap,2026-03-08 02:30",        // no such local time: moves forward by the gap
            "overlap,2026-11-01 01:30",    // twice that night: the earlier
            "offset,2026-03-06T16:30:00+01:00",
            "zulu,2026-03-06T16:30:00.123Z");
        await f.Import(ImportKind.Leads, file, zone: zone);
        var times = (await f.Rows("SELECT id, created_at FROM leads")).ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.Equal(ImportFixture.Ms("2026-03-06T16:30:00-05:00"), times["winter"]);
        Assert.Equal(ImportFixture.Ms("2026-03-09T10:30:00-04:00"), times["summer"]);
        Assert.Equal(ImportFixture.Ms("2026-07-01T00:00:00-04:00"), times["date"]);
        Assert.Equal(ImportFixture.Ms("2026-03-08T03:30:00-04:00"), times["gap"]);
        Assert.Equal(ImportFixture.Ms("2026-11-01T01:30:00-04:00"), times["overlap"]);
        Assert.Equal(ImportFixture.Ms("2026-03-06T15:30:00Z"), times["offset"]);
        Assert.Equal(ImportFixture.Ms("2026-03-06T16:30:00.123Z"), times["zulu"]);
    }

    [Fact]
    public async Task Import_Stages_AcceptsLongFormsAndRefusesUnknownStages()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var summary = await f.Import(ImportKind.Stages, f.File("stages.csv", "lead_id,stage,changed_at,rep",
            "L1,sales-accepted lead,2026-01-01T10:00:00Z,rep1", "L1,closed won,2026-02-01T10:00:00Z,", "L1,Evangelist,2026-03-01T10:00:00Z,"));
        Assert.Equal((2L, 1L), (summary.Records.Inserted, summary.Rejected));
        Assert.Equal(["SAL", "Customer"], (await f.Rows("SELECT stage FROM stage_changes ORDER BY at")).Select(r => r[0]));
        Assert.StartsWith("'Evangelist' is not a known stage (Lead, MQL", f.Problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SourceKeysRecords_SoTwoCrmsDoNotCollide()
    {
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var file = f.File("leads.csv", "id,created_at", "1,2026-01-01");
        await f.Import(ImportKind.Leads, file);
        var other = await f.Import(ImportKind.Leads, file, source: "salesforce");
        Assert.Equal(1L, other.Records.Inserted);
        Assert.Equal(["default", "salesforce"], (await f.Rows("SELECT source FROM leads ORDER BY source")).Select(r => r[0]));
    }
}
