using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Clocks;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.Clocks;

/// <summary>
/// Bulk breach actions (issue 22) over the demo company, on both engines: three selected breaches
/// excused with one reason get three actions with it and stand excused; "all matching" acts on
/// exactly the breaches the queue lists for its filters (no other clock gets an action); the breach
/// rollup still equals a recount after both; every refusal names its field and writes nothing.
/// </summary>
public sealed class BulkBreachActionsTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 18, 15, 0);
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];
    private const long Day = 86_400_000;

    private static async Task<(TandemDatabase Database, DbConnection Connection)> DemoAsync(DatabaseKind kind)
    {
        var database = await TestDatabases.OpenAsync(kind);
        await DemoDatabase.SeedAsync(database, new DemoOptions(600, 7, Now) { Months = 9 });
        var connection = await database.OpenAsync();
        await Projection.Projector.RunAsync(connection, Now);
        return (database, connection);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ThreeSelected_AreExcusedWithTheReason_AndAllMatching_ActsOnExactlyTheFiltersRows(DatabaseKind kind)
    {
        var (database, connection) = await DemoAsync(kind);
        await using var _ = database;
        await using var __ = connection;
        var clock = new FakeClock(Now);
        var open = await QueueQuery.BreachesAsync(connection, Now, null, null, QueueFilter.None, ["open"], null, 3);
        var three = open.Rows.Select(r => r.Key).ToList();
        Assert.Equal(3, three.Count);

        var excused = await ActOnBreaches.SelectedAsync(connection, three, new BulkBreachInput("excuse", " the reps were at the offsite ", null, Zone, "sally"), null, clock);
        Assert.Empty(excused.Problems);
        Assert.Equal(3, excused.Recorded);
        var stored = await BreachActions.AllAsync(connection);
        Assert.Equal(3, stored.Count);
        foreach (var key in three)
        {
            var action = Assert.Single(stored[key]);
            Assert.Equal(("excuse", "the reps were at the offsite", "sally", Now), (action.Action, action.Reason, action.By, action.At));
        }
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT COUNT(*) FROM breach_standings WHERE action = 'excuse'"));
        await RollupEqualsRecountAsync(connection);

        // All matching: the open speed breaches of October, as the queue lists them; nothing else is touched.
        var from = new LocalDate(2026, 10, 1).AtStartOfDayInZone(Zone).ToInstant();
        var to = new LocalDate(2026, 11, 1).AtStartOfDayInZone(Zone).ToInstant();
        var filter = new QueueFilter(Commitment: "speed");
        var listed = new HashSet<ClockKey>();
        string? cursor = null;
        do
        {
            var page = await QueueQuery.BreachesAsync(connection, Now, from, to, filter, ["open"], cursor, 7);
            listed.UnionWith(page.Rows.Select(r => r.Key));
            cursor = page.Next;
        }
        while (cursor is not null);
        var counted = (await QueueQuery.BreachCountsAsync(connection, Now, from, to, filter))["open"];
        Assert.True(listed.Count > 7, $"{listed.Count} open speed breaches in October; the test walks pages of 7");
        Assert.Equal(counted, listed.Count);

        var acknowledged = await ActOnBreaches.MatchingAsync(connection, from, to, filter, ["open", "warning"], new BulkBreachInput("acknowledge", null, null, Zone, "sally"), clock, 7);
        Assert.Empty(acknowledged.Problems);
        Assert.Equal(listed.Count, acknowledged.Recorded);
        var after = await BreachActions.AllAsync(connection);
        Assert.Equal(listed.Select(ActOnBreaches.Text).Order(StringComparer.Ordinal), after.Where(a => a.Value[^1].Action == "acknowledge").Select(a => ActOnBreaches.Text(a.Key)).Order(StringComparer.Ordinal));
        Assert.Equal(3 + listed.Count, after.Count);
        Assert.Equal(0, (await QueueQuery.BreachCountsAsync(connection, Now, from, to, filter))["open"]);
        Assert.Equal(listed.Count, (await QueueQuery.BreachCountsAsync(connection, Now, from, to, filter))["acknowledged"]);
        await RollupEqualsRecountAsync(connection);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refusals_NameTheField_AndWriteNothing(DatabaseKind kind)
    {
        var (database, connection) = await DemoAsync(kind);
        await using var _ = database;
        await using var __ = connection;
        var clock = new FakeClock(Now);
        var breach = (await QueueQuery.BreachesAsync(connection, Now, null, null, QueueFilter.None, ["open"], null, 1)).Rows[0];
        var future = (await QueueQuery.WarningsAsync(connection, Now, QueueFilter.None))[0].Key;
        var local = Now.InZone(Zone).LocalDateTime;
        string At(Period p) => (local + p).ToString("uuuu-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var other = breach.Clock.Rep == "rep-01" ? "rep-02" : "rep-01";
        foreach (var (keys, input, ownRep, field, reason) in new (ClockKey[], BulkBreachInput, string?, string, string)[]
        {
            ([breach.Key], new(null, null, null, Zone, "sally"), null, "action", "choose one of acknowledge, snooze, excuse"),
            ([breach.Key], new("reopen", null, null, Zone, "sally"), null, "action", "'reopen' is not one of acknowledge, snooze, excuse"),
            ([breach.Key], new("excuse", "  ", null, Zone, "sally"), null, "reason", "say why the breach is excused"),
            ([breach.Key], new("excuse", new string('x', 501), null, Zone, "sally"), null, "reason", "at most 500 characters"),
            ([breach.Key], new("snooze", null, "tomorrow", Zone, "sally"), null, "until", "'tomorrow' is not a date and time"),
            ([breach.Key], new("snooze", null, At(Period.FromHours(-1)), Zone, "sally"), null, "until", "a snooze needs a time in the future"),
            ([], new("acknowledge", null, null, Zone, "sally"), null, "breach", "select at least one breach"),
            ([breach.Key, future], new("acknowledge", null, null, Zone, "sally"), null, "breach", "is not a breach"),
            ([new ClockKey("default", "nobody", 1, "speed")], new("acknowledge", null, null, Zone, "sally"), null, "breach", "'default~nobody~1~speed' is not a breach"),
            ([breach.Key], new("acknowledge", null, null, Zone, other), other, "breach", "is not a breach of yours"),
        })
        {
            var result = await ActOnBreaches.SelectedAsync(connection, keys, input, ownRep, clock);
            Assert.Equal(0, result.Recorded);
            Assert.Contains(result.Problems, p => p.Field == field && p.Reason.Contains(reason, StringComparison.Ordinal));
        }
        var many = Enumerable.Range(0, ActOnBreaches.MaxSelected + 1).Select(i => breach.Key with { Episode = i }).ToList();
        Assert.Contains("at most 500 selected", (await ActOnBreaches.SelectedAsync(connection, many, new("acknowledge", null, null, Zone, "sally"), null, clock)).Problems.Single().Reason, StringComparison.Ordinal);
        var matching = await ActOnBreaches.MatchingAsync(connection, null, null, QueueFilter.None, ["open"], new("excuse", null, null, Zone, "sally"), clock);
        Assert.Equal("reason", Assert.Single(matching.Problems).Field);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM breach_actions"));

        // A rep's own breach is theirs to act on; the key as the form sends it reads back.
        var own = await ActOnBreaches.SelectedAsync(connection, [ActOnBreaches.Parse(ActOnBreaches.Text(breach.Key))!], new("snooze", null, At(Period.FromDays(1)), Zone, "jonas"), breach.Clock.Rep, clock);
        Assert.Equal((1L, 0), (own.Recorded, own.Problems.Count));
        Assert.Null(ActOnBreaches.Parse("default~L1~x~speed"));
        Assert.Null(ActOnBreaches.Parse("default~L1~1~fast"));
        Assert.Equal(new ClockKey("a~b", "L 1", 2, "depth"), ActOnBreaches.Parse(ActOnBreaches.Text(new ClockKey("a~b", "L 1", 2, "depth"))));
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The breach rollup equals a recount of the clocks and their standings.</summary>
    private static async Task RollupEqualsRecountAsync(DbConnection connection)
    {
        const string Standing = "CASE WHEN s.action IN ('acknowledge', 'snooze', 'excuse') THEN s.action ELSE 'open' END";
        var recount = await RowsAsync(connection,
            $"SELECT c.breached_at / {Day}, c.segment_key, c.lead_type_key, c.rep, c.commitment, {Standing}, COUNT(*) FROM sla_clocks c " +
            "LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment " +
            $"WHERE c.breached_at IS NOT NULL GROUP BY c.breached_at / {Day}, c.segment_key, c.lead_type_key, c.rep, c.commitment, {Standing}");
        Assert.Equal(recount, await RowsAsync(connection, "SELECT breach_day, segment_key, lead_type_key, rep, commitment, standing, breaches FROM breaches_daily"));
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return [.. rows.Order(StringComparer.Ordinal)];
    }
}
