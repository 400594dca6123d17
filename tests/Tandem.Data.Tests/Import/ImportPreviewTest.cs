using NodaTime;
using Tandem.Data.Import;

namespace Tandem.Data.Tests.Import;

public sealed class ImportPreviewTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-preview-tests", Guid.NewGuid().ToString("N"));

    public ImportPreviewTest() => Directory.CreateDirectory(_folder);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static ImportRequest Request(ImportKind kind, string path, string layout = ImportLayouts.Generic, string zone = "UTC") =>
        new(kind, path, layout, new ImportContext("default", DateTimeZoneProviders.Tzdb[zone], null));

    [Fact]
    public void Read_ShowsEachFieldAsStored_AndEachProblem_ForTheFirstRowsOnly()
    {
        var path = File("deals.csv", "id,status,amount,closed_at,note", "D1,Won,1234.5,2026-03-06T16:30:00-05:00,x", "D2,maybe,12.34567,,y", "D3,open,,,bro\"ken", "D4,lost,1,2026-01-01,z");

        var preview = ImportPreview.Read(Request(ImportKind.Deals, path, zone: "Europe/Berlin"), limit: 3);

        Assert.Equal(["id", "status", "amount", "closed_at"], preview.Fields.Select(f => f.Field));
        Assert.Equal(["note"], preview.IgnoredColumns);
        Assert.True(preview.More);
        Assert.Equal(3, preview.Rows.Count);
        Assert.Equal(["D1", "won", "1234.5", "2026-03-06T22:30:00+01:00"], preview.Rows[0].Values);
        Assert.Empty(preview.Rows[0].Problems);
        Assert.Equal([(3, "status"), (3, "amount")], preview.Rows[1].Problems.Select(p => (p.Line, p.Column)));
        Assert.Equal([null, null, null, null], preview.Rows[2].Values); // a row broken in shape has no values to show
        Assert.Equal("row", Assert.Single(preview.Rows[2].Problems).Column);
    }

    [Fact]
    public void Read_ContentPieces_ShowsThePublicationTimeAsATime_NotMilliseconds()
    {
        var path = File("content.csv", "id,kind,published_at,title", "C1,blog post,2026-03-06T16:30:00-05:00,Pipeline math");

        var preview = ImportPreview.Read(Request(ImportKind.Content, path, zone: "Europe/Berlin"));

        Assert.Equal(["id", "kind", "published_at", "title"], preview.Fields.Select(f => f.Field));
        Assert.Equal(["C1", "blog post", "2026-03-06T22:30:00+01:00", "Pipeline math"], Assert.Single(preview.Rows).Values);
    }

    [Fact]
    public void Read_HubSpot_NamesTheFilesColumns_AndListsTheStageChangesEachRowYields()
    {
        var path = File("contacts.csv", "Record ID,Create Date,Original Source,Became a Marketing Qualified Lead Date", "101,2026-01-05 10:00,Organic Search,2026-01-06 09:00");

        var preview = ImportPreview.Read(Request(ImportKind.Leads, path, ImportLayouts.HubSpot));

        Assert.True(preview.DerivesStages);
        Assert.Equal(new PreviewField("lead_type", "Original Source"), preview.Fields.Single(f => f.Field == "lead_type"));
        Assert.Equal(["MQL 2026-01-06T09:00:00Z"], Assert.Single(preview.Rows).Stages);
        Assert.False(preview.More);
    }

    [Fact]
    public void Read_Workbook_NamesColumnsByHeaderAndLetter()
    {
        var path = Path.Combine(_folder, "leads.xlsx");
        XlsxFile.Write(path, ("Leads", [(1, ["id", "created_at"]), (4, ["A", XCell.Error("#DIV/0!")])]));

        var preview = ImportPreview.Read(Request(ImportKind.Leads, path));

        Assert.Equal("Leads", preview.Sheet);
        Assert.Equal([new PreviewField("id", "id (A)"), new PreviewField("created_at", "created_at (B)")], preview.Fields);
        Assert.Equal(new ImportProblem(4, "created_at (B)", "holds the spreadsheet error #DIV/0!"), Assert.Single(Assert.Single(preview.Rows).Problems));
    }

    [Fact]
    public void Read_FileRefusedWhole_Throws() =>
        Assert.Throws<ImportFileException>(() => ImportPreview.Read(Request(ImportKind.Leads, File("x.csv", "name", "a"))));

    public void Dispose() => Directory.Delete(_folder, true);
}
