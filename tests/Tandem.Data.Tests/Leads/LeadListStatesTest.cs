using NodaTime;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Leads;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Tests.Leads;

/// <summary>
/// A clock's state on the lead list moves with time without a write: projected once just after the
/// handoffs, the list counts each state at every instant a clock changes (and the millisecond before)
/// as the clocks' timelines say, on both engines.
/// </summary>
public class LeadListStatesTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        leadTypes:
          - name: Demo request
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 4 hours, clock: wall }
          depth:
            attempts: 3
            cadence: [{ attempts: 2, within: 2 }, { attempts: 3, within: 5 }]
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task StatesFollowTheTimelines(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var start = Instant.FromUtc(2026, 10, 5, 14, 0);
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", Agreement, (start - Duration.FromDays(30)).ToUnixTimeMilliseconds());
        var ms = start.ToUnixTimeMilliseconds();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var i = 1; i <= 3; i++)
            {
                await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "lead_type", "segment", "owner"], [["default", $"L{i}", ms, "Demo request", "SMB", "ann"]], ms);
                foreach (var stage in new[] { "MQL", "SQL" })
                    await UpsertWriter.WriteAsync(tx, TableSpec.StageChanges, ["rep"], [["default", $"L{i}", stage, ms + i * 60_000, "ann"]], ms);
            }
            // L3 is touched within the hour: its speed clock is met.
            await UpsertWriter.WriteAsync(tx, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", "T1", "L3", "ann", "call", ms + 40 * 60_000, "connected"]], ms);
            await tx.CommitAsync();
        }
        var projected = start + Duration.FromHours(1);
        await Projector.CatchUpAsync(connection, projected, null, ProjectionTuning.Default, default);
        var clocks = await StoredClock.ReadAsync(connection);
        Assert.Equal(6, clocks.Count);
        var instants = clocks.SelectMany(c => c.Transitions.Select(t => t.At)).Where(t => t > projected)
            .SelectMany(t => new[] { t, t - Duration.FromMilliseconds(1) }).Append(projected).Distinct().Order().ToList();
        Assert.Contains(clocks, c => c.Transitions.Any(t => t.State == ClockState.Warning && t.At > projected));
        var filter = new LeadListFilter(new LocalDate(2026, 10, 1), new LocalDate(2026, 11, 1));
        var seen = new HashSet<(string, ClockState)>();
        foreach (var at in instants)
            foreach (var commitment in new[] { "speed", "depth" })
                foreach (var state in Enum.GetValues<ClockState>())
                {
                    var expected = clocks.Count(c => c.Commitment == commitment && c.At(at).State == state);
                    if (expected > 0) seen.Add((commitment, state));
                    Assert.True(expected == await LeadListQuery.CountAsync(connection, filter with { Commitment = commitment, State = state }, at), $"{commitment} {state} at {at}: expected {expected}");
                }
        // Every state the list offers that these clocks pass through was checked while held.
        Assert.Contains(("speed", ClockState.Running), seen);
        Assert.Contains(("speed", ClockState.Warning), seen);
        Assert.Contains(("speed", ClockState.Breached), seen);
        Assert.Contains(("speed", ClockState.Met), seen);
        Assert.Contains(("depth", ClockState.Warning), seen);
        Assert.Contains(("depth", ClockState.Breached), seen);
    }
}
