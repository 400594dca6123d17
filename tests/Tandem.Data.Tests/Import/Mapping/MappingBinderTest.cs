using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.Tests.Import.Mapping;

public class MappingBinderTest
{
    private static readonly ImportContext Utc = new("default", DateTimeZone.Utc, null);

    private static RowMapper Bind(string yaml, ImportKind kind, params string[] header) =>
        MappingBinder.Bind(MappingFile.Parse(yaml, "m.yaml"), kind, header, Utc, "data.csv");

    private static MappingFileError BindError(string yaml, ImportKind kind, params string[] header) =>
        Assert.Single(Assert.Throws<MappingFileException>(() => Bind(yaml, kind, header)).Errors);

    private static MappedRow Map(RowMapper mapper, params string[] cells)
    {
        var row = new MappedRow();
        mapper.Map(cells, row);
        return row;
    }

    [Fact]
    public void ColumnTheFileLacks_IsRefusedWithTheMappingsLine_AndTheColumnsFound()
    {
        var error = BindError("deals:\n  id: deal\n  status: { constant: won }\n  closed_at: { column: won_dat, format: dd-MM-yyyy }\n", ImportKind.Deals, "deal", "won_date");
        Assert.Equal("m.yaml:4: deals.closed_at: column 'won_dat' is not in data.csv (found: deal, won_date)", error.ToString());
    }

    [Fact]
    public void NoneOfTheAlternatives_IsRefused()
    {
        var error = BindError("reps:\n  id: [Rep ID, Owner ID]\n", ImportKind.Reps, "User");
        Assert.Equal((2, "reps.id"), (error.Line, error.Key));
        Assert.StartsWith("none of the columns 'Rep ID', 'Owner ID' is in data.csv", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantTandemDoesNotAccept_IsRefused()
    {
        var error = BindError("stages:\n  lead_id: l\n  stage: { constant: Won-ish }\n  changed_at: t\n", ImportKind.Stages, "l", "t");
        Assert.Equal((3, "stages.stage.constant"), (error.Line, error.Key));
        Assert.StartsWith("'Won-ish' is not a known stage", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TranslationToAValueTandemDoesNotAccept_IsRefused()
    {
        var error = BindError("deals:\n  id: d\n  status:\n    column: s\n    values:\n      closed_won: wonn\n      closed_lost: lost\n", ImportKind.Deals, "d", "s");
        Assert.Equal("m.yaml:6: deals.status.values.closed_won: 'wonn' is not a deal status (open, won, lost)", error.ToString());
    }

    [Fact]
    public void KindWithoutSection_IsRefusedNamingTheMappingAndTheKind()
    {
        var error = BindError("reps:\n  id: r\n", ImportKind.Deals, "r");
        Assert.Equal("m.yaml: deals: the mapping has no deals section (it maps reps); import one of those, or add a deals: section", error.ToString());
    }

    [Fact]
    public void OptionalColumnsAbsent_LeaveTheFieldOut_AndARecordWhoseRequiredFieldIsAbsentIsDropped()
    {
        var mapper = Bind("""
            leads:
              id: id
              created_at: at
              segment: { column: Segment, optional: true }
            stages:
              - { lead_id: id, stage: { constant: MQL }, changed_at: { column: mql_at, optional: true } }
            """, ImportKind.Leads, "id", "at");
        Assert.Equal(["created_at"], mapper.Fields);
        Assert.Empty(mapper.OtherKinds);
    }

    [Fact]
    public void EveryRecordOfTheKindDropped_IsRefused()
    {
        var error = BindError("stages:\n  lead_id: id\n  stage: { constant: MQL }\n  changed_at: { column: mql_at, optional: true }\n", ImportKind.Stages, "id");
        Assert.Contains("no record of it can be read from data.csv", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_AlternativesJoinConstantFormatAndTranslations()
    {
        var mapper = Bind("""
            leads:
              id: [Record ID, id]
              created_at: { column: created, format: dd-MM-yyyy HH:mm, zone: America/Sao_Paulo }
              name: { join: [first, middle, last] }
              lead_type: { column: origin, values: { "unknown": "", organic_search: Organic } }
              segment: { constant: SMB }
            """, ImportKind.Leads, "id", "created", "first", "last", "origin");
        var row = Map(mapper, "L1", "26-02-2018 19:58", " Ann ", "", "organic_search");
        Assert.True(row.IsValid, string.Join("; ", row.Problems));
        Assert.Equal(["created_at", "lead_type", "segment", "name"], mapper.Fields);
        Assert.Equal(["default", "L1", Instant.FromUtc(2018, 2, 26, 22, 58).ToUnixTimeMilliseconds(), "Organic", "SMB", "Ann"], row.Values);
        Assert.Null(Map(mapper, "L2", "26-02-2018 19:58", "", "", " UNKNOWN ").Values[3]);
    }

    [Fact]
    public void Map_TheMappingsZoneWinsOverTheImports_AndAFieldsZoneOverTheMappings()
    {
        var yaml = "zone: Asia/Tokyo\nleads:\n  id: id\n  created_at: { column: at, format: dd-MM-yyyy HH:mm }\nstages:\n  lead_id: id\n  stage: { constant: MQL }\n  changed_at: { column: at, format: dd-MM-yyyy HH:mm, zone: UTC }\n";
        var row = Map(MappingBinder.Bind(MappingFile.Parse(yaml, "m.yaml"), ImportKind.Leads, ["id", "at"], new ImportContext("s", DateTimeZoneProviders.Tzdb["Europe/Berlin"], null), "f"), "L", "01-02-2018 09:00");
        Assert.Equal(Instant.FromUtc(2018, 2, 1, 0, 0).ToUnixTimeMilliseconds(), row.Values[2]);
        Assert.Equal(Instant.FromUtc(2018, 2, 1, 9, 0).ToUnixTimeMilliseconds(), row.Records[1].Values[3]);
    }

    [Fact]
    public void Map_DateNotInTheFormat_AndUntranslatedValue_AreRowErrorsNamingTheColumn()
    {
        var mapper = Bind("deals:\n  id: d\n  status: { column: s, values: { closed_won: won } }\n  closed_at: { column: c, format: dd-MM-yyyy }\n", ImportKind.Deals, "d", "s", "c");
        var row = Map(mapper, "D1", "closed_maybe", "2018-02-31");
        Assert.Equal(
            [("s", "'closed_maybe' is not a deal status (open, won, lost); translate it under values in the mapping"), ("c", "'2018-02-31' is not a time (expected dd-MM-yyyy)")],
            row.Problems);
        Assert.True(Map(mapper, "D2", "Closed_Won", "01-02-2018").IsValid);
    }

    [Fact]
    public void Map_OnlyIf_YieldsNoRecordForAnEmptyField_AndAColumnReadTwiceIsReportedOnce()
    {
        var mapper = Bind("""
            deals:
              id: mql_id
              status: { constant: won }
              lead_id: mql_id
              closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
            reps:
              - { id: sdr_id, team: { constant: SDR }, only_if: id }
              - { id: sr_id, team: { constant: closers }, only_if: id }
            """, ImportKind.Deals, "mql_id", "sdr_id", "sr_id", "won_date");
        Assert.Equal([ImportKind.Reps], mapper.OtherKinds);
        var row = Map(mapper, "M1", "", "R2", "26-02-2018 19:58");
        Assert.True(row.IsValid);
        Assert.Equal([0, 2], row.Records.Select(r => r.Binding));
        Assert.Equal(["default", "R2", "closers"], row.Records[1].Values);
        Assert.Equal([("mql_id", "is required but empty")], Map(mapper, "", "R1", "R2", "26-02-2018 19:58").Problems);
    }

    [Fact]
    public void Ignore_SeparatesColumnsTheMappingIgnoresFromColumnsNotRead()
    {
        var mapper = Bind("ignore: [landing_page_id, not_in_file]\nleads:\n  id: mql_id\n  created_at: { column: first_contact_date, format: dd-MM-yyyy }\n",
            ImportKind.Leads, "mql_id", "first_contact_date", "landing_page_id", "origin");
        Assert.Equal(["landing_page_id"], mapper.MappingIgnored);
        Assert.Equal(["origin"], mapper.IgnoredColumns);
    }

    [Fact]
    public void ShippedHubSpot_MatchesTheOldLayout_OnlyTheDatesFilledYieldStages()
    {
        var mapper = ImportLayouts.Bind(ImportLayouts.HubSpot, ImportKind.Leads,
            ["Record ID", "Create Date", "Became a Lead Date", "Became a Customer Date", "Lifecycle Stage", "Phone Number"], Utc);
        Assert.Equal(["Phone Number"], mapper.IgnoredColumns);
        var row = Map(mapper, "7", "2026-01-05 09:00", "2026-01-05 09:00", "", "customer", "555");
        Assert.True(row.IsValid);
        Assert.Equal([ImportKind.Leads, ImportKind.Stages], row.Records.Select(r => mapper.Records[r.Binding].Kind));
        Assert.Equal([("undatedCurrentStages", "Customer")], row.Flags);
        var missing = Assert.Throws<MappingFileException>(() => ImportLayouts.Bind(ImportLayouts.HubSpot, ImportKind.Leads, ["Email"], Utc));
        // The id column every stage record reads too is one problem, not six.
        Assert.Equal(["leads.id", "leads.created_at"], missing.Errors.Select(x => x.Key));
        Assert.Equal("--from hubspot (hubspot-contacts.yaml)", missing.Errors[0].File);
        var e = Assert.Throws<ImportFileException>(() => ImportLayouts.Bind(ImportLayouts.HubSpot, ImportKind.Deals, ["Record ID"], Utc));
        Assert.StartsWith("--from hubspot reads leads only", e.Message, StringComparison.Ordinal);
    }
}
