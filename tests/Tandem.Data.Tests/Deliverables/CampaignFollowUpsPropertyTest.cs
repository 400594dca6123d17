using System.Data.Common;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Projection;
using Tandem.Data.Store;
using Tandem.Domain.Deliverables;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Deliverables;

public static class CampaignHistoryArbitrary
{
    public static Arbitrary<CampaignHistory> Histories() => Gen.Choose(0, int.MaxValue - 1).Select(CampaignHistory.From).ToArbitrary();
}

/// <summary>
/// The campaign follow-up facts kept as records are written equal a rebuild, and the deliverable
/// lines judged from them equal the lines judged from the raw campaign leads and touches, for each
/// month and the four together, as of now and of instants on a fact's edge (its touch or deadline,
/// and a millisecond either side); then again after an agreement of other follow-up terms is
/// activated; an agreement the facts were not judged under reads the raw records.
/// </summary>
public class CampaignFollowUpsPropertyTest
{
    private static string Agreement(string followUp) => $$"""
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
        deliverables:
          campaigns:
            launches: { count: 1, per: month }
            followUp: {{followUp}}
        """;

    private static readonly string Wall = Agreement("{ within: 48 hours }");
    private static readonly string Working = Agreement("{ within: 8 hours, clock: working }");

    [Property(MaxTest = 60, Arbitrary = [typeof(CampaignHistoryArbitrary)])]
    public void Sqlite_FactsJudgeAsTheRawRecords(CampaignHistory history) => CheckAsync(DatabaseKind.Sqlite, history).GetAwaiter().GetResult();

    [Property(MaxTest = 8, Arbitrary = [typeof(CampaignHistoryArbitrary)])]
    public void Postgres_FactsJudgeAsTheRawRecords(CampaignHistory history) => CheckAsync(DatabaseKind.Postgres, history).GetAwaiter().GetResult();

    /// <summary>A campaign lead merged into another lead is followed up by a touch of that lead written after the merge.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ATouchOfTheLeadMergedInto_FollowsUpTheMergedCampaignLead(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", Wall, (CampaignHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        var responded = CampaignHistory.Start.ToUnixTimeMilliseconds();
        var now = CampaignHistory.Start + Duration.FromDays(60);
        async Task WriteAsync(TableSpec table, string[] fields, object?[] row)
        {
            now += Duration.FromMinutes(3);
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await UpsertWriter.WriteAsync(tx, table, fields, [row], now.ToUnixTimeMilliseconds());
                await tx.CommitAsync();
            }
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1));
        }
        await WriteAsync(TableSpec.Leads, ["created_at"], ["default", "A", responded]);
        await WriteAsync(TableSpec.Leads, ["created_at"], ["default", "B", responded]);
        await WriteAsync(TableSpec.CampaignLeads, ["responded_at"], ["default", "C1", "A", responded]);
        now += Duration.FromMinutes(3);
        await LeadOperations.MergeAsync(connection, "default", "A", "B", now.ToUnixTimeMilliseconds());
        // Past the catch-up's overlap, so that only B's touch is seen as written.
        now += Projector.Overlap;
        await Projector.CatchUpAsync(connection, now);
        await WriteAsync(TableSpec.Touches, ["lead_id", "channel", "at"], ["default", "T1", "B", "call", responded + 3_600_000]);

        Assert.Equal(["default|C1|A|1|" + (responded + 3_600_000)], (await RowsAsync(connection, "SELECT source, campaign_id, lead_id, kept, judged_at FROM campaign_follow_ups")));
    }

    private static async Task CheckAsync(DatabaseKind kind, CampaignHistory history)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        var (first, second) = history.Seed % 4 < 2 ? (Wall, Working) : (Working, Wall);
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", first, (CampaignHistory.Start - Duration.FromDays(400)).ToUnixTimeMilliseconds());
        var now = CampaignHistory.Start + Duration.FromDays(60);
        for (var b = 0; b < history.Batches.Count; b++)
        {
            now += Duration.FromMinutes(3);
            foreach (var write in history.Batches[b]) await write(connection, now.ToUnixTimeMilliseconds());
            await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1));
            // Now and then a quiet spell past the overlap, so that the next catch-up sees only the next batch's writes.
            if ((history.Seed + b) % 2 == 0)
            {
                now += Projector.Overlap + Duration.FromMinutes(1);
                await Projector.CatchUpAsync(connection, now);
            }
        }
        await AgreeAsync(connection, now);

        // Other terms: the activation's catch-up judges every campaign lead again.
        now += Duration.FromMinutes(10);
        await AgreementStore.SaveAsync(connection, "SLA", "2026-10", second, now.ToUnixTimeMilliseconds());
        await Projector.CatchUpAsync(connection, now + Duration.FromSeconds(1));
        await AgreeAsync(connection, now);

        // An agreement of terms the facts were not judged under reads the campaign leads themselves.
        var other = AgreementFile.Parse(Agreement("{ within: 3 hours }"), "other.yaml");
        var (from, to) = Window(other, Period.Month(2026, 10), Period.Month(2026, 11));
        Assert.Null((await DeliverableReader.ReadAsync(connection, other, from, to, now)).CampaignFollowUps);
    }

    private static async Task AgreeAsync(DbConnection connection, Instant now)
    {
        var incremental = await FactsAsync(connection);
        await Projector.RebuildAsync(connection, now);
        Assert.Equal(await FactsAsync(connection), incremental);

        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        var edges = (await RowsAsync(connection, "SELECT judged_at FROM campaign_follow_ups ORDER BY judged_at")).Select(long.Parse).Distinct().Take(4)
            .SelectMany(ms => new[] { ms - 1, ms, ms + 1 }).Select(Instant.FromUnixTimeMilliseconds);
        foreach (var asOf in edges.Prepend(now).Append(now + Duration.FromMilliseconds(0.5)))
        {
            var september = Period.Month(2026, 9);
            foreach (var (firstMonth, last) in new[] { (september, september.Plus(3)) }.Concat(Enumerable.Range(0, 4).Select(i => (september.Plus(i), september.Plus(i)))))
            {
                var (from, to) = Window(agreement, firstMonth, last);
                var stored = await DeliverableReader.ReadAsync(connection, agreement, from, to, asOf);
                Assert.NotNull(stored.CampaignFollowUps);
                var raw = await DeliverableReader.ReadAsync(connection, from, to, agreement.Deliverables.Lookback, agreement.Deliverables.UsesJudged);
                for (var month = firstMonth; month.Start <= last.Start; month = month.Next())
                {
                    Assert.Equal(RawTally(agreement, month, asOf, raw), stored.CampaignFollowUps!.Where(d => month.Contains(d.Responded)).Aggregate(new DeadlineTally(0, 0, 0), (sum, d) => sum + d.Tally));
                    Assert.Equal(Lines(agreement, month, asOf, raw), Lines(agreement, month, asOf, stored));
                }
            }
        }

        // The Deliverables page's campaigns: leads tied and touched since responding from the facts, and
        // from the records when no facts are kept, each as counted from the raw records.
        await using (var launch = connection.CreateCommand())
        {
            launch.CommandText = "INSERT INTO campaigns (source, id, name, launched_at, updated_at) SELECT DISTINCT source, campaign_id, campaign_id, @at, 0 FROM campaign_leads WHERE 1 = 1 ON CONFLICT DO NOTHING";
            var at = launch.CreateParameter();
            at.ParameterName = "@at";
            at.Value = CampaignHistory.Start.ToUnixTimeMilliseconds();
            launch.Parameters.Add(at);
            await launch.ExecuteNonQueryAsync();
        }
        var expected = await CampaignCountsAsync(connection);
        var window = (From: CampaignHistory.Start - Duration.FromDays(1), To: CampaignHistory.Start + Duration.FromDays(1));
        Assert.True(await DeliverableLog.CampaignFactsKeptAsync(connection, default) || expected.All(c => c.EndsWith("|0|0", StringComparison.Ordinal)));
        Assert.Equal(expected, Listed(await DeliverableLog.ReadAsync(connection, window.From, window.To, agreement.Calendar.Zone)));
        await using (var forget = connection.CreateCommand())
        {
            forget.CommandText = "DELETE FROM campaign_follow_ups";
            await forget.ExecuteNonQueryAsync();
        }
        Assert.False(await DeliverableLog.CampaignFactsKeptAsync(connection, default));
        Assert.Equal(expected, Listed(await DeliverableLog.ReadAsync(connection, window.From, window.To, agreement.Calendar.Zone)));
        await Projector.RebuildAsync(connection, now);
    }

    private static List<string> Listed(DeliverableLogResult log) => [.. log.Campaigns.Select(c => $"{c.Id}|{c.Leads}|{c.Touched}").Order(StringComparer.Ordinal)];

    /// <summary>Per campaign: its campaign leads whose lead is not deleted, and those with a touch since responding under the lead or the lead it was merged into.</summary>
    private static async Task<List<string>> CampaignCountsAsync(DbConnection connection)
    {
        var leads = (await RowsAsync(connection, "SELECT id, deleted_at, merged_into FROM leads")).Select(r => r.Split('|')).ToDictionary(r => r[0], r => (Deleted: r[1] != "null", MergedInto: r[2] == "null" ? null : r[2]));
        var touches = (await RowsAsync(connection, "SELECT lead_id, at FROM touches")).Select(r => r.Split('|')).Select(r => (Lead: r[0], At: long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var campaignLeads = (await RowsAsync(connection, "SELECT campaign_id, lead_id, responded_at FROM campaign_leads")).Select(r => r.Split('|'))
            .Select(r => (Campaign: r[0], Lead: r[1], Responded: long.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(c => !leads.TryGetValue(c.Lead, out var lead) || !lead.Deleted).ToList();
        bool Touched((string Campaign, string Lead, long Responded) c)
        {
            var into = leads.TryGetValue(c.Lead, out var lead) ? lead.MergedInto : null;
            return touches.Any(t => (t.Lead == c.Lead || (into is not null && t.Lead == into)) && t.At >= c.Responded);
        }
        var campaigns = (await RowsAsync(connection, "SELECT id FROM campaigns")).ToList();
        return [.. campaigns.Select(id => $"{id}|{campaignLeads.Count(c => c.Campaign == id)}|{campaignLeads.Count(c => c.Campaign == id && Touched(c))}").Order(StringComparer.Ordinal)];
    }

    private static (Instant From, Instant To) Window(Tandem.Domain.Agreements.Agreement agreement, Period first, Period last) =>
        (agreement.Calendar.Zone.AtStartOfDay(first.Start).ToInstant(), agreement.Calendar.Zone.AtStartOfDay(last.End).ToInstant());

    /// <summary>The follow-up tally of the month's campaign leads, each judged from its records as the scorecard does.</summary>
    private static DeadlineTally RawTally(Tandem.Domain.Agreements.Agreement agreement, Period month, Instant asOf, DeliverableRecords records)
    {
        var followUp = agreement.Deliverables.Campaigns!.FollowUp!;
        return Deadlines.Tally(records.CampaignLeads.Where(l => month.Contains(l.Responded.InZone(agreement.Calendar.Zone).Date))
            .Select(l => new DeadlineItem(DeliverableScorecard.FollowUpDue(followUp, agreement.Calendar, l.Responded), Deadlines.Nth(l.Touches, 1, l.Responded))), asOf);
    }

    private static List<string> Lines(Tandem.Domain.Agreements.Agreement agreement, Period month, Instant asOf, DeliverableRecords records) =>
        [.. DeliverableScorecard.Lines(agreement.Deliverables, month.Start, month.End, agreement.Calendar, agreement.Tolerance, asOf, records)
            .Select(l => l.ToString())];

    private static async Task<List<string>> FactsAsync(DbConnection connection) =>
        [.. (await RowsAsync(connection, "SELECT source, campaign_id, lead_id, responded_at, responded_day, kept, judged_at, touched_at FROM campaign_follow_ups")).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
