using System.Data.Common;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Leads;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Data.Tests.Analytics;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Leads;

/// <summary>
/// The lead list's count equals a brute-force count over every stored handoff, clock (its state read
/// off its timeline), standing and lead, for every filter; walking its pages by Next lists exactly
/// those handoffs in the order asked, and walking back by Previous gives the same pages; and its
/// counts equal the speed report's figures they stand behind (handoffs, never touched, within the
/// commitment, per rep), on both engines.
/// </summary>
public class LeadListPropertyTest
{
    [Property(MaxTest = 25, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Sqlite_ListEqualsABruteForceCount(RecordHistory history) => CheckAsync(DatabaseKind.Sqlite, history).GetAwaiter().GetResult();

    [Property(MaxTest = 5, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Postgres_ListEqualsABruteForceCount(RecordHistory history) => CheckAsync(DatabaseKind.Postgres, history).GetAwaiter().GetResult();

    private sealed record Fact(string Source, string Lead, int Episode, long Day, long At, string Segment, string Rep, long? Wall, long? Working, bool Within,
        IReadOnlyList<long?> Depth, bool DepthCounted);

    private static async Task CheckAsync(DatabaseKind kind, RecordHistory history)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", RecordHistory.Agreement, (RecordHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        var now = RecordHistory.Start + Duration.FromDays(60);
        foreach (var batch in history.Batches)
        {
            now += Duration.FromMinutes(3);
            foreach (var write in batch) await write(connection, now.ToUnixTimeMilliseconds());
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1), null, ProjectionTuning.Default, default);
        }
        var random = new Random(history.Seed);
        foreach (var clock in await StoredClock.ReadAsync(connection))
            if (random.Next(3) == 0)
                await BreachActions.AddAsync(connection, new BreachAction(new ClockKey(clock.Source, clock.LeadId, clock.Episode, clock.Commitment),
                    random.Next(2) == 0 ? "excuse" : "acknowledge", "reason", null, "mgr", now));

        var facts = new List<Fact>();
        await ReadAsync(connection, "SELECT source, lead_id, episode, handoff_day, handed_off_at, segment_key, rep, wall_minutes, working_minutes, within_commitment, d7, d14, d30, depth_counted FROM handoff_facts",
            r => facts.Add(new Fact(r.GetString(0), r.GetString(1), checked((int)r.GetInt64(2)), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetInt64(8), r.GetInt64(9) == 1,
                [.. Enumerable.Range(10, 3).Select(i => r.IsDBNull(i) ? (long?)null : r.GetInt64(i))], r.GetInt64(13) == 1)));
        var clocks = (await StoredClock.ReadAsync(connection)).ToDictionary(c => (c.Source, c.LeadId, c.Episode, c.Commitment));
        var leadTypes = new Dictionary<(string, string, int, string), string>();
        await ReadAsync(connection, "SELECT source, lead_id, episode, commitment, lead_type_key FROM sla_clocks", r => leadTypes[(r.GetString(0), r.GetString(1), checked((int)r.GetInt64(2)), r.GetString(3))] = r.GetString(4));
        var standings = new Dictionary<(string, string, int, string), string>();
        await ReadAsync(connection, "SELECT source, lead_id, episode, commitment, action FROM breach_standings", r => standings[(r.GetString(0), r.GetString(1), checked((int)r.GetInt64(2)), r.GetString(3))] = r.GetString(4));
        var owners = new Dictionary<(string, string), string?>();
        await ReadAsync(connection, "SELECT source, id, owner FROM leads", r => owners[(r.GetString(0), r.GetString(1))] = r.IsDBNull(2) ? null : r.GetString(2));

        var periods = new[] { Period.Parse("2026-10", "period"), Period.Parse("2026-11", "period"), Period.Parse("2026-Q4", "period") };
        var filters = new List<LeadListFilter>();
        foreach (var p in periods)
        {
            var all = new LeadListFilter(p.Start, p.End);
            filters.AddRange([all, all with { Segment = "SMB" }, all with { Segment = "" }, all with { Rep = "BOB" }, all with { Touched = false }, all with { Touched = true },
                all with { Within = true }, all with { Within = false, Sort = LeadListSort.WorkingMinutes }, all with { Commitment = "depth", Sort = LeadListSort.WallMinutes },
                all with { LeadType = "Demo request" }, all with { Excused = true }, all with { Excused = false, Commitment = "depth" }, all with { Viewer = "Ann" },
                all with { Segment = "smb", Rep = "ann", Touched = true, Sort = LeadListSort.WallMinutes }]);
            filters.AddRange(DepthReport.Ages.SelectMany(age => new[] { all with { ReachedWithin = age }, all with { ReachedWithin = age, Reached = false, Sort = LeadListSort.WallMinutes } }));
            filters.AddRange(Enum.GetValues<ClockState>().SelectMany(s => new[] { all with { State = s }, all with { State = s, Commitment = "depth" } }));
        }
        foreach (var at in new[] { now, now + Duration.FromHours(5), now + Duration.FromDays(3) })
        {
            foreach (var filter in filters)
            {
                var expected = facts.Where(f => Keeps(filter, f, at, clocks, leadTypes, standings, owners)).ToList();
                var label = $"{filter} at {at}";
                Assert.True(expected.Count == await LeadListQuery.CountAsync(connection, filter, at), $"count of {label}: expected {expected.Count}");
                var pages = new List<LeadListPage>();
                string? cursor = null;
                do
                {
                    var page = await LeadListQuery.PageAsync(connection, filter, at, cursor, 2);
                    Assert.Equal(expected.Count, page.Count);
                    Assert.True(page.Rows.Count <= 2);
                    pages.Add(page);
                    cursor = page.Next;
                }
                while (cursor is not null && pages.Count < 1000);
                var listed = pages.SelectMany(p => p.Rows).ToList();
                Assert.Equal(expected.Select(Name).Order(StringComparer.Ordinal), listed.Select(r => $"{r.Source}/{r.LeadId}/{r.Episode}").Order(StringComparer.Ordinal));
                var sortKeys = listed.Select(r => SortKey(filter.Sort, r.HandedOffAt.ToUnixTimeMilliseconds(), r.WallMinutes, r.WorkingMinutes)).ToList();
                Assert.Equal(sortKeys.Order(), sortKeys);
                foreach (var row in listed)
                {
                    Assert.Equal(clocks.GetValueOrDefault((row.Source, row.LeadId, row.Episode, filter.Commitment))?.At(at).State, row.State);
                    Assert.Equal(standings.GetValueOrDefault((row.Source, row.LeadId, row.Episode, filter.Commitment)) == "excuse", row.Excused);
                }
                Assert.Null(pages[0].Previous);
                // Back from the last page by Previous: the same pages, in reverse.
                for (var i = pages.Count - 1; i > 0; i--)
                {
                    Assert.NotNull(pages[i].Previous);
                    var back = await LeadListQuery.PageAsync(connection, filter, at, pages[i].Previous, 2);
                    Assert.Equal(pages[i - 1].Rows.Select(r => r.LeadId + r.Episode), back.Rows.Select(r => r.LeadId + r.Episode));
                    Assert.Equal(i - 1 > 0, back.Previous is not null);
                    Assert.NotNull(back.Next);
                }
            }
        }
        // The list stands behind the speed report's figures: each one is the count of the list it links to.
        foreach (var p in periods)
        {
            foreach (var segment in new[] { null, "SMB", "Enterprise" })
            {
                var speed = await FollowUpQuery.SpeedAsync(connection, p, segment);
                var all = new LeadListFilter(p.Start, p.End) { Segment = segment };
                Assert.Equal(speed.Total.Handoffs, await LeadListQuery.CountAsync(connection, all, now));
                Assert.Equal(speed.Total.NeverTouched, await LeadListQuery.CountAsync(connection, all with { Touched = false }, now));
                Assert.Equal(speed.Total.Within, await LeadListQuery.CountAsync(connection, all with { Within = true }, now));
                foreach (var (rep, stats) in speed.ByRep)
                    Assert.Equal(stats.Handoffs, await LeadListQuery.CountAsync(connection, all with { Rep = rep }, now));
                // The depth report's "not reached at 7, 14, 30 days", in all and per rep.
                var depth = await FollowUpQuery.DepthAsync(connection, p, segment, now);
                for (var a = 0; a < DepthReport.Ages.Count; a++)
                {
                    var notReached = all with { ReachedWithin = DepthReport.Ages[a], Reached = false };
                    Assert.Equal(depth.Total[a].Leads, await LeadListQuery.CountAsync(connection, notReached, now));
                    foreach (var (rep, _, ages) in depth.ByRep)
                        Assert.Equal(ages[a].Leads, await LeadListQuery.CountAsync(connection, notReached with { Rep = rep }, now));
                }
            }
        }
        await Assert.ThrowsAsync<FormatException>(() => LeadListQuery.PageAsync(connection, filters[0], now, "not-a-cursor"));
        var eight = await Assert.ThrowsAsync<ArgumentException>(() => LeadListQuery.CountAsync(connection, filters[0] with { ReachedWithin = 8 }, now));
        Assert.Contains("reached within 8 days is not one of the depth report's ages (7, 14, 30)", eight.Message, StringComparison.Ordinal);
    }

    private static string Name(Fact f) => $"{f.Source}/{f.Lead}/{f.Episode}";

    private static long SortKey(LeadListSort sort, long at, long? wall, long? working) => sort switch
    {
        LeadListSort.WallMinutes => wall ?? long.MaxValue,
        LeadListSort.WorkingMinutes => working ?? long.MaxValue,
        _ => -at,
    };

    private static bool Keeps(LeadListFilter filter, Fact f, Instant at, Dictionary<(string, string, int, string), StoredClock> clocks,
        Dictionary<(string, string, int, string), string> leadTypes, Dictionary<(string, string, int, string), string> standings, Dictionary<(string, string), string?> owners)
    {
        var key = (f.Source, f.Lead, f.Episode, filter.Commitment);
        return f.Day >= ReportFactRows.DayOf(filter.From) && f.Day < ReportFactRows.DayOf(filter.To)
            && (filter.Segment is null || f.Segment == ReportFactRows.Key(filter.Segment))
            && (filter.Rep is null || string.Equals(f.Rep, filter.Rep, StringComparison.OrdinalIgnoreCase))
            && (filter.Touched is null || filter.Touched == f.Wall is not null)
            && (filter.Within is null || filter.Within == f.Within)
            && (filter.ReachedWithin is not { } age || (f.At <= (at - Duration.FromDays(age)).ToUnixTimeMilliseconds()
                && (filter.Reached ? f.Depth[DepthReport.Ages.ToList().IndexOf(age)] is null && f.DepthCounted : f.Depth[DepthReport.Ages.ToList().IndexOf(age)] is not null)))
            && (filter.LeadType is null || leadTypes.GetValueOrDefault(key) == ReportFactRows.Key(filter.LeadType))
            && (filter.State is null || (clocks.TryGetValue(key, out var clock) && clock.At(at).State == filter.State))
            && (filter.Excused is null || filter.Excused == (standings.GetValueOrDefault(key) == "excuse"))
            && (filter.Viewer is null || string.Equals(f.Rep, filter.Viewer, StringComparison.OrdinalIgnoreCase)
                || string.Equals(owners.GetValueOrDefault((f.Source, f.Lead)), filter.Viewer, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
}
