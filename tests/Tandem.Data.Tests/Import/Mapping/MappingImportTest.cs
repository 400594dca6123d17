using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Import.Mapping;

public class MappingImportTest
{
    private const string DealsMapping = """
        zone: America/Sao_Paulo
        ignore: [business_segment]
        deals:
          id: mql_id
          status: { constant: won }
          lead_id: mql_id
          closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
          amount: { column: declared_monthly_revenue, values: { "0": "" } }
        stages:
          - { lead_id: mql_id, stage: { constant: Customer }, changed_at: { column: won_date, format: dd-MM-yyyy HH:mm }, rep: sr_id }
        reps:
          - { id: sdr_id, team: { constant: SDR }, only_if: id }
          - { id: sr_id, team: { constant: closers }, only_if: id }
        """;

    private static string[] DealRows =>
    [
        "mql_id,sdr_id,sr_id,won_date,business_segment,declared_monthly_revenue",
        "M1,S1,C1,26-02-2018 19:58,pet,0",
        "M2,S1,C2,08-05-2018 20:17,car,1500",
        "M3,S2,C1,05-06-2018 17:27,home,0",
        "M4,,C2,05-06-2018 17:27,home,",
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DealsExport_FeedsRepsStagesAndDeals_ARepInManyRowsIsOneRep_AndRepeatingChangesNothing(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse(DealsMapping, "deals.yaml");
        var file = f.File("deals.csv", DealRows);

        // Batch size 1: a rep's repeats land in different transactions and still only one is written.
        var first = await f.Import(ImportKind.Deals, file, mapping: mapping, batchSize: 1);

        Assert.Equal((4L, 4L, 0L), (first.Rows, first.Records.Inserted, first.Rejected));
        Assert.Equal([ImportKind.Stages, ImportKind.Reps], first.Derived.Keys);
        Assert.Equal((4L, 0L), (first.Derived[ImportKind.Stages].Inserted, first.Derived[ImportKind.Stages].Superseded));
        var reps = first.Derived[ImportKind.Reps];
        Assert.Equal((4L, 0L, 3L, 3L), (reps.Inserted, reps.Updated, reps.Unchanged, reps.Superseded));
        Assert.Equal(["business_segment"], first.MappingIgnored);
        Assert.Equal([["C1", "closers", 1L], ["C2", "closers", 1L], ["S1", "SDR", 1L], ["S2", "SDR", 1L]], await f.Rows("SELECT id, team, revision FROM reps ORDER BY id"));
        Assert.Equal([["M1", null, "won"], ["M2", 1500_0000L, "won"], ["M3", null, "won"], ["M4", null, "won"]], await f.Rows("SELECT id, amount_e4, status FROM deals ORDER BY id"));
        Assert.Equal(ImportFixture.Ms("2018-02-26T22:58:00Z"), (await f.Rows("SELECT closed_at FROM deals WHERE id = 'M1'"))[0][0]);
        Assert.Equal([["M1", "Customer", "C1"], ["M2", "Customer", "C2"], ["M3", "Customer", "C1"], ["M4", "Customer", "C2"]],
            await f.Rows("SELECT lead_id, stage, rep FROM stage_changes ORDER BY lead_id"));

        var again = await f.Import(ImportKind.Deals, file, mapping: mapping, batchSize: 1);
        Assert.Equal((0L, 0L, 4L), (again.Records.Inserted, again.Records.Updated, again.Records.Unchanged));
        Assert.Equal((0L, 0L), (again.Derived[ImportKind.Reps].Inserted, again.Derived[ImportKind.Reps].Updated));
        Assert.Equal((0L, 0L), (again.Derived[ImportKind.Stages].Inserted, again.Derived[ImportKind.Stages].Updated));
        Assert.All(await f.Rows("SELECT revision FROM reps UNION ALL SELECT revision FROM deals UNION ALL SELECT revision FROM stage_changes"), r => Assert.Equal(1L, r[0]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task LeadsFromAnotherExport_UpdateOnlyTheMappedFields(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        await f.Import(ImportKind.Leads, f.File("leads.csv", "id,created_at,lead_type,name,email", "M1,2018-01-01,social,Ann,ann@example.com"));
        var mapping = MappingFile.Parse("""
            deals:
              id: mql_id
              status: { constant: won }
              lead_id: mql_id
              closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
            leads:
              id: mql_id
              created_at: { column: first_contact, format: dd-MM-yyyy }
              segment: lead_type
            """, "m.yaml");

        var summary = await f.Import(ImportKind.Deals, f.File("deals.csv", "mql_id,won_date,first_contact,lead_type", "M1,26-02-2018 19:58,01-01-2018,online_big"), mapping: mapping);

        Assert.Equal(1L, summary.Derived[ImportKind.Leads].Updated);
        Assert.Equal([["social", "online_big", "Ann", "ann@example.com", 2L]], await f.Rows("SELECT lead_type, segment, name, email, revision FROM leads"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task RowErrors_AreReportedByLineAndColumn_AndTheValidRowsAreImportedWhole(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse(DealsMapping, "deals.yaml");
        var errors = f.PathOf("rejected.csv");
        var file = f.File("deals.csv",
            "mql_id,sdr_id,sr_id,won_date,business_segment,declared_monthly_revenue",
            "M1,S1,C1,2018-02-26 19:58,pet,0",
            "M2,S9,C2,08-05-2018 20:17,car,lots",
            "M3,S2,C1,05-06-2018 17:27,home,0");

        var summary = await f.Import(ImportKind.Deals, file, mapping: mapping, errors: errors);

        Assert.Equal((1L, 2L), (summary.Records.Inserted, summary.Rejected));
        Assert.Equal([(2, "won_date"), (3, "declared_monthly_revenue")], f.Problems.Select(p => (p.Line, p.Column)));
        Assert.Equal("'2018-02-26 19:58' is not a time (expected dd-MM-yyyy HH:mm)", f.Problems[0].Reason);
        // Nothing of a rejected row is written: not its deal, its stage or its reps.
        Assert.Equal([["C1"], ["S2"]], await f.Rows("SELECT id FROM reps ORDER BY id"));
        Assert.Equal(1L, await f.Count("stage_changes"));
        var rejected = await File.ReadAllLinesAsync(errors);
        Assert.Equal(3, rejected.Length);
        Assert.StartsWith("M1,S1,C1,2018-02-26 19:58,pet,0,won_date: ", rejected[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task MappingThatDoesNotFitTheFile_IsRefusedBeforeAnythingIsWritten(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse(DealsMapping.Replace("sdr_id, team", "sdr, team", StringComparison.Ordinal), "deals.yaml");
        var e = await Assert.ThrowsAsync<MappingFileException>(() => f.Import(ImportKind.Deals, f.File("deals.csv", DealRows), mapping: mapping));
        Assert.Equal((12, "reps[1].id"), (e.Errors[0].Line, e.Errors[0].Key));
        Assert.Equal(0L, await f.Count("deals"));
        Assert.Equal(0L, await f.Count("reps"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task OnlyIfOnTheImportedKind_CountsTheRowsWithoutARecordAsSkipped(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse("stages:\n  lead_id: id\n  stage: { constant: SQL }\n  changed_at: { column: converted, format: M/d/yyyy }\n  only_if: changed_at\n", "m.yaml");
        var summary = await f.Import(ImportKind.Stages, f.File("leads.csv", "id,converted", "A,3/20/2026", "B,"), mapping: mapping, zone: DateTimeZoneProviders.Tzdb["America/Chicago"]);
        Assert.Equal((2L, 1L, 1L, 0L), (summary.Rows, summary.Records.Inserted, summary.Skipped, summary.Rejected));
        Assert.Equal([["A", ImportFixture.Ms("2026-03-20T05:00:00Z")]], await f.Rows("SELECT lead_id, at FROM stage_changes"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Workbook_ThroughTheSameMapping_ReadsDateCellsAsDates_AndReportsQualityPerKindWritten(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse(DealsMapping, "deals.yaml");
        var xlsx = f.PathOf("deals.xlsx");
        // won_date as the spreadsheet holds it: real date cells (one of them typed as text in the source's format), not text in dd-MM-yyyy HH:mm.
        XlsxFile.Write(xlsx, ("Deals", [
            (1, ["mql_id", "sdr_id", "sr_id", "won_date", "business_segment", "declared_monthly_revenue"]),
            (2, ["M1", "S1", "C1", XCell.Num("43157.83194444444", "dd/mm/yyyy hh:mm"), "pet", XCell.Num("0")]),
            (3, ["M2", "S1", "C2", "08-05-2018 20:17", "car", XCell.Num("1500")]),
            (4, ["M3", "S2", "C1", XCell.Num("43256.727083333331", "22"), "home", XCell.Num("0")]),
            (5, ["M4", null, "C2", XCell.Num("43256.727083333331", "22"), "home", null]),
        ]));

        var summary = await f.Import(ImportKind.Deals, xlsx, mapping: mapping);

        Assert.Equal(("Deals", 4L, 4L, 0L), (summary.Sheet, summary.Rows, summary.Records.Inserted, summary.Rejected));
        Assert.Equal([ImportKind.Stages, ImportKind.Reps], summary.Derived.Keys);
        Assert.Equal(
            [["M1", ImportFixture.Ms("2018-02-26T22:58:00Z"), null], ["M2", ImportFixture.Ms("2018-05-08T23:17:00Z"), 1500_0000L],
             ["M3", ImportFixture.Ms("2018-06-05T20:27:00Z"), null], ["M4", ImportFixture.Ms("2018-06-05T20:27:00Z"), null]],
            await f.Rows("SELECT id, closed_at, amount_e4 FROM deals ORDER BY id"));
        Assert.Equal(4L, await f.Count("stage_changes"));

        // One quality section per kind written: the deals' own, then the stage changes' and the reps'.
        var quality = summary.Quality!;
        var amount = quality.Fields.Single(q => q.Field == "amount");
        Assert.Equal(("declared_monthly_revenue", 3L, 4L), (amount.Column, amount.Missing, amount.Of));
        Assert.Contains("no deal amount on 3 of 4 won deals: those customers add no revenue, so deal size, revenue share and lead value come out too low", quality.Findings);
        Assert.Equal(["reps", "stages"], quality.Derived!.Keys);
        Assert.Equal(("rep", "sr_id", 0L, 4L), quality.Derived["stages"].Fields.Select(q => (q.Field, q.Column, q.Missing, q.Of)).Single());
        var hours = quality.Derived["reps"].Fields.Single(q => q.Field == "weekly_hours");
        Assert.Equal((null, null, 4L), (hours.Column, hours.Missing, hours.Of));
        Assert.Contains(quality.Derived["reps"].Findings, x => x.StartsWith("no weekly hours in the store: none of its 4 reps has one", StringComparison.Ordinal));
        Assert.Equal(quality.Findings.Count + 2, quality.AllFindings().Count());
        Assert.Equal(quality.AllFindings(), ImportQuality.FromJson(quality.ToJson())!.AllFindings());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DeliverableKinds_ImportThroughAMapping_OneExportFeedingContentAndItsUses(DatabaseKind kind)
    {
        await using var f = await ImportFixture.CreateAsync(kind);
        var mapping = MappingFile.Parse("""
            zone: Europe/Berlin
            content:
              id: Asset
              kind: { column: Type, values: { WP: white paper } }
              published_at: { column: Published, format: dd.MM.yyyy }
              title: Name
            content-uses:
              id: Use
              piece_id: Asset
              used_at: { column: Sent, format: dd.MM.yyyy HH:mm }
              rep: Rep
            """, "assets.yaml");
        var file = f.File("assets.csv", "Use,Asset,Type,Published,Name,Sent,Rep", "U1,P1,WP,02.11.2026,The SLA,05.11.2026 09:30,ana", "U2,P1,WP,02.11.2026,The SLA,06.11.2026 14:00,bo");

        var summary = await f.Import(ImportKind.Content, file, mapping: mapping);

        Assert.Equal((2L, 1L, 1L, 0L), (summary.Rows, summary.Records.Inserted, summary.Superseded, summary.Rejected));
        Assert.Equal(2L, summary.Derived[ImportKind.ContentUses].Inserted);
        Assert.Equal([["P1", "white paper", ImportFixture.Ms("2026-11-01T23:00:00Z"), "The SLA"]], await f.Rows("SELECT id, kind, published_at, title FROM content_pieces"));
        Assert.Equal([["U1", "P1", ImportFixture.Ms("2026-11-05T08:30:00Z"), "ana"], ["U2", "P1", ImportFixture.Ms("2026-11-06T13:00:00Z"), "bo"]],
            await f.Rows("SELECT id, piece_id, used_at, rep FROM content_uses ORDER BY id"));
    }

    [Fact]
    public void EveryDeliverableKind_HasAGenericMapping_ThatBindsToItsOwnColumns()
    {
        foreach (var kind in ImportKinds.All)
        {
            var mapping = MappingFile.Parse(GenericMapping.Text(kind), $"{kind.Word()}.yaml");
            var header = GenericFields.For(kind).Select(field => field.Name).ToArray();
            var mapper = MappingBinder.Bind(mapping, kind, header, new ImportContext("default", DateTimeZone.Utc, null), $"{kind.Word()}.csv");
            Assert.Equal(kind, mapper.Kind);
            Assert.Empty(mapper.IgnoredColumns);
        }
    }
}
