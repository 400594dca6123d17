using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Notifications;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Clocks;

/// <summary>
/// Judge only what the data can judge (issue 20): the handoffs of a source without any touch
/// stored get no clock, no breach, no notification and no speed or depth figure; sla status, the
/// reports and the scorecard say "no touch data from SOURCE" and how many handoffs that leaves out.
/// The source's first touch makes its clocks real, and every rollup still equals a recount.
/// </summary>
public class UntimedHandoffsTest
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

    /// <summary>Handed off at 10:00 on 23 November; the speed commitment (30 minutes) breaches at 10:30 for a lead not touched.</summary>
    private static async Task SeedAsync(DbConnection connection, bool web)
    {
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, Ms("2026-01-01T00:00:00Z"));
        await NotificationChannels.AddAsync(connection, new NotificationChannel("hook", ChannelKind.Webhook, "https://example.test/hook", null,
            new HashSet<string> { "warning", "breached" }, NotificationChannel.BothCommitments), 0);
        object?[][] leads = [["olist", "O1", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "ann"], ["olist", "O2", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "bob"]];
        object?[][] stages = [["olist", "O1", "MQL", Ms("2026-11-23T10:00:00-05:00"), "ann"], ["olist", "O2", "MQL", Ms("2026-11-23T10:00:00-05:00"), "bob"]];
        if (web)
        {
            leads = [.. leads, ["web", "W1", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "ann"], ["web", "W2", Ms("2026-11-23T09:00:00-05:00"), "Ebook", "bob"]];
            stages = [.. stages, ["web", "W1", "MQL", Ms("2026-11-23T10:00:00-05:00"), "ann"], ["web", "W2", "MQL", Ms("2026-11-23T10:00:00-05:00"), "bob"]];
        }
        await WriteAsync(connection, TableSpec.Leads, ["created_at", "lead_type", "owner"], leads, project: false);
        await WriteAsync(connection, TableSpec.StageChanges, ["rep"], stages, project: false);
        if (web) await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["web", "T1", "W1", "ann", "call", Ms("2026-11-23T10:20:00-05:00"), "no_answer"]], project: false);
    }

    private static async Task WriteAsync(DbConnection connection, TableSpec table, string[] fields, object?[][] rows, bool project, long stamp = 1)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, stamp);
        // Tandem's writers project what they wrote in their own transaction; a raw write leaves it to the catch-up.
        if (project) await Projector.ProjectWrittenAsync(connection, tx, stamp, Instant.FromUnixTimeMilliseconds(stamp));
        await tx.CommitAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ASourceWithoutTouches_IsNeverBreached_AndEveryFigureSaysWhy(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection, web: false);
        var now = At("2026-11-23T12:00:00-05:00");
        await Projector.CatchUpAsync(connection, now);

        Assert.Empty(await RowsAsync(connection, "SELECT source, lead_id FROM sla_clocks"));
        Assert.Equal(["0"], await RowsAsync(connection, "SELECT COUNT(*) FROM sla_events"));
        Assert.Equal(["0"], await RowsAsync(connection, "SELECT COUNT(*) FROM notifications"));
        Assert.Empty(await RowsAsync(connection, "SELECT breaches FROM breaches_total"));
        Assert.Equal(["olist|O1|1|ann", "olist|O2|1|bob"], await RowsAsync(connection, "SELECT source, lead_id, episode, rep FROM untimed_handoffs"));

        var status = await StatusQuery.RunAsync(connection, now, new HashSet<string> { "running", "warning", "breached" }, null);
        Assert.All(status.Counts.Values.SelectMany(c => c.Values), n => Assert.Equal(0, n));
        Assert.Equal(new[] { new UntimedSource("olist", 2) }, status.Untimed);
        Assert.Equal("no touch data from olist", status.Untimed[0].Reason);

        var month = Period.Month(2026, 11);
        var speed = await FollowUpQuery.SpeedAsync(connection, month, null);
        var depth = await FollowUpQuery.DepthAsync(connection, month, null, now);
        Assert.Equal((0L, 0), (speed.Total.Handoffs, depth.Handoffs));
        Assert.Equal(new[] { new UntimedSource("olist", 2) }, speed.Untimed);
        Assert.Equal(new[] { new UntimedSource("olist", 2) }, depth.Untimed);
        Assert.Empty((await FollowUpQuery.SpeedAsync(connection, month, "Enterprise")).Untimed);

        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        var lines = (await ScorecardQuery.RunAsync(connection, agreement, month, 2, null, now)).Periods[^1].Lines;
        foreach (var commitment in new[] { "speed", "depth" })
        {
            var line = lines.Single(l => l.Commitment == commitment);
            Assert.Equal((LineStatus.Pending, "no touch data from olist", (bool?)null, false), (line.Status, line.Reason, line.Met, line.Actual.HasValue));
        }
        // The month before had no handoff at all: nothing is said about touches there.
        Assert.Null((await ScorecardQuery.RunAsync(connection, agreement, month, 2, null, now)).Periods[0].Lines.Single(l => l.Commitment == "speed").Reason);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite, true)]
    [InlineData(DatabaseKind.Sqlite, false)]
    [InlineData(DatabaseKind.Postgres, true)]
    [InlineData(DatabaseKind.Postgres, false)]
    public async Task AMixedStore_JudgesOnlyTheSourceWithTouches_UntilTheFirstTouchMakesTheOthersClocksReal(DatabaseKind kind, bool writerProjects)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection, web: true);
        var now = At("2026-11-23T12:00:00-05:00");
        await Projector.CatchUpAsync(connection, now);

        // Only web is clocked: W2, never touched, breached at 10:30 and its breach was queued for the webhook; olist sent nothing.
        Assert.Equal(["web|W1|depth", "web|W1|speed", "web|W2|depth", "web|W2|speed"], await RowsAsync(connection, "SELECT source, lead_id, commitment FROM sla_clocks"));
        Assert.Equal(["web|W2|speed|breached"], await RowsAsync(connection, "SELECT source, lead_id, commitment, state FROM sla_events WHERE state = 'breached'"));
        Assert.Equal(["web|1"], await RowsAsync(connection, "SELECT e.source, COUNT(*) FROM notifications n JOIN sla_events e ON e.id = n.event_id WHERE e.state = 'breached' GROUP BY e.source"));
        var status = await StatusQuery.RunAsync(connection, now, new HashSet<string> { "breached" }, null);
        Assert.Equal(1, status.Counts["speed"]["breached"]);
        Assert.Equal(new[] { new UntimedSource("olist", 2) }, status.Untimed);
        var month = Period.Month(2026, 11);
        var speed = await FollowUpQuery.SpeedAsync(connection, month, null);
        Assert.Equal((2L, 1L), (speed.Total.Handoffs, speed.Total.Within));
        Assert.Equal(new[] { new UntimedSource("olist", 2) }, speed.Untimed);
        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        var line = (await ScorecardQuery.RunAsync(connection, agreement, month, 1, null, now)).Periods[0].Lines.Single(l => l.Commitment == "speed");
        Assert.Equal(new Fraction(1, 2), line.Actual);
        Assert.Equal("2 handoffs left out, no touch data from olist", line.Reason);
        await RollupsEqualRecountAsync(connection);

        // Olist's first touch: both its leads are clocked now, the one touched and the one not (breached at 10:30, notified now).
        var later = At("2026-11-23T12:10:00-05:00");
        await WriteAsync(connection, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"],
            [["olist", "T9", "O1", "ann", "call", Ms("2026-11-23T10:10:00-05:00"), "no_answer"]], writerProjects, later.ToUnixTimeMilliseconds());
        if (!writerProjects) await Projector.CatchUpAsync(connection, later);
        Assert.Equal(["olist|O1|depth", "olist|O1|speed", "olist|O2|depth", "olist|O2|speed", "web|W1|depth", "web|W1|speed", "web|W2|depth", "web|W2|speed"],
            await RowsAsync(connection, "SELECT source, lead_id, commitment FROM sla_clocks"));
        Assert.Equal(["olist|O2|speed|breached", "web|W2|speed|breached"], await RowsAsync(connection, "SELECT source, lead_id, commitment, state FROM sla_events WHERE state = 'breached'"));
        Assert.Empty(await RowsAsync(connection, "SELECT * FROM untimed_handoffs"));
        Assert.Empty((await StatusQuery.RunAsync(connection, later, new HashSet<string> { "breached" }, null)).Untimed);
        speed = await FollowUpQuery.SpeedAsync(connection, month, null);
        Assert.Equal((4L, 2L), (speed.Total.Handoffs, speed.Total.Within));
        Assert.Empty(speed.Untimed);
        line = (await ScorecardQuery.RunAsync(connection, agreement, month, 1, null, later)).Periods[0].Lines.Single(l => l.Commitment == "speed");
        Assert.Equal(new Fraction(1, 2), line.Actual);
        Assert.Null(line.Reason);
        await RollupsEqualRecountAsync(connection);

        // What the incremental passes left equals a rebuild from the records.
        var clocks = await RowsAsync(connection, ClocksSql);
        await Projector.RebuildAsync(connection, later);
        Assert.Equal(clocks, await RowsAsync(connection, ClocksSql));
        await RollupsEqualRecountAsync(connection);
    }

    /// <summary>Migration 0025 over a database whose projector clocked a touchless source (as Tandem did before it): the next catch-up rebuilds without those clocks.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ADatabaseFromBefore0025_LosesTheTouchlessSourcesBreaches_AtItsNextCatchUp(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await SeedAsync(connection, web: true);
        var now = At("2026-11-23T12:00:00-05:00");
        await Projector.CatchUpAsync(connection, now);

        // As the database was before 0025: olist's leads clocked like web's untouched W2 (breached), and no untimed tables.
        const string Columns = "episode, commitment, agreement_id, rule, rep, started_at, due_at, state, state_since, next_at, transitions, computed_at, segment_key, lead_type_key, breached_at";
        foreach (var lead in new[] { "O1", "O2" })
            await ExecuteAsync(connection, $"INSERT INTO sla_clocks (source, lead_id, {Columns}) SELECT 'olist', '{lead}', {Columns} FROM sla_clocks WHERE lead_id = 'W2'");
        await ExecuteAsync(connection, "DROP TABLE untimed_handoffs");
        await ExecuteAsync(connection, "DROP TABLE untimed_handoffs_daily");
        await ExecuteAsync(connection, "DELETE FROM schema_migrations WHERE version = 25");
        Assert.Equal(["olist|O1|speed", "olist|O2|speed", "web|W2|speed"], await RowsAsync(connection, "SELECT source, lead_id, commitment FROM sla_clocks WHERE commitment = 'speed' AND breached_at IS NOT NULL"));

        Assert.Equal(["0025_untimed_handoffs"], await Migrator.ApplyAsync(connection, kind));
        Assert.Null(await Projector.LastCatchUpAsync(connection));
        Assert.True((await Projector.CatchUpAsync(connection, now))!.Rebuilt);

        Assert.Equal(["web|W2|speed"], await RowsAsync(connection, "SELECT source, lead_id, commitment FROM sla_clocks WHERE commitment = 'speed' AND breached_at IS NOT NULL"));
        Assert.Equal(["olist|O1", "olist|O2"], await RowsAsync(connection, "SELECT source, lead_id FROM untimed_handoffs"));
        await RollupsEqualRecountAsync(connection);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private const string ClocksSql = "SELECT source, lead_id, episode, commitment, rule, rep, started_at, due_at, transitions, breached_at FROM sla_clocks";

    /// <summary>The rollups the untimed handoffs move equal a recount: untimed per day, clocks per state, open breaches, handoffs per day.</summary>
    private static async Task RollupsEqualRecountAsync(DbConnection connection)
    {
        Assert.Equal(await RowsAsync(connection, "SELECT handoff_day, segment_key, source, COUNT(*) FROM untimed_handoffs GROUP BY handoff_day, segment_key, source"),
            await RowsAsync(connection, "SELECT handoff_day, segment_key, source, handoffs FROM untimed_handoffs_daily"));
        Assert.Equal(await RowsAsync(connection, "SELECT commitment, state, COUNT(*) FROM sla_clocks WHERE started_at <= computed_at GROUP BY commitment, state"),
            await RowsAsync(connection, "SELECT commitment, state, clocks FROM sla_clock_counts WHERE clocks <> 0"));
        Assert.Equal(await RowsAsync(connection, "SELECT commitment, COUNT(*) FROM sla_clocks WHERE breached_at IS NOT NULL GROUP BY commitment"),
            await RowsAsync(connection, "SELECT commitment, SUM(breaches) FROM breaches_total GROUP BY commitment HAVING SUM(breaches) <> 0"));
        Assert.Equal(await RowsAsync(connection, "SELECT handoff_day, COUNT(*) FROM handoff_facts GROUP BY handoff_day"),
            await RowsAsync(connection, "SELECT handoff_day, SUM(handoffs) FROM handoff_speed_daily GROUP BY handoff_day"));
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
