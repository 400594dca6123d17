using System.Data.Common;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.Tests.Analytics;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Tests.Clocks;

/// <summary>
/// <c>tandem sla status</c> from the clock-count rollup equals the brute-force count over every
/// stored clock read off its timeline, after any sequence of projections (writers projecting in
/// their transaction or raw writes caught up, by key or by pages of two leads) and as time passes
/// without a write (clocks due, not yet started, stored after the instant asked); the rollup equals
/// a grouping of the stored clocks; a rebuild mends a rollup that went wrong. The daily digest's
/// breaches and warnings as of an instant equal the same brute-force count.
/// </summary>
public class ClockCountsPropertyTest
{
    [Property(MaxTest = 40, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Sqlite_StatusFromTheRollupEqualsCountingEveryClock(RecordHistory stream) => CheckAsync(DatabaseKind.Sqlite, stream).GetAwaiter().GetResult();

    [Property(MaxTest = 6, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Postgres_StatusFromTheRollupEqualsCountingEveryClock(RecordHistory stream) => CheckAsync(DatabaseKind.Postgres, stream).GetAwaiter().GetResult();

    private static async Task CheckAsync(DatabaseKind kind, RecordHistory stream)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", RecordHistory.Agreement, (RecordHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        // The histories' records spread over 40 days from Start; projecting from before their end leaves clocks that start after the projection.
        var now = RecordHistory.Start + Duration.FromDays(stream.Seed % 3 * 20);
        for (var b = 0; b < stream.Batches.Count; b++)
        {
            now += Duration.FromMinutes(3);
            foreach (var write in stream.Batches[b]) await write(connection, now.ToUnixTimeMilliseconds());
            var tuning = stream.Seed % 2 == 1 ? new ProjectionTuning(0, 2) : ProjectionTuning.Default;
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1), null, tuning, default);
            await AgreeAsync(connection, now + Duration.FromSeconds(1));
            // Time passes without a write: hours (warnings and breaches come), then days with only the due clocks projected.
            now += Duration.FromHours(stream.Seed % 5 + 1);
            await AgreeAsync(connection, now);
            if ((stream.Seed + b) % 3 == 0)
            {
                now += Duration.FromDays(2);
                await Projector.CatchUpAsync(connection, now);
                await AgreeAsync(connection, now);
            }
        }

        // A rollup that went wrong is counted anew by a rebuild (in pages of three leads).
        await using (var spoil = connection.CreateCommand())
        {
            spoil.CommandText = "UPDATE sla_clock_counts SET clocks = clocks + 7; INSERT INTO sla_clock_counts (commitment, state, clocks) VALUES ('speed', 'nonsense', 3)";
            await spoil.ExecuteNonQueryAsync();
        }
        await Projector.RunAsync(connection, now, null, null, new ProjectionTuning(0, 3), default);
        await AgreeAsync(connection, now);
    }

    /// <summary>The rollup equals a grouping of the stored clocks, and the status at instants around <paramref name="now"/> equals every clock read off its timeline.</summary>
    private static async Task AgreeAsync(DbConnection connection, Instant now)
    {
        var stored = await RowsAsync(connection, "SELECT commitment, state, COUNT(*) FROM sla_clocks WHERE started_at <= computed_at GROUP BY commitment, state");
        var rollup = await RowsAsync(connection, "SELECT commitment, state, clocks FROM sla_clock_counts WHERE clocks <> 0");
        Assert.Equal(stored.Order(StringComparer.Ordinal), rollup.Order(StringComparer.Ordinal));

        var all = await StoredClock.ReadAsync(connection);
        var wanted = new HashSet<string> { "running", "warning" };
        foreach (var at in new[] { now, now + Duration.FromMinutes(90), now + Duration.FromDays(9), now - Duration.FromDays(2) })
        {
            var status = await StatusQuery.RunAsync(connection, at, wanted, null);
            var started = all.Where(c => c.StartedAt <= at).ToList();
            foreach (var commitment in StatusQuery.Commitments)
                foreach (var state in StatusQuery.States)
                    Assert.True(started.Count(c => c.Commitment == commitment && c.At(at).State.Word() == state) == status.Counts[commitment][state],
                        $"{commitment} {state} at {at}: {started.Count(c => c.Commitment == commitment && c.At(at).State.Word() == state)} clocks, status says {status.Counts[commitment][state]}");
            Assert.Equal(started.Where(c => wanted.Contains(c.At(at).State.Word())).Select(Name).Order(StringComparer.Ordinal),
                status.Listed.Select(r => Name(r.Clock)).Order(StringComparer.Ordinal));
            Assert.Equal(status.Listed.Count, status.Matching);

            // The daily digest's counts as of the instant: breaches of the ten days before it (and of its last day), and warnings then.
            var (from, day) = (at - Duration.FromDays(10), at - Duration.FromDays(1));
            var digest = await Tandem.Data.Notifications.DigestClocks.AtAsync(connection, from, day, at);
            long Breached(Instant since) => all.Count(c => c.Timeline.Transitions.Any(t => t.State == ClockState.Breached && t.At >= since && t.At < at));
            Assert.Equal((Breached(from), Breached(day), started.LongCount(c => c.At(at).State == ClockState.Warning)), (digest.Breached, digest.OnDay, digest.Warning));
        }
    }

    private static string Name(StoredClock c) => $"{c.Source}/{c.LeadId}/{c.Episode}/{c.Commitment}";

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
