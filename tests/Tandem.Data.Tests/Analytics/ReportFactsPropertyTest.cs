using Tandem.Data.Projection;
using System.Data.Common;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Analytics;

public static class RecordHistoryArbitrary
{
    public static Arbitrary<RecordHistory> Streams() => Gen.Choose(0, int.MaxValue - 1).Select(RecordHistory.From).ToArbitrary();
}

/// <summary>
/// The report facts kept incrementally (a catch-up after every batch) equal a full rebuild from the
/// final records, the rollups equal a grouping of their facts, and the reports read from the
/// rollups (speed, depth as of instants on their days' edges, the scorecard) equal the same reports
/// computed from the raw records.
/// </summary>
public class ReportFactsPropertyTest
{
    [Property(MaxTest = 60, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Sqlite_IncrementalFactsEqualFullRecomputation(RecordHistory stream) => CheckAsync(DatabaseKind.Sqlite, stream).GetAwaiter().GetResult();

    [Property(MaxTest = 8, Arbitrary = [typeof(RecordHistoryArbitrary)])]
    public void Postgres_IncrementalFactsEqualFullRecomputation(RecordHistory stream) => CheckAsync(DatabaseKind.Postgres, stream).GetAwaiter().GetResult();

    /// <summary>The case that found it: a lead merged into L2, later into L3, left L2's facts stale (migration 0008 fixes it).</summary>
    [Fact]
    public Task Sqlite_ALeadMergedAwayAgain_RefreshesTheLeadItLeft() => CheckAsync(DatabaseKind.Sqlite, RecordHistory.From(1226963974));

    private static async Task CheckAsync(DatabaseKind kind, RecordHistory stream)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var stored = RecordHistory.Start - Duration.FromDays(400);
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", RecordHistory.Agreement, stored.ToUnixTimeMilliseconds());
        // Batches arrive a few minutes apart, inside the catch-up's overlap, as they would on a busy server.
        var now = RecordHistory.Start + Duration.FromDays(60);
        for (var b = 0; b < stream.Batches.Count; b++)
        {
            now += Duration.FromMinutes(3);
            foreach (var write in stream.Batches[b]) await write(connection, now.ToUnixTimeMilliseconds());
            // Every other history walks the table in pages of two leads, deriving only the changed ones, as a large import does.
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1), null, stream.Seed % 2 == 1 ? new ProjectionTuning(0, 2) : ProjectionTuning.Default, default);
            // Now and then a quiet spell longer than the overlap, in which an idle catch-up slides the window.
            if ((stream.Seed + b) % 3 == 0)
            {
                now += Projector.Overlap + Duration.FromMinutes(1);
                await Projector.CatchUpAsync(connection, now);
            }
        }

        var incremental = await SnapshotAsync(connection);
        Assert.Equal(await CountedRollupAsync(connection), incremental.Rollup);
        Assert.Equal(await GroupedHandoffRollupsAsync(connection), incremental.HandoffRollups);
        // The untimed handoffs' rollup (migration 0025) equals a grouping of them.
        Assert.Equal(await RowsAsync(connection, "SELECT handoff_day, segment_key, source, COUNT(*) FROM untimed_handoffs GROUP BY handoff_day, segment_key, source"),
            await RowsAsync(connection, "SELECT handoff_day, segment_key, source, handoffs FROM untimed_handoffs_daily"));
        // The rebuild walks pages of three leads (the default pages hold them all).
        await Projector.RunAsync(connection, now, null, null, new ProjectionTuning(0, 3), default);
        var full = await SnapshotAsync(connection);
        Assert.Equal(full.Handoffs, incremental.Handoffs);
        Assert.Equal(full.Arrivals, incremental.Arrivals);
        Assert.Equal(full.Rollup, incremental.Rollup);
        Assert.Equal(full.Clocks, incremental.Clocks);
        Assert.Equal(full.HandoffRollups, incremental.HandoffRollups);
        Assert.Equal(full.Untimed, incremental.Untimed);

        // The reports on facts agree with the reports on the raw records.
        var (from, to) = (new LocalDate(2026, 9, 1), new LocalDate(2027, 1, 1));
        var asOfs = await CutoffEdgesAsync(connection, now);
        foreach (var segment in new[] { null, "smb", "Enterprise" })
            for (var month = Period.Month(2026, 9); month.Start < to; month = month.Next())
                await ReportsAgreeAsync(connection, month, segment, asOfs);
        var agreement = Tandem.Data.Agreements.AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        var sheet = await SheetReader.ReadAsync(connection, agreement, default);
        Assert.Equal(Daily(MarketingArrivals.Of(sheet, agreement, null)),
            Daily(MarketingArrivals.FromRollup(await ReportFactsReader.ArrivalsAsync(connection, from, to, null), agreement)));
        Assert.Equal(Daily(MarketingArrivals.Of(sheet, agreement, "SMB")),
            Daily(MarketingArrivals.FromRollup(await ReportFactsReader.ArrivalsAsync(connection, from, to, "SMB"), agreement)));

        // The stored-state reads (queue, scorecard, sla status) equal the same figures computed from the raw records.
        await StoredReadsPropertyCheck.AgreeAsync(connection, now, stream.Seed);
    }

    /// <summary>
    /// As-of instants that put depth cutoffs on the rollup's edges: now, and for a few handoffs the
    /// instant each age comes for them and the millisecond before (their day is then read from the
    /// facts, the days before from the rollup), and the instant their first cadence step ends and
    /// the millisecond before (the first-step rollup's day edge).
    /// </summary>
    private static async Task<List<Instant>> CutoffEdgesAsync(DbConnection connection, Instant now)
    {
        var handed = (await RowsAsync(connection, "SELECT handed_off_at FROM handoff_facts")).Select(long.Parse).Distinct().Order().ToList();
        var edges = new List<Instant> { now };
        foreach (var at in handed.Where((_, i) => i % 3 == 0).Take(4))
            foreach (var age in DepthReport.Ages)
            {
                var comes = Instant.FromUnixTimeMilliseconds(at) + Duration.FromDays(age);
                edges.AddRange([comes, comes - Duration.FromMilliseconds(1)]);
            }
        var firstSteps = (await RowsAsync(connection, "SELECT first_step_at FROM handoff_facts WHERE first_step_at IS NOT NULL")).Select(long.Parse).Distinct().Order().ToList();
        foreach (var end in firstSteps.Where((_, i) => i % 2 == 0).Take(4).Select(Instant.FromUnixTimeMilliseconds))
            edges.AddRange([end, end - Duration.FromMilliseconds(1), end + Duration.FromMilliseconds(1)]);
        return edges;
    }

    /// <summary>The speed and depth reports on the facts' rollups, grouped by day, week and rep, equal the same grouping of the raw-record reports (depth as of each of <paramref name="asOfs"/>).</summary>
    private static async Task ReportsAgreeAsync(DbConnection connection, Period month, string? segment, IReadOnlyList<Instant> asOfs)
    {
        var raw = await Handoffs.ReadAsync(connection, month.Start, month.End, segment, default) ?? [];
        var speed = Handoffs.Speed(raw);
        var actual = await FollowUpQuery.SpeedAsync(connection, month, segment);
        Assert.Equal(SpeedReport.Stats(speed), actual.Total);
        Assert.Equal(speed.GroupBy(s => s.HandedOff).OrderBy(g => g.Key).Select(g => (g.Key, SpeedReport.Stats([.. g]))), actual.ByDay);
        Assert.Equal(speed.GroupBy(s => FollowUpQuery.WeekStart(s.HandedOff)).OrderBy(g => g.Key).Select(g => (g.Key, SpeedReport.Stats([.. g]))), actual.ByWeek);
        Assert.Equal(speed.GroupBy(s => s.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, SpeedReport.Stats([.. g]))), actual.ByRep);
        // The headline's medians and 90th percentiles, working and wall-clock, by brute force over the raw handoffs' minutes.
        Assert.Equal(BruteRank(speed.Select(s => s.Working), 1, 2), actual.Total.WorkingMedian);
        Assert.Equal(BruteRank(speed.Select(s => s.Working), 9, 10), actual.Total.WorkingP90);
        Assert.Equal(BruteRank(speed.Select(s => s.Wall), 1, 2), actual.Total.WallMedian);
        Assert.Equal(BruteRank(speed.Select(s => s.Wall), 9, 10), actual.Total.WallP90);

        var depth = Handoffs.Depth(raw);
        foreach (var now in asOfs) await DepthAgreesAsync(connection, month, segment, depth, now);
    }

    /// <summary>The smallest whole-minute wait w of the touched handoffs with at least <paramref name="numerator"/>/<paramref name="denominator"/> of them waiting w or less; null when none was touched.</summary>
    private static long? BruteRank(IEnumerable<Duration?> waits, int numerator, int denominator)
    {
        var minutes = waits.OfType<Duration>().Select(d => (long)Math.Floor(d.TotalMinutes)).ToList();
        return minutes.Count == 0 ? null : minutes.Where(v => minutes.Count(x => x <= v) * (long)denominator >= (long)numerator * minutes.Count).Min();
    }

    /// <summary>
    /// The depth headline by brute force over the raw handoffs: old enough once the first step's
    /// deadline (the instant the depth clock judges it) has come; judged when not reached before it
    /// and the clock was not stopped by then; on cadence when the clock was not breached then.
    /// </summary>
    private static FirstStepStanding BruteFirstStep(IReadOnlyList<DepthSample> depth, Instant now)
    {
        // The first step's end is the deadline its depth clock judges first: a clock breached at step 1 breaches then.
        foreach (var d in depth)
            if (d.Clock.Final is { State: Tandem.Domain.Clocks.ClockState.Breached, Step: 1 } breach) Assert.Equal(breach.At, d.FirstStepEnd);
        depth = [.. depth.Where(d => d.HandedOff <= now)]; // not handed off yet: not there at all
        var old = depth.Where(d => d.FirstStepEnd <= now).ToList();
        var judged = old.Where(d => !(d.ReachedAt < d.FirstStepEnd) && d.Clock.StateAt(d.FirstStepEnd!.Value) is not (Tandem.Domain.Clocks.ClockState.Stopped or Tandem.Domain.Clocks.ClockState.Cancelled)).ToList();
        long attempts = judged.Sum(d => d.Attempts.Count(a => a >= d.HandedOff && a <= d.FirstStepEnd));
        long required = judged.Sum(d => Math.Min(d.Terms.Cadence[0].Attempts, d.Terms.TargetAttempts));
        long target = judged.Sum(d => d.Terms.TargetAttempts);
        var onCadence = judged.Count(d => d.Clock.StateAt(d.FirstStepEnd!.Value) != Tandem.Domain.Clocks.ClockState.Breached);
        var n = judged.Count;
        return new FirstStepStanding(depth.Count, old.Count, depth.Count(d => d.FirstStepEnd > now), n,
            n == 0 ? null : new Fraction(attempts, n), n == 0 ? null : new Fraction(required, n), n == 0 ? null : new Fraction(target, n), onCadence);
    }

    private static async Task DepthAgreesAsync(DbConnection connection, Period month, string? segment, IReadOnlyList<DepthSample> depth, Instant now)
    {
        var actualDepth = await FollowUpQuery.DepthAsync(connection, month, segment, now);
        Assert.Equal(depth.Count, actualDepth.Handoffs);
        Assert.Equal(DepthReport.Ages.Select(a => DepthReport.At(depth, a, now)), actualDepth.Total);
        Assert.Equal(BruteFirstStep(depth, now), actualDepth.FirstStep);
        Assert.Equal(DepthReport.FirstStep(depth, now), actualDepth.FirstStep);
        Assert.Equal(depth.GroupBy(d => d.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, BruteFirstStep([.. g], now))), actualDepth.FirstStepByRep);
        var byRep = actualDepth.ByRep.Select(r => (r.Rep, r.Handoffs, r.Ages.ToList())).ToList();
        var expectedByRep = depth.GroupBy(d => d.Rep).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Count(), DepthReport.Ages.Select(a => DepthReport.At([.. g], a, now)).ToList())).ToList();
        Assert.Equal(expectedByRep.Count, byRep.Count);
        for (var i = 0; i < byRep.Count; i++)
        {
            Assert.Equal(expectedByRep[i].Item1, byRep[i].Rep);
            Assert.Equal(expectedByRep[i].Item2, byRep[i].Handoffs);
            Assert.Equal(expectedByRep[i].Item3, byRep[i].Item3);
        }
    }

    private static List<string> Daily(IEnumerable<Arrival> arrivals) =>
        [.. arrivals.GroupBy(a => (a.Date, a.SegmentKey, a.LeadTypeKey)).Select(g => $"{g.Key} {g.Aggregate(Tandem.Domain.Numbers.Fraction.Zero, (s, a) => s + a.Worth)}").Order(StringComparer.Ordinal)];

    private sealed record Snapshot(List<string> Handoffs, List<string> Arrivals, List<string> Rollup, List<string> Clocks, List<string> HandoffRollups, List<string> Untimed);

    private const string HandoffRollupsSql =
        "SELECT 'speed', handoff_day, segment_key, rep, handoffs, CAST(within_commitment AS TEXT), wall_minutes, working_minutes FROM handoff_speed_daily " +
        "UNION ALL SELECT 'depth', handoff_day, segment_key, rep, handoffs, d7_leads || ' ' || d7_attempts || ' ' || d7_required || ' ' || d7_target || ' ' || d7_on_cadence, " +
        "d14_leads || ' ' || d14_attempts || ' ' || d14_required || ' ' || d14_target || ' ' || d14_on_cadence, d30_leads || ' ' || d30_attempts || ' ' || d30_required || ' ' || d30_target || ' ' || d30_on_cadence FROM handoff_depth_daily " +
        "UNION ALL SELECT 'score', handoff_day, segment_key, CAST(breach_day AS TEXT), handoffs, CAST(within_commitment AS TEXT), CAST(depth_counted AS TEXT), '' FROM handoff_score_daily " +
        "UNION ALL SELECT 'first', handoff_day, segment_key, rep || ' ' || due_day, handoffs, leads || ' ' || attempts || ' ' || required, target || ' ' || on_cadence, '' FROM handoff_first_step_daily";

    /// <summary>The handoff rollups as a grouping of the facts makes them (<see cref="HandoffRollup.RebuildAsync"/>, rolled back).</summary>
    private static async Task<List<string>> GroupedHandoffRollupsAsync(DbConnection connection)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await HandoffRollup.RebuildAsync(connection, tx, default);
        var grouped = await RowsAsync(connection, HandoffRollupsSql, tx);
        await tx.RollbackAsync();
        return grouped;
    }

    // A clock's stored state, since and next change depend on when it was stored; what it will do does not.
    private static async Task<Snapshot> SnapshotAsync(DbConnection connection) => new(
        await RowsAsync(connection, "SELECT * FROM handoff_facts"),
        await RowsAsync(connection, "SELECT * FROM arrival_facts"),
        await RowsAsync(connection, "SELECT arrival_day, segment_key, lead_type_key, leads FROM arrivals_daily"),
        await RowsAsync(connection, "SELECT source, lead_id, episode, commitment, agreement_id, rule, rep, started_at, due_at, transitions, segment_key, breached_at FROM sla_clocks"),
        await RowsAsync(connection, HandoffRollupsSql),
        await RowsAsync(connection, "SELECT 'row', source, lead_id, episode, handoff_day, segment_key, rep FROM untimed_handoffs UNION ALL SELECT 'day', source, '', handoffs, handoff_day, segment_key, '' FROM untimed_handoffs_daily"));

    private static Task<List<string>> CountedRollupAsync(DbConnection connection) =>
        RowsAsync(connection, "SELECT arrival_day, segment_key, lead_type_key, COUNT(*) FROM arrival_facts GROUP BY arrival_day, segment_key, lead_type_key");

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql, DbTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
