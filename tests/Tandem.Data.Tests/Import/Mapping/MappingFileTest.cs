using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.Tests.Import.Mapping;

public class MappingFileTest
{
    private const string Example = """
        # mapping for: a deals export
        zone: America/Sao_Paulo
        ignore: [landing_page_id]
        deals:
          id: mql_id
          status: { constant: won }
          lead_id: [mql_id, lead]
          closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
          amount: { column: declared_monthly_revenue, values: { "0": "" } }
        stages:
          - { lead_id: mql_id, stage: { constant: Customer }, changed_at: { column: won_date, format: [dd-MM-yyyy HH:mm, iso], zone: UTC }, only_if: changed_at }
        reps:
          - { id: sdr_id, team: { constant: SDR } }
          - { id: sr_id, name: { join: [first, last], separator: ", ", optional: true } }
        """;

    [Fact]
    public void Parse_ReadsShortAndLongForms_AndOneSectionPerKind()
    {
        var mapping = MappingFile.Parse(Example, "m.yaml");

        Assert.Equal("America/Sao_Paulo", mapping.Zone!.Id);
        Assert.Equal(["landing_page_id"], mapping.Ignore);
        Assert.Equal([ImportKind.Reps, ImportKind.Stages, ImportKind.Deals], mapping.Kinds);
        var deals = Assert.Single(mapping.Section(ImportKind.Deals)!.Records);
        Assert.Equal(["mql_id"], deals.Fields.Single(f => f.Field.Name == "id").Columns);
        Assert.Equal("won", deals.Fields.Single(f => f.Field.Name == "status").Constant);
        Assert.Equal(["mql_id", "lead"], deals.Fields.Single(f => f.Field.Name == "lead_id").Columns);
        Assert.Equal(["dd-MM-yyyy HH:mm"], deals.Fields.Single(f => f.Field.Name == "closed_at").Formats);
        Assert.Equal(new ValueTranslation("0", "", 9), Assert.Single(deals.Fields.Single(f => f.Field.Name == "amount").Values));
        var stage = Assert.Single(mapping.Section(ImportKind.Stages)!.Records);
        Assert.Equal(("stages[1]", 11), (stage.Path, stage.Line));
        Assert.Equal(["changed_at"], stage.OnlyIf);
        var at = stage.Fields.Single(f => f.Field.Name == "changed_at");
        Assert.Equal(["dd-MM-yyyy HH:mm", "iso"], at.Formats);
        Assert.Equal(DateTimeZone.Utc, at.Zone);
        var reps = mapping.Section(ImportKind.Reps)!.Records;
        Assert.Equal(2, reps.Count);
        var name = reps[1].Fields.Single(f => f.Field.Name == "name");
        Assert.Equal(["first", "last"], name.Join);
        Assert.Equal((", ", true), (name.Separator, name.Optional));
    }

    [Fact]
    public void ShippedMappings_AllParse()
    {
        foreach (var shipped in ShippedMappings.All)
        {
            var mapping = ShippedMappings.Mapping(shipped);
            Assert.NotNull(mapping.Section(shipped.Kind));
        }
    }

    public static TheoryData<string, string, int, string, string> Errors => new()
    {
        { "unknown field", "deals:\n  id: a\n  status: s\n  stauts: x\n", 4, "deals.stauts", "did you mean 'status'?" },
        { "unknown kind", "leads:\n  id: a\n  created_at: b\nleeds:\n  id: a\n", 4, "leeds", "did you mean 'leads'?" },
        { "required field unmapped", "deals:\n  id: a\n", 2, "deals.status", "is required for deals" },
        { "minutes for months", "leads:\n  id: a\n  created_at: { column: d, format: dd-mm-yyyy }\n", 3, "leads.created_at.format", "mm is minutes, MM is the month" },
        { "no year", "leads:\n  id: a\n  created_at: { column: d, format: dd-MM }\n", 3, "leads.created_at.format", "has no year" },
        { "no day", "leads:\n  id: a\n  created_at: { column: d, format: MM-yyyy }\n", 3, "leads.created_at.format", "has no day of the month" },
        { "12-hour without tt", "leads:\n  id: a\n  created_at: { column: d, format: dd-MM-yyyy hh:mm }\n", 3, "leads.created_at.format", "no AM/PM (tt)" },
        { "standard format", "leads:\n  id: a\n  created_at: { column: d, format: d }\n", 3, "leads.created_at.format", "one-letter standard format" },
        { "optional offset", "leads:\n  id: a\n  created_at: { column: d, format: \"yyyy-MM-dd HH:mmK\" }\n", 3, "leads.created_at.format", "write zzz for an offset every value has, or set the field's zone with the zone key" },
        { "format on text", "leads:\n  id: { column: a, format: dd-MM-yyyy }\n  created_at: c\n", 2, "leads.id.format", "applies to times and dates; id is neither" },
        { "unknown zone", "zone: Mars/Olympus\nleads:\n  id: a\n  created_at: b\n", 1, "zone", "'Mars/Olympus' is not an IANA time zone" },
        { "unknown field zone", "leads:\n  id: a\n  created_at: { column: b, zone: Europe/Berln }\n", 3, "leads.created_at.zone", "'Europe/Berln' is not an IANA time zone" },
        { "zone on text", "leads:\n  id: { column: a, zone: UTC }\n  created_at: b\n", 2, "leads.id.zone", "applies to times" },
        { "constant and column", "deals:\n  id: a\n  status: { constant: won, column: s }\n", 3, "deals.status", "gives both a constant and a column" },
        { "neither", "deals:\n  id: a\n  status: { optional: true }\n", 3, "deals.status", "needs column, join or constant" },
        { "empty long form", "deals:\n  id: a\n  status: {}\n", 3, "deals.status", "needs column, join or constant" },
        { "empty constant for required", "deals:\n  id: a\n  status: { constant: \"\" }\n", 3, "deals.status.constant", "is empty, but status is required" },
        { "unknown field key", "deals:\n  id: a\n  status: { colum: s }\n", 3, "deals.status.colum", "did you mean 'column'?" },
        { "only_if unmapped", "reps:\n  id: a\n  only_if: team\n", 3, "reps.only_if", "'team' is not a field this record maps" },
        { "values not a mapping", "deals:\n  id: a\n  status: { column: s, values: [won] }\n", 3, "deals.status.values", "must map the source's values to Tandem's" },
        { "value translated twice", "deals:\n  id: a\n  status:\n    column: s\n    values:\n      Won: won\n      won: lost\n", 7, "deals.status.values.won", "is translated twice" },
        { "optional not a boolean", "reps:\n  id: a\n  team: { column: t, optional: maybe }\n", 3, "reps.team.optional", "'maybe' is not true or false" },
        { "join not a list", "reps:\n  id: a\n  name: { join: first }\n", 3, "reps.name.join", "must be a list of the columns to join" },
        { "separator without join", "reps:\n  id: a\n  name: { column: n, separator: \" \" }\n", 3, "reps.name.separator", "applies to join only" },
        { "empty section", "leads:\n", 1, "leads", "is empty" },
        { "empty field", "reps:\n  id:\n", 2, "reps.id", "is empty; name a column" },
        { "empty list", "reps: []\n", 1, "reps", "is an empty list" },
        { "record not a mapping", "reps:\n  - sdr_id\n", 2, "reps[1]", "must be a mapping" },
        { "no kind", "zone: UTC\n", 1, "file", "maps no kind" },
        { "current stage constant", "leads:\n  id: a\n  created_at: b\n  current_stage: { constant: MQL }\n", 4, "leads.current_stage", "a constant cannot be checked" },
        { "current stage outside leads", "deals:\n  id: a\n  status: s\n  current_stage: x\n", 4, "deals.current_stage", "unknown key" },
        { "invalid yaml", "leads:\n  id: [a, b\n", 3, "yaml", "" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Parse_RefusesWithLineAndKey(string scenario, string text, int line, string key, string reason)
    {
        var e = Assert.Throws<MappingFileException>(() => MappingFile.Parse(text, "m.yaml"));
        Assert.True(e.Errors.Any(x => x.Line == line && x.Key == key && x.Reason.Contains(reason, StringComparison.Ordinal)),
            $"{scenario}: {string.Join(" | ", e.Errors)}");
        Assert.All(e.Errors, x => Assert.Equal("m.yaml", x.File));
    }

    [Fact]
    public void Parse_ReportsEveryProblemAtOnce()
    {
        var e = Assert.Throws<MappingFileException>(() => MappingFile.Parse("zone: Nowhere\ndeals:\n  id: a\n  amount: { column: x, format: yyyy }\n", "m.yaml"));
        Assert.Equal(["deals.amount.format", "deals.status", "zone"], e.Errors.Select(x => x.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("# only a comment\n", "is empty")]
    public void Parse_EmptyFile_IsRefused(string text, string reason)
    {
        var error = Assert.Single(Assert.Throws<MappingFileException>(() => MappingFile.Parse(text, "m.yaml")).Errors);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsRefused()
    {
        var error = Assert.Single(Assert.Throws<MappingFileException>(() => MappingFile.Load("/no/such/mapping.yaml")).Errors);
        Assert.Equal("/no/such/mapping.yaml: --map: not found", error.ToString());
    }
}
