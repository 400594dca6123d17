using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.UseCases;

/// <summary>
/// Ingesting records through the use case the API and the Deliverables page call: each refused
/// record keeps its index with typed field problems, the valid ones are stored, times without a
/// zone are read in the given one, and a record the front end could not read is refused in its place.
/// </summary>
public class IngestRecordsTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static RecordInput Record(params (string Field, string? Value)[] fields) => new(null, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EachRefusal_KeepsItsIndexAndField_AndTheValidRecordsAreStored(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        RecordInput[] records =
        [
            Record(("id", "L1"), ("created_at", "2026-03-06 16:30"), ("email", "ann@example.com")),
            Record(("id", "L2"), ("created_at", "yesterday")),
            Record(("id", "L3")),
            new(null, new Dictionary<string, string?>(), [new FieldProblem("item", "42", "is a JSON number, not an object")]),
            Record(("id", "L4"), ("created_at", "2026-03-06"), ("createdAt", "typo")),
            new("  ", new Dictionary<string, string?> { ["id"] = "L5", ["created_at"] = "2026-03-06" }),
            new("crm-b", new Dictionary<string, string?> { ["id"] = "L1", ["created_at"] = "2026-03-07" }),
        ];

        var result = await IngestRecords.RunAsync(fixture.Database, ImportKind.Leads, records, DateTimeZoneProviders.Tzdb["America/New_York"], null, new FakeClock(Now));

        Assert.Equal((7, 2, 5), (result.Items, result.Records.Inserted, result.Rejected));
        Assert.Equal([(1, "created_at"), (2, "created_at"), (3, "item"), (4, "createdAt"), (5, "source")], result.Problems.Select(p => (p.Index, p.Field)));
        Assert.Equal("'yesterday'", result.Problems[0].Problem.Value is { } v ? $"'{v}'" : null);
        Assert.Equal("is required", result.Problems[1].Reason);
        // 16:30 in New York on 6 March 2026 is 21:30 UTC.
        Assert.Equal([["crm-b", "L1"], ["default", "L1"]], await fixture.Rows("SELECT source, id FROM leads ORDER BY source, id"));
        Assert.Equal([Instant.FromUtc(2026, 3, 6, 21, 30).ToUnixTimeMilliseconds()], Assert.Single(await fixture.Rows("SELECT created_at FROM leads WHERE source = 'default'")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EveryRecordRefused_StoresNothing(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        var result = await IngestRecords.RunAsync(fixture.Database, ImportKind.Deals, [Record(("id", "D1"), ("status", "maybe")), Record(("status", "won"))], DateTimeZone.Utc, null, new FakeClock(Now));
        Assert.Equal((2, 2), (result.Items, result.Rejected));
        Assert.Equal([(0, "status"), (1, "id")], result.Problems.Select(p => (p.Index, p.Field)));
        Assert.Equal(0L, Convert.ToInt64(Assert.Single(Assert.Single(await fixture.Rows("SELECT COUNT(*) FROM deals"))), System.Globalization.CultureInfo.InvariantCulture));
    }
}
