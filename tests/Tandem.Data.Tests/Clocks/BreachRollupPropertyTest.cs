using System.Data.Common;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.Tests.Analytics;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Tests.Clocks;

/// <summary>A history of records (<see cref="RecordHistory"/>) and the breach actions managers take between its batches, from one seed.</summary>
public sealed record BreachHistory(RecordHistory Records, int Seed)
{
    public override string ToString() => Records.ToString();
}

public static class BreachHistoryArbitrary
{
    public static Arbitrary<BreachHistory> Histories() => Gen.Choose(0, int.MaxValue - 1).Select(seed => new BreachHistory(RecordHistory.From(seed), seed)).ToArbitrary();
}

/// <summary>
/// The breach rollup (breaches_daily and breaches_total, migration 0022) kept by the projector and
/// by breach actions equals a recount of the stored clocks and standings after any sequence of
/// projections (by the writers, the catch-up, walks in pages of two leads, a rebuild) and actions
/// (acknowledge, snooze, excuse, reopen, on breached clocks, clocks yet to breach and clocks that do
/// not exist), equals what migration 0022 fills an existing database with; and the queue's counts
/// read from it (any period, months, ranges that cut days, at instants on breaches', snoozes' and
/// days' edges, by segment, lead type, rep and commitment) equal a brute-force count over every
/// stored clock's timeline with every action, as do the paged queue and its warnings.
/// </summary>
public class BreachRollupPropertyTest
{
    private const long Day = 86_400_000;

    [Property(MaxTest = 40, Arbitrary = [typeof(BreachHistoryArbitrary)])]
    public void Sqlite_RollupEqualsARecount_AndTheQueueABruteForceCount(BreachHistory history) => CheckAsync(DatabaseKind.Sqlite, history).GetAwaiter().GetResult();

    [Property(MaxTest = 6, Arbitrary = [typeof(BreachHistoryArbitrary)])]
    public void Postgres_RollupEqualsARecount_AndTheQueueABruteForceCount(BreachHistory history) => CheckAsync(DatabaseKind.Postgres, history).GetAwaiter().GetResult();

    private static async Task CheckAsync(DatabaseKind kind, BreachHistory history)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", RecordHistory.Agreement, (RecordHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        var random = new Random(history.Seed);
        var now = RecordHistory.Start + Duration.FromDays(60);
        var batches = history.Records.Batches;
        for (var b = 0; b < batches.Count; b++)
        {
            now += Duration.FromMinutes(3);
            foreach (var write in batches[b]) await write(connection, now.ToUnixTimeMilliseconds());
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1), null, history.Seed % 2 == 1 ? new ProjectionTuning(0, 2) : ProjectionTuning.Default, default);
            await ActAsync(connection, random, now);
            await RollupEqualsRecountAsync(connection);
        }
        // A rebuild groups the clocks anew, then replaces them page by page.
        await Projector.RunAsync(connection, now, null, null, new ProjectionTuning(0, 3), default);
        await RollupEqualsRecountAsync(connection);
        await ActAsync(connection, random, now);
        var kept = await RollupAsync(connection);
        await RollupEqualsRecountAsync(connection);
        await QueueAgreesAsync(connection, random, now);

        // A database from before migration 0022 gets the same lead types and rollup from it.
        var leadTypes = await RowsAsync(connection, "SELECT source, lead_id, episode, commitment, lead_type_key FROM sla_clocks");
        foreach (var sql in new[]
        {
            // Migration 0029's list index holds the column: it goes with it, and comes back as 0029 made it.
            "DROP TABLE breaches_daily", "DROP TABLE breaches_total", "DROP INDEX sla_clocks_segment_breached", "DROP INDEX sla_clocks_list",
            "ALTER TABLE sla_clocks DROP COLUMN lead_type_key", "DELETE FROM schema_migrations WHERE version = 22",
        })
            await ExecuteAsync(connection, sql);
        Assert.Equal(["0022_breach_rollup"], await Migrator.ApplyAsync(connection, kind));
        await ExecuteAsync(connection, "CREATE INDEX sla_clocks_list ON sla_clocks (source, lead_id, episode, commitment, state, breached_at, next_at, lead_type_key, rep)");
        Assert.Equal(leadTypes, await RowsAsync(connection, "SELECT source, lead_id, episode, commitment, lead_type_key FROM sla_clocks"));
        var filled = await RollupAsync(connection);
        Assert.Equal(kept.Daily, filled.Daily);
        Assert.Equal(kept.Total, filled.Total);
    }

    /// <summary>Managers act on a few clocks (breached or not yet) and on one that does not exist; a snooze ends within hours either side of now.</summary>
    private static async Task ActAsync(DbConnection connection, Random random, Instant now)
    {
        var keys = (await RowsAsync(connection, "SELECT source, lead_id, episode, commitment FROM sla_clocks")).Select(r => r.Split('|')).ToList();
        var targets = keys.Where(_ => random.Next(3) == 0).Select(k => new ClockKey(k[0], k[1], int.Parse(k[2], System.Globalization.CultureInfo.InvariantCulture), k[3]))
            .Append(new ClockKey("default", "nobody", 1, "speed")).ToList();
        foreach (var key in targets)
        {
            var action = BreachActions.Words[random.Next(BreachActions.Words.Count)];
            var until = action == "snooze" ? now + Duration.FromMinutes(random.Next(-600, 600)) : (Instant?)null;
            // A snooze needs a time after its own; one that has ended by now was taken earlier.
            var at = until is { } u && u <= now ? u - Duration.FromHours(1) : now;
            await BreachActions.AddAsync(connection, new BreachAction(key, action, action == "excuse" ? "out of office" : null, until, "mgr", at));
        }
    }

    private static async Task RollupEqualsRecountAsync(DbConnection connection)
    {
        var standing = "CASE WHEN s.action IN ('acknowledge', 'snooze', 'excuse') THEN s.action ELSE 'open' END";
        var daily = await RowsAsync(connection,
            $"SELECT c.breached_at / {Day}, c.segment_key, c.lead_type_key, c.rep, c.commitment, {standing}, COUNT(*) FROM sla_clocks c " +
            "LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment " +
            $"WHERE c.breached_at IS NOT NULL GROUP BY c.breached_at / {Day}, c.segment_key, c.lead_type_key, c.rep, c.commitment, {standing}");
        var total = daily.Select(r => r.Split('|')).GroupBy(r => string.Join("|", r[1..6]), StringComparer.Ordinal)
            .Select(g => $"{g.Key}|{g.Sum(r => long.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture))}").Order(StringComparer.Ordinal).ToList();
        var (keptDaily, keptTotal) = await RollupAsync(connection);
        Assert.Equal(daily, keptDaily);
        Assert.Equal(total, keptTotal);
    }

    private static async Task<(List<string> Daily, List<string> Total)> RollupAsync(DbConnection connection) => (
        await RowsAsync(connection, "SELECT breach_day, segment_key, lead_type_key, rep, commitment, standing, breaches FROM breaches_daily"),
        await RowsAsync(connection, "SELECT segment_key, lead_type_key, rep, commitment, standing, breaches FROM breaches_total"));

    /// <summary>The queue's counts, pages and warnings against every stored clock's timeline and every action, at instants on the edges that matter.</summary>
    private static async Task QueueAgreesAsync(DbConnection connection, Random random, Instant now)
    {
        var all = await StoredClock.ReadAsync(connection);
        var actions = await BreachActions.AllAsync(connection);
        var leads = new Dictionary<(string, string), (string Segment, string LeadType)>();
        foreach (var row in await RowsAsync(connection, "SELECT source, id, segment, lead_type FROM leads"))
        {
            var r = row.Split('|');
            leads[(r[0], r[1])] = (ReportFactRows.Key(r[2] == "null" ? null : r[2]), ReportFactRows.Key(r[3] == "null" ? null : r[3]));
        }
        var breaches = all.Select(c => c.Transitions.FirstOrDefault(t => t.State == ClockState.Breached)?.At).OfType<Instant>().Distinct().Order().ToList();
        var untils = actions.Values.SelectMany(a => a).Select(a => a.Until).OfType<Instant>().ToList();
        // Now, breaches and snoozes' ends and the millisecond before, days' edges around them.
        var instants = new List<Instant> { now, now + Duration.FromDays(30) };
        foreach (var at in breaches.Where((_, i) => i % 3 == random.Next(3)).Take(2).Concat(untils.Take(1)))
        {
            var dayStart = Instant.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds() / Day * Day);
            instants.AddRange([at, at - Duration.FromMilliseconds(1), dayStart, dayStart - Duration.FromMilliseconds(1)]);
        }
        QueueFilter[] filters =
        [
            QueueFilter.None, new("SMB"), new("Enterprise"), new(Rep: "BOB"), new(Commitment: "depth"), new(LeadType: "Demo request"),
            new("smb", "ann", "speed", "ebook"), new(""),
        ];
        foreach (var at in instants.Distinct())
        {
            var ranges = new List<(Instant? From, Instant? To)> { (null, null), (null, at - Duration.FromDays(2)) };
            for (var m = 9; m <= 12; m++) ranges.Add((Instant.FromUtc(2026, m, 1, 4, 0), Instant.FromUtc(m == 12 ? 2027 : 2026, m == 12 ? 1 : m + 1, 1, 4, 0)));
            // Ranges that cut days anywhere, and one inside a single day.
            var cut = at - Duration.FromMilliseconds(random.Next(1, (int)Day * 3));
            ranges.AddRange([(cut, null), (cut, at), (cut - Duration.FromDays(7), cut), (cut, cut + Duration.FromHours(5))]);
            foreach (var filter in filters)
            {
                bool Keep(StoredClock c) =>
                    (filter.Segment is null || Lead(c).Segment == ReportFactRows.Key(filter.Segment)) && (filter.LeadType is null || Lead(c).LeadType == ReportFactRows.Key(filter.LeadType))
                    && (filter.Rep is null || string.Equals(c.Rep, filter.Rep, StringComparison.OrdinalIgnoreCase)) && (filter.Commitment is null || c.Commitment == filter.Commitment);
                (string Segment, string LeadType) Lead(StoredClock c) => leads.GetValueOrDefault((c.Source, c.LeadId), ("", ""));

                foreach (var (from, to) in ranges)
                {
                    var expected = all.Where(c => Keep(c) && c.At(at) is { State: ClockState.Breached } b && (from is null || b.At >= from) && (to is null || b.At < to))
                        .Select(c => (Clock: c, Standing: BreachActions.Standing(actions.GetValueOrDefault(new ClockKey(c.Source, c.LeadId, c.Episode, c.Commitment)), at))).ToList();
                    var counts = await QueueQuery.BreachCountsAsync(connection, at, from, to, filter);
                    foreach (var standing in new[] { "open", "acknowledged", "snoozed", "excused" })
                        Assert.True(expected.Count(e => e.Standing == standing) == counts[standing], $"{standing} at {at} in [{from}, {to}) with {filter}: {counts[standing]}, expected {expected.Count(e => e.Standing == standing)}");
                    // The pages, walked by cursor, list exactly the breaches of the standings asked for, newest first
                    // (from the clocks with open, from the standings without).
                    foreach (var wanted in new[] { new[] { "open" }, ["acknowledged", "snoozed", "excused"] })
                    {
                        var listed = new List<QueueRow>();
                        string? cursor = null;
                        do
                        {
                            var page = await QueueQuery.BreachesAsync(connection, at, from, to, filter, wanted, cursor, 2);
                            listed.AddRange(page.Rows);
                            cursor = page.Next;
                        }
                        while (cursor is not null);
                        Assert.Equal(expected.Where(e => wanted.Contains(e.Standing)).Select(e => Name(e.Clock)).Order(StringComparer.Ordinal), listed.Select(r => Name(r.Clock)).Order(StringComparer.Ordinal));
                        Assert.Equal(listed.OrderByDescending(r => r.Since).Select(r => r.Since), listed.Select(r => r.Since));
                    }
                }

                // Warnings (live: read at or after the pass that stored the clocks): how many, and each page of three in deadline order.
                if (at < now) continue;
                var warnings = all.Where(c => Keep(c) && c.StartedAt <= at && c.At(at).State == ClockState.Warning)
                    .OrderBy(c => c.NextAfter(at)?.At ?? c.Due).ThenBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.LeadId, StringComparer.Ordinal)
                    .ThenBy(c => c.Episode).ThenBy(c => c.Commitment, StringComparer.Ordinal).Select(Name).ToList();
                for (var skip = 0; skip <= warnings.Count; skip += 3)
                {
                    var page = await QueueQuery.WarningPageAsync(connection, at, filter, skip, 3);
                    Assert.Equal(warnings.Count, page.Count);
                    Assert.Equal(warnings.Skip(skip).Take(3), page.Rows.Select(r => Name(r.Clock)));
                }
            }
        }
    }

    private static string Name(StoredClock c) => $"{c.Source}/{c.LeadId}/{c.Episode}/{c.Commitment}";

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
