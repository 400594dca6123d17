using Tandem.Data.Projection;
using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Clocks;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Clocks;

public class ClockRefreshTest
{
    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        leadTypes:
          - name: Demo request
            quality: high
          - name: Ebook
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
          depth:
            attempts: 3
            cadence: [{ attempts: 2, within: 2 }]
        """;

    private static long Ms(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant().ToUnixTimeMilliseconds();

    private static Instant At(string text) => Instant.FromUnixTimeMilliseconds(Ms(text));

    private static async Task SeedAsync(DbConnection connection, string agreement = Agreement)
    {
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", agreement, Ms("2026-01-01T00:00:00Z"));
        await WriteAsync(connection, TableSpec.Leads, ["created_at", "lead_type", "owner"],
            [["default", "L1", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "ann"], ["default", "L2", Ms("2026-11-23T09:00:00-05:00"), "Demo request", "bob"], ["default", "L3", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "ann"]]);
        await WriteAsync(connection, TableSpec.StageChanges, ["rep"],
            [["default", "L1", "MQL", Ms("2026-11-23T10:00:00-05:00"), "ann"], ["default", "L2", "MQL", Ms("2026-11-23T10:00:00-05:00"), null], ["default", "L3", "Lead", Ms("2026-11-23T10:00:00-05:00"), null]]);
        await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"],
            [["default", "T1", "L1", "ann", "call", Ms("2026-11-23T10:20:00-05:00"), "no_answer"]]);
    }

    private static async Task WriteAsync(DbConnection connection, TableSpec table, string[] fields, object?[][] rows)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, 1);
        await tx.CommitAsync();
    }

    private static async Task<List<string>> EventsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id || ' ' || commitment || ' ' || state FROM sla_events ORDER BY lead_id, commitment, at, state";
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<string>();
        while (await reader.ReadAsync()) events.Add(reader.GetString(0));
        return events;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refresh_StoresClocksAndRecordsEachEventOfTheLastDayOnce(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection);

        var now = At("2026-11-25T12:00:00-05:00");
        var summary = await Projector.RunAsync(connection, now);

        // L1 and L2 (owner bob) were handed off; L3 never reached MQL.
        Assert.Equal((3, 4, 0, 4), (summary!.Leads, summary.Clocks, summary.Cancelled, summary.EventsRecorded));
        var clocks = await StoredClock.ReadAsync(connection);
        Assert.Equal(["L1 depth breached", "L1 speed met", "L2 depth breached", "L2 speed breached"],
            clocks.Select(c => $"{c.LeadId} {c.Commitment} {c.At(now).State.ToString().ToLowerInvariant()}").Order());
        Assert.Equal("bob", clocks.First(c => c.LeadId == "L2").Rep);
        // Depth: 2 attempts within 2 days; warning at 80% of the window, breach at its end, both in the
        // last 24 hours. The speed clocks changed state two days ago: too old to notify, so not recorded
        // (their stored timelines keep them).
        Assert.Equal(["L1 depth warning", "L1 depth breached", "L2 depth warning", "L2 depth breached"], await EventsAsync(connection));

        var again = await Projector.RunAsync(connection, now);
        Assert.Equal(0, again!.EventsRecorded);
        Assert.Equal(4, (await EventsAsync(connection)).Count);
        // Seen a day earlier, the speed clocks' changes were recent: recorded then, and still only once.
        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM sla_events";
            await clear.ExecuteNonQueryAsync();
        }
        Assert.Equal(3, (await Projector.RunAsync(connection, At("2026-11-23T12:00:00-05:00")))!.EventsRecorded);
        Assert.Equal(["L1 speed met", "L2 speed warning", "L2 speed breached"], await EventsAsync(connection));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refresh_OneLead_GivesWhatTheRebuildGives(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection);
        var now = At("2026-11-23T10:40:00-05:00");
        await Projector.RunAsync(connection, now);

        // A touch arrives for L2; refreshing only L2 must match rebuilding everything.
        await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", "T2", "L2", "bob", "email", Ms("2026-11-23T10:25:00-05:00"), "replied"]]);
        await Projector.RunAsync(connection, now, [("default", "L2")]);
        var incremental = (await StoredClock.ReadAsync(connection)).Select(Describe).ToList();
        await Projector.RunAsync(connection, now);
        var rebuilt = (await StoredClock.ReadAsync(connection)).Select(Describe).ToList();

        Assert.Equal(rebuilt, incremental);
        var l2 = (await StoredClock.ReadAsync(connection)).Single(c => c.LeadId == "L2" && c.Commitment == "speed");
        Assert.Equal(Tandem.Domain.Clocks.ClockState.Met, l2.At(now).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refresh_RuleNoLongerMatches_CancelsWithoutFiringTheNewClocksPast(DatabaseKind kind)
    {
        var withRule = Agreement + "\n  rules:\n    - name: Hot\n      when: { tier: high }\n      speed: { firstTouchWithin: 5 minutes, clock: wall }\n";
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection, withRule);
        var early = At("2026-11-23T10:01:00-05:00");
        await Projector.RunAsync(connection, early);
        Assert.Equal("Hot", (await StoredClock.ReadAsync(connection)).First(c => c.LeadId == "L2").Rule);

        // L2 becomes an ebook: the Hot rule stops matching. Its breach (10:05) was never recorded, and is not now.
        await WriteAsync(connection, TableSpec.Leads, ["created_at", "lead_type", "owner"], [["default", "L2", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "bob"]]);
        var later = At("2026-11-23T10:40:00-05:00");
        var summary = await Projector.RunAsync(connection, later);

        Assert.Equal(2, summary!.Cancelled); // speed and depth of L2
        var l2 = await EventsAsync(connection);
        Assert.Contains("L2 speed cancelled", l2);
        Assert.DoesNotContain("L2 speed breached", l2);
        Assert.Equal("default", (await StoredClock.ReadAsync(connection)).First(c => c.LeadId == "L2").Rule);
    }

    /// <summary>Many changed leads are found by walking the table in pages; a deleted or merged lead's clocks and facts go, the others are derived again, the unchanged left alone.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refresh_ManyLeadsInPages_RemovesDeletedAndMergedLeads_AndKeepsTheRest(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection);
        var now = At("2026-11-23T10:40:00-05:00");
        await Projector.RunAsync(connection, now);
        Assert.Equal(["L1", "L2"], (await StoredClock.ReadAsync(connection)).Select(c => c.LeadId).Distinct().Order());

        await LeadOperations.DeleteAsync(connection, "default", "L1", Ms("2026-11-23T10:30:00-05:00"));
        await LeadOperations.MergeAsync(connection, "default", "L2", "L3", Ms("2026-11-23T10:30:00-05:00"));
        // Pages of one lead, nothing read by key: the path a bulk import takes.
        var summary = await Projector.RunAsync(connection, now, [("default", "L1"), ("default", "L2"), ("default", "L3"), ("default", "L9")], null, new ProjectionTuning(0, 1), default);

        Assert.Equal(1, summary!.Leads); // L3, now with L2's records; L1 deleted, L2 merged away, L9 not there
        Assert.Equal(["L3 depth", "L3 speed"], (await StoredClock.ReadAsync(connection)).Select(c => $"{c.LeadId} {c.Commitment}").Order());
        await using var facts = connection.CreateCommand();
        facts.CommandText = "SELECT COUNT(*) FROM handoff_facts WHERE lead_id IN ('L1', 'L2')";
        Assert.Equal(0L, Convert.ToInt64(await facts.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A walk of the table keeps its progress where a page can read it, page by page, and clears it when done.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Rebuild_KeepsItsProgress_WhileItRuns(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection);
        var seen = new List<string>();
        var progress = new Inline(p => seen.Add($"{p.Done}/{p.Total} stored {Projector.InProgressAsync(connection).GetAwaiter().GetResult()}"));

        await Projector.RunAsync(connection, At("2026-11-23T10:40:00-05:00"), null, progress, new ProjectionTuning(0, 2), default);

        Assert.Equal(["2/3 stored ProjectionProgress { Done = 2, Total = 3 }", "3/3 stored ProjectionProgress { Done = 3, Total = 3 }", "3/3 stored "], seen);
        Assert.Null(await Projector.InProgressAsync(connection));
    }

    private sealed class Inline(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => report(value);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Refresh_NoAgreement_IsNull(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        Assert.Null(await Projector.RunAsync(connection, At("2026-11-23T10:40:00-05:00")));
    }

    private static string Describe(StoredClock c) => $"{c.LeadId} {c.Commitment} {c.Rule} {c.Rep} {c.StartedAt} {c.Due} {TransitionsJson.Write(c.Transitions)}";
}
