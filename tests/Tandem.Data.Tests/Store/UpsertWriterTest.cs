using System.Data.Common;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Store;

public class UpsertWriterTest
{
    private static readonly string[] LeadFields = ["created_at", "lead_type", "owner"];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_TellsInsertsUpdatesAndUnchanged(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var first = await Write(connection, TableSpec.Leads, LeadFields, [Lead("a", 1000, "ebook", "rep1"), Lead("b", 2000, null, null)]);
        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Inserted], first);

        var second = await Write(connection, TableSpec.Leads, LeadFields, [Lead("a", 1000, "ebook", "rep1"), Lead("b", 2000, "webinar", null), Lead("c", 3000, null, null)]);
        Assert.Equal([UpsertOutcome.Unchanged, UpsertOutcome.Updated, UpsertOutcome.Inserted], second);
        Assert.Equal("webinar", await Scalar(connection, "SELECT lead_type FROM leads WHERE id = 'b'"));
        Assert.Equal(2L, Convert.ToInt64(await Scalar(connection, "SELECT revision FROM leads WHERE id = 'b'")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_RepeatedKeyInOneCall_LastRowWins(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var outcomes = await Write(connection, TableSpec.Leads, LeadFields, [Lead("a", 1000, "ebook", null), Lead("a", 1000, "demo", null), Lead("a", 1000, "demo", null)]);
        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Updated, UpsertOutcome.Unchanged], outcomes);
        Assert.Equal("demo", await Scalar(connection, "SELECT lead_type FROM leads WHERE id = 'a'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_FieldsNotCarried_AreKept(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await Write(connection, TableSpec.Leads, LeadFields, [Lead("a", 1000, "ebook", "rep1")]);
        var outcomes = await Write(connection, TableSpec.Leads, ["created_at", "lead_type"], [["default", "a", 1000L, "demo"]]);
        Assert.Equal([UpsertOutcome.Updated], outcomes);
        Assert.Equal("rep1", await Scalar(connection, "SELECT owner FROM leads WHERE id = 'a'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_ForgottenLead_KeepsContactFieldsEmpty(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        string[] fields = ["created_at", "name", "email"];
        await Write(connection, TableSpec.Leads, fields, [["default", "a", 1000L, "Ann", "ann@example.com"]]);
        await Scalar(connection, "UPDATE leads SET name = NULL, email = NULL, forgotten_at = 5 WHERE id = 'a'");
        var outcomes = await Write(connection, TableSpec.Leads, fields, [["default", "a", 1000L, "Ann", "ann@example.com"]]);
        Assert.Equal([UpsertOutcome.Unchanged], outcomes);
        Assert.IsType<DBNull>(await Scalar(connection, "SELECT name FROM leads WHERE id = 'a'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_KeyOnlyTable_SameChangeTwiceIsUnchanged(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        object?[] change = ["default", "a", "MQL", 5000L];
        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Unchanged], await Write(connection, TableSpec.StageChanges, [], [change, change]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_RolledBack_LeavesNothing(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await UpsertWriter.WriteAsync(tx, TableSpec.Leads, LeadFields, [Lead("a", 1, null, null)], 1);
            await tx.RollbackAsync();
        }
        Assert.Equal(0L, Convert.ToInt64(await Scalar(connection, "SELECT COUNT(*) FROM leads")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Write_NullIntoNumberColumns_IsStoredAsNull(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        string[] fields = ["lead_id", "amount_e4", "currency", "status", "closed_at", "created_at"];
        Assert.Equal([UpsertOutcome.Inserted], await Write(connection, TableSpec.Deals, fields, [["default", "d1", null, null, null, "open", null, null]]));
        Assert.Equal([UpsertOutcome.Updated], await Write(connection, TableSpec.Deals, fields, [["default", "d1", "a", 12_500_000L, "USD", "won", 9000L, null]]));
        Assert.Equal(12_500_000L, Convert.ToInt64(await Scalar(connection, "SELECT amount_e4 FROM deals WHERE id = 'd1'")));
    }

    private static object?[] Lead(string id, long created, string? type, string? owner) => ["default", id, created, type, owner];

    private static async Task<UpsertOutcome[]> Write(DbConnection connection, TableSpec table, IReadOnlyList<string> fields, IReadOnlyList<object?[]> rows)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var outcomes = await UpsertWriter.WriteAsync(tx, table, fields, rows, 42);
        await tx.CommitAsync();
        return outcomes;
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
