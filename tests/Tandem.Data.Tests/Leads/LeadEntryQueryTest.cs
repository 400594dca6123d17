using System.Data.Common;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Demo;
using Tandem.Data.Leads;
using Tandem.Data.Store;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Leads;

/// <summary>
/// Lists of leads (issue 21) over the demo company, on both engines: marketing's leads entering the
/// funnel's first stage are pacing's "delivered" for the same period, day and segment; a later
/// stage's list equals a brute-force count of first entries over every stage change; handed off yes
/// and no split the list; walking Next lists each lead once; a sales rep's list is only theirs.
/// </summary>
public sealed class LeadEntryQueryTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 18, 15, 0);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ListsOfLeads_AreTheFiguresTheyStandFor(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await DemoDatabase.SeedAsync(database, new DemoOptions(600, 7, Now) { Months = 9 });
        await using var connection = await database.OpenAsync();
        await Tandem.Data.Projection.Projector.RunAsync(connection, Now);
        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "demo");
        var zone = agreement.Calendar.Zone;
        var funnel = SheetReader.FunnelOf(agreement);
        var marketing = agreement.Plan.LeadTypes.Where(t => t.Origin == LeadOrigin.Marketing).Select(t => t.Name).ToList();
        Assert.NotEmpty(marketing);

        // Pacing's delivered, up to and including its as-of day, for a month in progress and one past, all segments and each.
        foreach (var (period, asOf) in new[] { (Period.Month(2026, 11), new LocalDate(2026, 11, 18)), (Period.Month(2026, 9), new LocalDate(2026, 9, 30)) })
            foreach (var segment in (string?[])[null, .. agreement.Plan.Segments.Select(s => s.Name)])
            {
                var pacing = await PacingQuery.RunAsync(connection, agreement, period, asOf, segment);
                var filter = new LeadEntryFilter(period.Start, asOf.PlusDays(1), funnel[0], true) { Segment = segment, LeadTypes = marketing };
                var count = await LeadEntryQuery.CountAsync(connection, filter, zone);
                Assert.True(pacing.Total.Actual == count, $"{period} {segment}: pacing {pacing.Total.Actual}, the list {count}");
                Assert.True(count > 0);
                Assert.Equal(count, await LeadEntryQuery.CountAsync(connection, filter with { HandedOff = true }, zone) + await LeadEntryQuery.CountAsync(connection, filter with { HandedOff = false }, zone));
                Assert.Equal(0, await LeadEntryQuery.CountAsync(connection, filter with { LeadTypes = [] }, zone));
            }

        // A later stage: first entries over every stage change, brute force.
        var changes = new List<(string Source, string Lead, string Stage, long At)>();
        await ReadAsync(connection, "SELECT source, lead_id, stage, at FROM stage_changes", r => changes.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3))));
        var leads = new Dictionary<(string, string), (string? Segment, string? Owner, bool Counted)>();
        await ReadAsync(connection, "SELECT source, id, segment, owner, deleted_at, merged_into FROM leads",
            r => leads[(r.GetString(0), r.GetString(1))] = (r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) && r.IsDBNull(5)));
        var handedOff = new HashSet<(string, string)>();
        await ReadAsync(connection, "SELECT source, lead_id FROM handoff_facts", r => handedOff.Add((r.GetString(0), r.GetString(1))));
        var stage = funnel[1];
        var year = Period.Parse("2026", "period");
        var (start, stop) = (year.Start.AtStartOfDayInZone(zone).ToInstant().ToUnixTimeMilliseconds(), year.End.AtStartOfDayInZone(zone).ToInstant().ToUnixTimeMilliseconds());
        var firsts = changes.Where(c => string.Equals(c.Stage, stage, StringComparison.Ordinal)).GroupBy(c => (c.Source, c.Lead)).Select(g => (g.Key, First: g.Min(c => c.At)))
            .Where(e => e.First >= start && e.First < stop && leads[e.Key].Counted).ToList();
        Assert.True(firsts.Count > LeadEntryQuery.PageSize, $"{stage}: more than a page of entries in {year}");
        var all = new LeadEntryFilter(year.Start, year.End, stage, false);
        Assert.Equal(firsts.Count, await LeadEntryQuery.CountAsync(connection, all, zone));
        Assert.Equal(firsts.Count(e => handedOff.Contains(e.Key)), await LeadEntryQuery.CountAsync(connection, all with { HandedOff = true }, zone));
        var smb = firsts.Count(e => string.Equals(leads[e.Key].Segment?.Trim(), "SMB", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(smb, await LeadEntryQuery.CountAsync(connection, all with { Segment = "SMB" }, zone));

        // Next walks every lead once, newest entry first; Previous from the second page is the first.
        var rows = new List<LeadEntryRow>();
        var pages = new List<LeadEntryPage>();
        string? cursor = null;
        do
        {
            var page = await LeadEntryQuery.PageAsync(connection, all, zone, cursor);
            Assert.Equal(firsts.Count, page.Count);
            pages.Add(page);
            rows.AddRange(page.Rows);
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal(firsts.Select(e => e.Key).Order(), rows.Select(r => (r.Source, r.LeadId)).Order());
        Assert.Equal(rows.Select(r => r.Entered).OrderDescending(), rows.Select(r => r.Entered));
        Assert.All(rows, r => Assert.Equal(handedOff.Contains((r.Source, r.LeadId)), r.HandedOff));
        var back = await LeadEntryQuery.PageAsync(connection, all, zone, pages[1].Previous);
        Assert.Equal(pages[0].Rows.Select(r => r.LeadId), back.Rows.Select(r => r.LeadId));

        // A sales rep sees the leads they own or that have a clock of theirs.
        var clocks = new HashSet<(string, string)>();
        await ReadAsync(connection, "SELECT source, lead_id FROM sla_clocks WHERE rep = 'rep-02'", r => clocks.Add((r.GetString(0), r.GetString(1))));
        var own = firsts.Count(e => leads[e.Key].Owner == "rep-02" || clocks.Contains(e.Key));
        Assert.True(own > 0);
        Assert.Equal(own, await LeadEntryQuery.CountAsync(connection, all with { Viewer = "rep-02" }, zone));
        Assert.Equal(firsts.Count(e => leads[e.Key].Owner == "rep-02"), await LeadEntryQuery.CountAsync(connection, all with { Owner = "REP-02" }, zone));
        await Assert.ThrowsAsync<FormatException>(() => LeadEntryQuery.PageAsync(connection, all, zone, "not-a-cursor"));
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
}
