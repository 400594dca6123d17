using System.Data.Common;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Clocks;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Analytics;

/// <summary>
/// Oracles for the reads that cost the period in view: the breach queue (paged, counted, filtered),
/// its warnings, <c>tandem sla status</c> and the scorecard, each against the same figures computed
/// the old way, from every stored clock or from the raw records, after some breaches were
/// acknowledged, snoozed, excused and reopened.
/// </summary>
internal static class StoredReadsPropertyCheck
{
    public static async Task AgreeAsync(DbConnection connection, Instant now, int seed)
    {
        var all = await StoredClock.ReadAsync(connection);
        // Managers act on some breaches; the latest action is the standing.
        var breached = all.Where(c => c.At(now).State == ClockState.Breached).OrderBy(c => c.LeadId, StringComparer.Ordinal).ThenBy(c => c.Episode).ThenBy(c => c.Commitment).ToList();
        for (var i = 0; i < breached.Count; i++)
        {
            var key = new ClockKey(breached[i].Source, breached[i].LeadId, breached[i].Episode, breached[i].Commitment);
            var pick = (i + seed) % 5;
            if (pick == 0) await BreachActions.AddAsync(connection, new BreachAction(key, "excuse", "out of office", null, "mgr", now - Duration.FromMinutes(5)));
            if (pick == 1) await BreachActions.AddAsync(connection, new BreachAction(key, "acknowledge", null, null, "mgr", now - Duration.FromMinutes(5)));
            if (pick == 2) await BreachActions.AddAsync(connection, new BreachAction(key, "snooze", null, now + Duration.FromHours(i % 2 == 0 ? 1 : -1) + Duration.FromDays(1), "mgr", now - Duration.FromDays(1)));
            if (pick == 3 && i % 2 == 0)
            {
                await BreachActions.AddAsync(connection, new BreachAction(key, "excuse", "wrong rep", null, "mgr", now - Duration.FromMinutes(9)));
                await BreachActions.AddAsync(connection, new BreachAction(key, "reopen", null, null, "mgr", now - Duration.FromMinutes(8)));
            }
        }
        var actions = await BreachActions.AllAsync(connection);
        var agreement = AgreementFile.Parse((await AgreementStore.ActiveAsync(connection))!.Content, "test");
        var zone = agreement.Calendar.Zone;

        foreach (var segment in new[] { null, "smb", "Enterprise" })
        {
            foreach (var rep in new[] { null, "bob" })
            {
                var filter = new QueueFilter(segment, rep);
                var segmentOf = await SegmentsAsync(connection);
                bool Keep(StoredClock c) => (segment is null || segmentOf[(c.Source, c.LeadId)] == ReportFactRows.Key(segment))
                    && (rep is null || string.Equals(c.Rep, rep, StringComparison.OrdinalIgnoreCase));

                // Warnings: every clock warning now, soonest deadline first.
                var warnings = await QueueQuery.WarningsAsync(connection, now, filter);
                var expectedWarnings = all.Where(c => Keep(c) && c.StartedAt <= now && c.At(now).State == ClockState.Warning).Select(Name).Order(StringComparer.Ordinal);
                Assert.Equal(expectedWarnings, warnings.Select(w => Name(w.Clock)).Order(StringComparer.Ordinal));

                for (var month = Period.Month(2026, 9); month.Start < new LocalDate(2027, 1, 1); month = month.Next())
                {
                    var (from, to) = (month.Start.AtStartOfDayInZone(zone).ToInstant(), month.End.AtStartOfDayInZone(zone).ToInstant());
                    var expected = all.Where(c => Keep(c) && c.At(now) is { State: ClockState.Breached } b && b.At >= from && b.At < to)
                        .Select(c => (Clock: c, Standing: BreachActions.Standing(actions.GetValueOrDefault(new ClockKey(c.Source, c.LeadId, c.Episode, c.Commitment)), now)))
                        .ToList();
                    var counts = await QueueQuery.BreachCountsAsync(connection, now, from, to, filter);
                    foreach (var standing in new[] { "open", "acknowledged", "snoozed", "excused" })
                        Assert.Equal(expected.Count(e => e.Standing == standing), counts[standing]);

                    // Every page of three, walked by cursor, lists exactly the breaches wanted, newest first.
                    string[] wanted = ["open", "acknowledged"];
                    var listed = new List<QueueRow>();
                    string? cursor = null;
                    do
                    {
                        var page = await QueueQuery.BreachesAsync(connection, now, from, to, filter, wanted, cursor, 3);
                        Assert.True(page.Rows.Count <= 3);
                        listed.AddRange(page.Rows);
                        cursor = page.Next;
                    }
                    while (cursor is not null);
                    Assert.Equal(expected.Where(e => wanted.Contains(e.Standing)).Select(e => Name(e.Clock)).Order(StringComparer.Ordinal), listed.Select(r => Name(r.Clock)).Order(StringComparer.Ordinal));
                    Assert.Equal(listed.OrderByDescending(r => r.Since).Select(r => r.Since), listed.Select(r => r.Since));
                }
            }
        }

        // sla status: counts per commitment and state, and the running and warning clocks, as the old read of every clock.
        var running = new HashSet<string> { "running", "warning" };
        foreach (var at in new[] { now, now + Duration.FromHours(30), now - Duration.FromDays(3) })
        {
            var status = await StatusQuery.RunAsync(connection, at, running, null);
            var started = all.Where(c => c.StartedAt <= at).ToList();
            foreach (var commitment in StatusQuery.Commitments)
                foreach (var state in StatusQuery.States)
                    Assert.Equal(started.Count(c => c.Commitment == commitment && c.At(at).State.Word() == state), status.Counts[commitment][state]);
            Assert.Equal(started.Where(c => running.Contains(c.At(at).State.Word())).Select(Name).Order(StringComparer.Ordinal), status.Listed.Select(r => Name(r.Clock)).Order(StringComparer.Ordinal));
            var limited = await StatusQuery.RunAsync(connection, at, running, 4);
            Assert.Equal(status.Listed.Take(4).Select(r => Name(r.Clock)), limited.Listed.Select(r => Name(r.Clock)));
        }

        // The scorecard from the rollups equals the scorecard computed from the raw records (for each segment the agreement
        // names, and all), now and at a few depth breaches and the millisecond before each: the breaches of the as-of day
        // are read from the facts, those of earlier days from the rollup.
        var breaches = all.Where(c => c.Commitment == "depth").SelectMany(c => c.Transitions.Where(t => t.State == ClockState.Breached).Take(1)).Select(t => t.At).Distinct().Order().ToList();
        var asOfs = breaches.Where((_, i) => i % 2 == seed % 2).Take(3).SelectMany(b => new[] { b, b - Duration.FromMilliseconds(1) }).Prepend(now);
        foreach (var at in asOfs)
            foreach (var segment in agreement.Plan.Segments.Select(s => (string?)s.Name).Prepend(null))
            {
                var stored = await ScorecardQuery.RunAsync(connection, agreement, Period.Month(2026, 12), 4, segment, at);
                var raw = await RawScorecardAsync(connection, agreement, Period.Month(2026, 12), 4, segment, at, actions);
                Assert.Equal(raw, stored.Periods.Select(p => string.Join("; ", p.Lines.Take(3).Select(Line))).ToList());
            }
    }

    private static string Name(StoredClock c) => $"{c.Source}/{c.LeadId}/{c.Episode}/{c.Commitment}";

    // A period not over has no verdict yet (ScorecardStatus.Judge): its figures are compared, met only once it is over.
    private static string Line(ScorecardLine l) => $"{l.Commitment} {l.Actual} of {l.Target} met {(l.Open ? "-" : l.Met)} excused {l.Excused}";

    private static async Task<Dictionary<(string, string), string>> SegmentsAsync(DbConnection connection)
    {
        var segments = new Dictionary<(string, string), string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, id, segment FROM leads";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) segments[(reader.GetString(0), reader.GetString(1))] = ReportFactRows.Key(reader.IsDBNull(2) ? null : reader.GetString(2));
        return segments;
    }

    /// <summary>The scorecard's first three lines (marketing, speed, depth) as the first build computed them: every lead clocked again from the raw records.</summary>
    private static async Task<List<string>> RawScorecardAsync(DbConnection connection, Tandem.Domain.Agreements.Agreement agreement, Period last, int count, string? segment, Instant now,
        IReadOnlyDictionary<ClockKey, IReadOnlyList<BreachAction>> actions)
    {
        var zone = agreement.Calendar.Zone;
        var periods = Enumerable.Range(0, count).Select(i => last.Plus(i - count + 1)).ToList();
        var stored = await ScorecardQuery.RunAsync(connection, agreement, last, count, segment, now);
        var data = await SheetReader.ReadAsync(connection, agreement, default);
        var arrivals = MarketingArrivals.Of(data, agreement, segment);
        var handoffs = await Handoffs.ReadAsync(connection, periods[0].Start, last.End, segment, default) ?? [];
        var (speed, depth) = (Handoffs.Speed(handoffs), Handoffs.Depth(handoffs));
        bool Excused(Handoff h, string commitment) =>
            actions.TryGetValue(new ClockKey(h.Source, h.LeadId, h.Clock.Episode, commitment), out var done) && BreachActions.Standing(done, now) == "excused";
        var samples = handoffs.Select((h, i) => (Speed: speed[i], Depth: depth[i], SpeedExcused: Excused(h, "speed"), DepthExcused: Excused(h, "depth"))).ToList();
        return [.. periods.Select((p, i) =>
        {
            var lines = stored.Periods[i].Lines;
            var delivered = arrivals.Where(a => p.Contains(a.Date)).Aggregate(Tandem.Domain.Numbers.Fraction.Zero, (sum, a) => sum + a.Worth);
            var handed = samples.Where(s => p.Contains(s.Speed.HandedOff)).ToList();
            var worked = samples.Where(s => p.Contains(s.Depth.HandedOff.InZone(zone).Date) && s.Depth.Clock.Final?.State is not (ClockState.Stopped or ClockState.Cancelled)).ToList();
            ScorecardLine[] expected =
            [
                Scorecard.Marketing(lines[0].Promise, lines[0].Target!.Value, delivered, agreement.Tolerance),
                Scorecard.Sales("speed", lines[1].Promise, handed.Count, handed.Count(s => !s.SpeedExcused && s.Speed.WithinCommitment), agreement.Tolerance, handed.Count(s => s.SpeedExcused)),
                Scorecard.Sales("depth", lines[2].Promise, worked.Count, worked.Count(s => !s.DepthExcused && s.Depth.Clock.StateAt(now) != ClockState.Breached), agreement.Tolerance, worked.Count(s => s.DepthExcused)),
            ];
            return string.Join("; ", expected.Select((l, j) => Line(l with { Open = lines[j].Open })));
        })];
    }
}
