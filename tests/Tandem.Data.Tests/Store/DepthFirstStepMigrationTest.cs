using System.Data.Common;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Store;

/// <summary>
/// Migration 0024 over a database projected before it: the first-step rollup starts equal to its
/// facts, the projector's watermark is forgotten, and the next catch-up clocks every lead again, so
/// the depth headline read from the store equals the one computed from the raw records.
/// </summary>
public class DepthFirstStepMigrationTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: Europe/Berlin
        sales:
          depth:
            attempts: 6
            cadence: [{ attempts: 2, within: 3 }, { attempts: 4, within: 10 }]
        """;

    private static readonly Instant Start = Instant.FromUtc(2026, 10, 5, 9, 0);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ADatabaseProjectedBefore0024_IsRebuiltByItsNextCatchUp(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", Agreement, (Start - Duration.FromDays(30)).ToUnixTimeMilliseconds());
        var now = Start + Duration.FromDays(12);
        // Four leads handed off a day apart; the first two get their two attempts in time, the third one, the fourth none.
        for (var i = 0; i < 4; i++)
        {
            var at = Start + Duration.FromDays(i);
            await WriteAsync(connection, TableSpec.Leads, ["created_at", "segment", "owner"], ["default", $"L{i}", at.ToUnixTimeMilliseconds(), "SMB", "ann"], now);
            await WriteAsync(connection, TableSpec.StageChanges, ["rep"], ["default", $"L{i}", "MQL", at.ToUnixTimeMilliseconds(), "ann"], now);
            var attempts = i switch { 0 or 1 => 2, 2 => 1, _ => 0 };
            for (var a = 0; a < attempts; a++)
                await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"],
                    ["default", $"T{i}{a}", $"L{i}", "ann", "call", (at + Duration.FromHours(1 + a)).ToUnixTimeMilliseconds(), "no_answer"], now);
        }
        await Projector.CatchUpAsync(connection, now);

        // As the database was before 0024.
        await RunAsync(connection, "ALTER TABLE handoff_facts DROP COLUMN first_step_at");
        await RunAsync(connection, "ALTER TABLE handoff_facts DROP COLUMN d_first");
        await RunAsync(connection, "DROP TABLE handoff_first_step_daily");
        await RunAsync(connection, "DELETE FROM schema_migrations WHERE version = 24");

        Assert.Equal(["0024_depth_first_step"], await Migrator.ApplyAsync(connection, kind));
        // The rollup equals its facts at once (none judged yet), and the projector's next pass rebuilds.
        Assert.Equal(4L, await ScalarAsync(connection, "SELECT SUM(handoffs) FROM handoff_first_step_daily WHERE due_day = -1"));
        Assert.Null(await Projector.LastCatchUpAsync(connection));

        var summary = await Projector.CatchUpAsync(connection, now);
        Assert.True(summary!.Rebuilt);
        Assert.Equal(4L, await ScalarAsync(connection, "SELECT COUNT(*) FROM handoff_facts WHERE first_step_at IS NOT NULL"));

        var month = Period.Month(2026, 10);
        var raw = Handoffs.Depth(await Handoffs.ReadAsync(connection, month.Start, month.End, null, default) ?? []);
        var asOf = Start + Duration.FromDays(5) + Duration.FromHours(12); // the first three leads' steps have ended, the fourth's not
        var stored = (await FollowUpQuery.DepthAsync(connection, month, null, asOf)).FirstStep;
        Assert.Equal(DepthReport.FirstStep(raw, asOf), stored);
        Assert.Equal((4L, 3L, 1L, 3L, 2L), (stored.Handoffs, stored.OldEnough, stored.Younger, stored.Leads, stored.OnCadence));
    }

    private static async Task WriteAsync(DbConnection connection, TableSpec table, string[] fields, object?[] row, Instant now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, [row], now.ToUnixTimeMilliseconds());
        await tx.CommitAsync();
    }

    private static async Task RunAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
