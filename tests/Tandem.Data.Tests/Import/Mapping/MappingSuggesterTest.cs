using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Import.Mapping;

public class MappingSuggesterTest
{
    /// <summary>The real Olist funnel, read where it is kept (shared/datasets, beside the repository), never copied.</summary>
    private static string Olist(string file) => OlistDataset.File(file);

    private static FieldMapping Field(ImportMapping mapping, ImportKind kind, string name) =>
        mapping.Section(kind)!.Records[0].Fields.Single(f => f.Field.Name == name);

    [Fact]
    public async Task Olist_Leads_SuggestsDayFirstDates_TheOriginAsLeadType_AndImportsEveryRow()
    {
        var path = Olist("olist_marketing_qualified_leads_dataset.csv");
        var text = MappingSuggester.Suggest(path, ImportKind.Leads);
        var mapping = MappingFile.Parse(text, "suggested.yaml");

        Assert.Equal(["mql_id"], Field(mapping, ImportKind.Leads, "id").Columns);
        var created = Field(mapping, ImportKind.Leads, "created_at");
        Assert.Equal((["first_contact_date"], ["dd-MM-yyyy"]), (created.Columns.ToArray(), created.Formats.ToArray()), new ListPairComparer());
        Assert.Equal(["origin"], Field(mapping, ImportKind.Leads, "lead_type").Columns);
        Assert.Equal(["landing_page_id"], mapping.Ignore);
        Assert.Contains("      # unknown: \"\"  # ", text, StringComparison.Ordinal);
        Assert.Empty(Field(mapping, ImportKind.Leads, "lead_type").Values);

        // The suggestion imports the whole file as it is (8,000 rows, counted by the file's line count).
        await using var f = await ImportFixture.CreateAsync(DatabaseKind.Sqlite);
        var summary = await f.Import(ImportKind.Leads, path, mapping: mapping, dryRun: true);
        Assert.Equal((File.ReadLines(path).Count() - 1L, 0L), (summary.Records.Inserted, summary.Rejected));
    }

    [Fact]
    public void Olist_ClosedDeals_SuggestsWonDatesWithTime_WonStatus_NoAmountForZero_AndTheReps()
    {
        var text = MappingSuggester.Suggest(Olist("olist_closed_deals_dataset.csv"), ImportKind.Deals);
        var mapping = MappingFile.Parse(text, "suggested.yaml");

        Assert.Equal(["dd-MM-yyyy HH:mm"], Field(mapping, ImportKind.Deals, "closed_at").Formats);
        Assert.Equal(["won_date"], Field(mapping, ImportKind.Deals, "closed_at").Columns);
        Assert.Equal("won", Field(mapping, ImportKind.Deals, "status").Constant);
        Assert.Equal(["mql_id"], Field(mapping, ImportKind.Deals, "lead_id").Columns);
        Assert.Equal(new ValueTranslation("0", "", Field(mapping, ImportKind.Deals, "amount").Values[0].Line), Assert.Single(Field(mapping, ImportKind.Deals, "amount").Values));
        Assert.Contains("sdr_id", mapping.Ignore);
        Assert.Contains("#   - { id: sdr_id, only_if: id }", text, StringComparison.Ordinal);
        Assert.Contains("'26-02-2018 19:58' settles the order", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Vocabulary_RecognisedValuesAreTranslated_AndTheOthersListed()
    {
        var text = MappingSuggester.Suggest(
            ["Activity ID", "Contact ID", "Activity Type", "Activity Date", "Call Result", "Notes"],
            [
                ["a1", "c1", "Phone Call", "01/02/2026 9:00 AM", "Left Voicemail", "x"],
                ["a2", "c1", "Email", "01/13/2026 9:00 AM", "Connected", "y"],
                ["a3", "c2", "Carrier pigeon", "01/14/2026 10:30 PM", "Connected", "z"],
            ],
            ImportKind.Touches, "activities.csv");
        var mapping = MappingFile.Parse(text, "suggested.yaml");

        Assert.Equal(["Activity ID"], Field(mapping, ImportKind.Touches, "id").Columns);
        Assert.Equal(["Contact ID"], Field(mapping, ImportKind.Touches, "lead_id").Columns);
        Assert.Equal(["MM/dd/yyyy h:mm tt"], Field(mapping, ImportKind.Touches, "touched_at").Formats);
        Assert.Equal([("Phone Call", "call")], Field(mapping, ImportKind.Touches, "channel").Values.Select(v => (v.From, v.To)));
        Assert.Contains("# Carrier pigeon: ?  # not recognised (1 sampled rows)", text, StringComparison.Ordinal);
        Assert.Equal(["Left Voicemail"], Field(mapping, ImportKind.Touches, "outcome").Values.Select(v => v.From));
        Assert.Equal(["Notes"], mapping.Ignore);
    }

    [Fact]
    public void AmbiguousDates_AndUnmatchedRequiredFields_AreSaidInComments()
    {
        var text = MappingSuggester.Suggest(["lead", "when", "what"], [["L1", "01/02/2026", "stage?"]], ImportKind.Stages, "s.csv");
        Assert.Contains("AMBIGUOUS: no value settles day against month, MM/dd/yyyy fits as well", text, StringComparison.Ordinal);
        Assert.Contains("# stage: COLUMN  # required: no column looked like it", text, StringComparison.Ordinal);
        Assert.Contains("lead_id: lead", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstAndLastName_AreJoined()
    {
        var text = MappingSuggester.Suggest(["Record ID", "First Name", "Last Name", "Create Date"], [["1", "Ann", "Lee", "2026-01-05 09:00"]], ImportKind.Leads, "c.csv");
        var mapping = MappingFile.Parse(text, "suggested.yaml");
        Assert.Equal(["First Name", "Last Name"], Field(mapping, ImportKind.Leads, "name").Join);
        Assert.Empty(Field(mapping, ImportKind.Leads, "created_at").Formats);
        Assert.Empty(mapping.Ignore);
    }

    [Fact]
    public void StageDateColumns_BecomeStageRecords_OnlyWhereTheDateIsFilled()
    {
        var text = MappingSuggester.Suggest(
            ["Record ID", "Create Date", "Became a Lead Date", "Became a Marketing Qualified Lead Date", "Became an Evangelist Date", "Lifecycle Stage"],
            [["1", "2026-01-05 09:00", "2026-01-05 09:00", "06.01.2026 10:00", "2026-01-07", "marketingqualifiedlead"], ["2", "2026-01-05 09:00", "", "", "", "lead"]],
            ImportKind.Leads, "contacts.csv");
        var mapping = MappingFile.Parse(text, "suggested.yaml");

        var stages = mapping.Section(ImportKind.Stages)!.Records;
        Assert.Equal(["Lead", "MQL"], stages.Select(r => r.Fields.Single(f => f.Field.Name == "stage").Constant));
        Assert.All(stages, r => Assert.Equal(["changed_at"], r.OnlyIf));
        Assert.Equal(["dd.MM.yyyy HH:mm"], stages[1].Fields.Single(f => f.Field.Name == "changed_at").Formats);
        Assert.Equal(["Lifecycle Stage"], mapping.Section(ImportKind.Leads)!.Records[0].CurrentStage!.Columns);
        Assert.Equal(["Became an Evangelist Date"], mapping.Ignore);
    }

    [Fact]
    public void WonDeals_YieldTheLeadsCustomerStage()
    {
        var text = MappingSuggester.Suggest(Olist("olist_closed_deals_dataset.csv"), ImportKind.Deals);
        var stage = Assert.Single(MappingFile.Parse(text, "suggested.yaml").Section(ImportKind.Stages)!.Records);
        Assert.Equal("Customer", stage.Fields.Single(f => f.Field.Name == "stage").Constant);
        Assert.Equal(["mql_id"], stage.Fields.Single(f => f.Field.Name == "lead_id").Columns);
        Assert.Equal(["dd-MM-yyyy HH:mm"], stage.Fields.Single(f => f.Field.Name == "changed_at").Formats);
    }

    private sealed class ListPairComparer : IEqualityComparer<(string[], string[])>
    {
        public bool Equals((string[], string[]) x, (string[], string[]) y) => x.Item1.SequenceEqual(y.Item1) && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((string[], string[]) obj) => 0;
    }

    [Fact]
    public void Workbook_IsReadAsTheImportReadsIt_DateCellsSuggestedAsIso()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tandem-suggest-{Guid.NewGuid():N}.xlsx");
        try
        {
            XlsxFile.Write(path, ("Leads", [
                (1, ["Lead ID", "Created", "Source"]),
                (2, ["L1", XCell.Num("43157.5", "dd/mm/yyyy hh:mm"), "webinar"]),
                (3, ["L2", XCell.Num("43158", "14"), "ebook"]),
            ]));
            var mapping = MappingFile.Parse(MappingSuggester.Suggest(path, ImportKind.Leads, "Leads"), "suggested.yaml");
            Assert.Equal(["Lead ID"], Field(mapping, ImportKind.Leads, "id").Columns);
            var created = Field(mapping, ImportKind.Leads, "created_at");
            Assert.Equal(["Created"], created.Columns);
            Assert.All(created.Formats, format => Assert.Equal(SourceTimes.Iso, format));
            Assert.Throws<ImportFileException>(() => MappingSuggester.Suggest(path, ImportKind.Leads, "Nope"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
