using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.UseCases;

/// <summary>
/// Changing a lead through the use case the CLI and the API call: the change is stamped at the
/// injected clock's now; a missing lead is NotFound; a refused merge target is a typed problem of
/// <c>into</c> and changes nothing.
/// </summary>
public class ChangeLeadTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static async Task<ImportFixture> SeedAsync(DatabaseKind kind)
    {
        var fixture = await ImportFixture.CreateAsync(kind);
        RecordInput Lead(string id) => new(null, new Dictionary<string, string?> { ["id"] = id, ["created_at"] = "2026-11-20T09:00:00Z" });
        var result = await IngestRecords.RunAsync(fixture.Database, ImportKind.Leads, [Lead("A"), Lead("B")], DateTimeZone.Utc, null, new FakeClock(Now));
        Assert.Equal(2, result.Records.Inserted);
        return fixture;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Delete_Restore_Merge_AreStampedAtTheClocksNow(DatabaseKind kind)
    {
        await using var fixture = await SeedAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();
        var later = Now + Duration.FromHours(1);

        var deleted = await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Delete, "default", "A"), new FakeClock(later));
        Assert.Equal((LeadChange.Done, null), (deleted.Change, deleted.MergedInto));
        Assert.Equal([later.ToUnixTimeMilliseconds(), later.ToUnixTimeMilliseconds()], Assert.Single(await fixture.Rows("SELECT deleted_at, updated_at FROM leads WHERE id = 'A'")));
        Assert.Equal(LeadChange.AlreadyDone, (await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Delete, "default", "A"), new FakeClock(later))).Change);
        Assert.Equal(LeadChange.Done, (await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Restore, "default", "A"), new FakeClock(later))).Change);

        var merged = await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Merge, "default", "A", " B "), new FakeClock(later));
        Assert.Equal((LeadChange.Done, "B"), (merged.Change, merged.MergedInto));
        Assert.Empty(merged.Problems);
        Assert.Equal(["B"], Assert.Single(await fixture.Rows("SELECT merged_into FROM leads WHERE id = 'A'")));
    }

    public static TheoryData<DatabaseKind, string, string?, string> Refusals()
    {
        var data = new TheoryData<DatabaseKind, string, string?, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            data.Add(kind, "A", null, "is required (the id of the lead this one was merged into)");
            data.Add(kind, "A", "  ", "is required (the id of the lead this one was merged into)");
            data.Add(kind, "A", "Z", "lead Z: not found in source default");
            data.Add(kind, "A", "A", "lead A is the same lead; merging would make a loop");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedMerge_IsAProblemOfInto_AndChangesNothing(DatabaseKind kind, string id, string? into, string reason)
    {
        await using var fixture = await SeedAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();
        var before = await fixture.Rows("SELECT id, merged_into, updated_at FROM leads ORDER BY id");

        var result = await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Merge, "default", id, into), new FakeClock(Now + Duration.FromHours(1)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("into", reason), (problem.Field, problem.Reason));
        Assert.Null(result.MergedInto);
        Assert.Equal(before, await fixture.Rows("SELECT id, merged_into, updated_at FROM leads ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AMissingLead_IsNotFound_ForEveryOperation(DatabaseKind kind)
    {
        await using var fixture = await SeedAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();
        foreach (var operation in Enum.GetValues<LeadOperation>())
        {
            var result = await ChangeLead.RunAsync(connection, new LeadChangeInput(operation, "default", "nobody", "B"), new FakeClock(Now));
            Assert.Equal((LeadChange.NotFound, null, 0), (result.Change, result.MergedInto, result.Problems.Count));
        }
        // The lead exists in another source only: still not found in this one.
        Assert.Equal(LeadChange.NotFound, (await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Delete, "crm-b", "A"), new FakeClock(Now))).Change);
    }
}
