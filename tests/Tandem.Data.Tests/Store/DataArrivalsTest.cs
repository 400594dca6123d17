using System.Data.Common;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Store;

/// <summary>
/// The per-table, per-source counts and last arrivals the Data page reads (migration 0031): kept
/// by every write, equal to a recount, rolled back with the records, and filled by the migration
/// for a database that held records before it.
/// </summary>
public class DataArrivalsTest
{
    private static readonly string[] LeadFields = ["created_at", "owner"];

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task EveryWrite_KeepsTheCountsEqualToARecount_AndStampsTheArrival(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        Assert.Empty(await DataArrivals.ReadAsync(connection));

        await Write(connection, TableSpec.Leads, LeadFields, [["crm", "a", 1L, "ann"], ["crm", "b", 1L, null], ["web", "a", 1L, null]], 1_000);
        // A repeat (one updated, one unchanged, one new) adds only the new one; a repeat of nothing new still arrives.
        await Write(connection, TableSpec.Leads, LeadFields, [["crm", "a", 1L, "bob"], ["crm", "b", 1L, null], ["crm", "c", 1L, null]], 2_000);
        await Write(connection, TableSpec.Leads, LeadFields, [["web", "a", 1L, null]], 3_000);
        await Write(connection, TableSpec.StageChanges, [], [["crm", "a", "MQL", 5L], ["crm", "a", "MQL", 5L]], 4_000);
        // Rolled back: neither the lead nor its count stays.
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await UpsertWriter.WriteAsync(tx, TableSpec.Leads, LeadFields, [["crm", "z", 1L, null]], 9_000);
            await tx.RollbackAsync();
        }

        Assert.Equal(
            [new DataArrival("leads", "crm", 3, NodaTime.Instant.FromUnixTimeMilliseconds(2_000)), new DataArrival("leads", "web", 1, NodaTime.Instant.FromUnixTimeMilliseconds(3_000)),
             new DataArrival("stage_changes", "crm", 1, NodaTime.Instant.FromUnixTimeMilliseconds(4_000))],
            await DataArrivals.ReadAsync(connection));
        Assert.Equal(await RecountAsync(connection), (await DataArrivals.ReadAsync(connection)).Select(a => (a.Table, a.Source, a.Records)).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ADatabaseFromBeforeMigration0031_GetsItsCountsAndLastChangesFromIt(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await Write(connection, TableSpec.Leads, LeadFields, [["crm", "a", 1L, null], ["crm", "b", 1L, null], ["web", "a", 1L, null]], 1_000);
        await Write(connection, TableSpec.Leads, LeadFields, [["crm", "b", 1L, "ann"]], 2_000);
        await Write(connection, TableSpec.Touches, ["lead_id", "channel", "at"], [["crm", "t1", "a", "call", 7L]], 3_000);
        var kept = await DataArrivals.ReadAsync(connection);

        foreach (var sql in new[] { "DROP TABLE data_arrivals", "DELETE FROM schema_migrations WHERE version = 31" })
            await Execute(connection, sql);
        Assert.Equal(["0031_data_arrivals"], await Migrator.ApplyAsync(connection, kind));

        // Before 0031 nothing noted an arrival that changed nothing, so the last change (updated_at) stands in.
        Assert.Equal(kept, await DataArrivals.ReadAsync(connection));
    }

    private static async Task<List<(string, string, long)>> RecountAsync(DbConnection connection)
    {
        var counts = new List<(string, string, long)>();
        foreach (var table in TableSpec.All.Select(t => t.Name).Order(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT source, COUNT(*) FROM {table} GROUP BY source ORDER BY source";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) counts.Add((table, reader.GetString(0), reader.GetInt64(1)));
        }
        return counts;
    }

    private static async Task Write(DbConnection connection, TableSpec table, IReadOnlyList<string> fields, IReadOnlyList<object?[]> rows, long now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, now);
        await tx.CommitAsync();
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
