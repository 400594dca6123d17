using System.Data.Common;
using NodaTime;
using Npgsql;
using Tandem.Data.Analytics;
using Tandem.Data.Clocks;

namespace Tandem.Data.Projection;

/// <summary>What a projection did: leads read, clocks stored and cancelled, events recorded, deliveries queued, handoff and arrival facts stored.</summary>
public sealed record ProjectionSummary(int Leads, int Clocks, int Cancelled, int EventsRecorded, int Notifications, int Handoffs, int Arrivals, bool Rebuilt)
{
    /// <summary>Nothing to do.</summary>
    public static ProjectionSummary None { get; } = new(0, 0, 0, 0, 0, 0, 0, false);

    /// <summary>This and <paramref name="other"/> together (a rebuild when either was one).</summary>
    public ProjectionSummary Plus(ProjectionSummary? other) =>
        other is null ? this : new(Leads + other.Leads, Clocks + other.Clocks, Cancelled + other.Cancelled, EventsRecorded + other.EventsRecorded,
            Notifications + other.Notifications, Handoffs + other.Handoffs, Arrivals + other.Arrivals, Rebuilt || other.Rebuilt);

    internal ProjectionSummary Plus(int leads, ClockWrite clocks, FactsWrite facts) =>
        this with
        {
            Leads = Leads + leads, Clocks = Clocks + clocks.Clocks, Cancelled = Cancelled + clocks.Cancelled, EventsRecorded = EventsRecorded + clocks.EventsRecorded,
            Notifications = Notifications + clocks.Notifications, Handoffs = Handoffs + facts.Handoffs, Arrivals = Arrivals + facts.Arrivals,
        };
}

/// <summary>How far a rebuild has come: leads of the table walked so far, of about how many.</summary>
public sealed record ProjectionProgress(long Done, long Total);

/// <summary>How many changed leads are read by key, and how many leads a page of the table holds.</summary>
internal sealed record ProjectionTuning(int TargetedLimit, int PageSize)
{
    public static ProjectionTuning Default { get; } = new(Projector.TargetedLimit, Projector.PageSize);
}

/// <summary>
/// The one projector: keeps every table derived from the lead records (the SLA clocks, their events
/// and the outbox, the report facts and their rollups) in step with them. Each lead is read and
/// clocked once per projection, and all its derived rows are replaced in one transaction, so a page
/// or report never sees clocks and facts of different data. A few leads are read by key; many are
/// read <see cref="PageSize"/> leads a transaction by their keys, and a rebuild walks the table in
/// key order, so the memory held is one page's whatever the number of leads. One watermark (<see cref="CatchUpAsync"/>)
/// finds what changed; reads never project.
/// </summary>
public static class Projector
{
    /// <summary>Leads per transaction when walking the whole table.</summary>
    public const int PageSize = 5_000;

    /// <summary>Up to this many changed leads are read key by key in one transaction; more are read a page at a time, a few hundred keys a statement.</summary>
    public const int TargetedLimit = 20_000;

    /// <summary>The watermark's name in service_state.</summary>
    public const string Watermark = "projector_watermark";

    private const string FingerprintName = "projector_fingerprint";

    private const string WideName = "projector_wide_fingerprint";

    /// <summary>Records written up to this long before the last catch-up are read again (transactions still open then).</summary>
    public static readonly Duration Overlap = Duration.FromMinutes(5);

    private const long AdvisoryLockKey = 0x7A4D_0004;

    /// <summary>
    /// Projects the leads of <paramref name="only"/> (by key) or all of them (page by page) as of
    /// <paramref name="now"/>; null when no agreement is stored (there are no commitments to clock).
    /// </summary>
    public static Task<ProjectionSummary?> RunAsync(DbConnection connection, Instant now, IReadOnlyCollection<(string Source, string Id)>? only = null,
        IProgress<ProjectionProgress>? progress = null, CancellationToken cancel = default) =>
        RunAsync(connection, now, only, progress, ProjectionTuning.Default, cancel);

    /// <summary>As the public overload, with the sizes a test can shrink to walk the paged paths on a few leads.</summary>
    internal static async Task<ProjectionSummary?> RunAsync(DbConnection connection, Instant now, IReadOnlyCollection<(string Source, string Id)>? only,
        IProgress<ProjectionProgress>? progress, ProjectionTuning tuning, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var agreements = await ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        if (only is not null && only.Count <= tuning.TargetedLimit)
        {
            if (only.Count == 0) return ProjectionSummary.None;
            var keys = only.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
            return await WriteAsync(connection, agreements, tx => ClockFactsReader.ReadKeysAsync(connection, tx, agreements.Active, keys, cancel), LeadScope.Of(only), now,
                ProjectionSummary.None, cancel).ConfigureAwait(false);
        }

        var total = only?.Count ?? await CountLeadsAsync(connection, cancel).ConfigureAwait(false);
        var summary = ProjectionSummary.None with { Rebuilt = only is null };
        long done = 0;
        async Task Step(long count)
        {
            done += count;
            var step = new ProjectionProgress(Math.Min(done, total), total);
            // Kept where a page can show it (the Agreement page after an activation): this takes minutes at a million leads.
            await WriteStateAsync(connection, ProgressDone, step.Done, cancel).ConfigureAwait(false);
            await WriteStateAsync(connection, ProgressTotal, step.Total, cancel).ConfigureAwait(false);
            progress?.Report(step);
        }

        if (only is not null)
        {
            // Many changed leads: read a page of them at a time by their keys, in key order (neighbours in the indexes).
            foreach (var chunk in only.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).Chunk(tuning.PageSize))
            {
                summary = await WriteAsync(connection, agreements, tx => ClockFactsReader.ReadKeysAsync(connection, tx, agreements.Active, chunk, cancel), LeadScope.Of(chunk), now,
                    summary, cancel).ConfigureAwait(false);
                await Step(chunk.Length).ConfigureAwait(false);
            }
        }
        else
        {
            // The tracking sheet's facts rebuild by themselves, in pages of their own.
            await using (var sheetTx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false))
            {
                await LockAsync(connection, sheetTx, cancel).ConfigureAwait(false);
                await SheetFacts.WriteAsync(connection, sheetTx, agreements, null, cancel).ConfigureAwait(false);
                // The handoff rollups are grouped from the facts anew; the walk then keeps them in step page by page.
                await HandoffRollup.RebuildAsync(connection, sheetTx, cancel).ConfigureAwait(false);
                // So is the breach rollup, from the clocks; the walk keeps it in step as it replaces them.
                await BreachRollup.RebuildAsync(connection, sheetTx, cancel).ConfigureAwait(false);
                await UntimedHandoffs.RebuildAsync(connection, sheetTx, cancel).ConfigureAwait(false);
                await CampaignFollowUps.WriteAsync(connection, sheetTx, agreements.Active, null, cancel).ConfigureAwait(false);
                await sheetTx.CommitAsync(cancel).ConfigureAwait(false);
            }
            // A rebuild walks the table and replaces each page's whole key range; the last range is open at
            // the end, so rows of keys after the last lead (and of leads no longer there) go too.
            (string Source, string Id)? after = null;
            while (true)
            {
                var page = await ClockFactsReader.ReadPageAsync(connection, agreements.Active, after, tuning.PageSize, cancel).ConfigureAwait(false);
                summary = await WriteAsync(connection, agreements, _ => Task.FromResult(page.Leads), LeadScope.Of(KeyRange.Between(after, page.Last)), now, summary, cancel).ConfigureAwait(false);
                if (page.Last is null) break;
                await Step(page.Keys.Count).ConfigureAwait(false);
                after = page.Last;
            }
        }
        await ClearProgressAsync(connection, cancel).ConfigureAwait(false);
        progress?.Report(new ProjectionProgress(total, total));
        return summary;
    }

    /// <summary>
    /// Projects what changed since the last catch-up: the leads whose records were written since the
    /// watermark (less <see cref="Overlap"/>, for transactions still open then), every lead when an
    /// agreement was activated or a rep changed, and the clocks whose next change of state has come.
    /// When nothing was written since (the same fingerprint of the lead tables, agreements and reps),
    /// only the due clocks are projected, so an idle pass costs the clocks due, not the leads stored.
    /// Null when no agreement is stored.
    /// </summary>
    public static async Task<ProjectionSummary?> CatchUpAsync(DbConnection connection, Instant now, CancellationToken cancel = default) =>
        await CatchUpAsync(connection, now, null, cancel).ConfigureAwait(false);

    /// <summary>As <see cref="CatchUpAsync(DbConnection, Instant, CancellationToken)"/>, reporting a rebuild's progress.</summary>
    public static Task<ProjectionSummary?> CatchUpAsync(DbConnection connection, Instant now, IProgress<ProjectionProgress>? progress, CancellationToken cancel = default) =>
        CatchUpAsync(connection, now, progress, ProjectionTuning.Default, cancel);

    /// <summary>As the public overload, with the sizes a test can shrink.</summary>
    internal static async Task<ProjectionSummary?> CatchUpAsync(DbConnection connection, Instant now, IProgress<ProjectionProgress>? progress, ProjectionTuning tuning, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var since = await ReadStateAsync(connection, Watermark, cancel).ConfigureAwait(false) is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : (Instant?)null;
        // Nothing written since the last catch-up: slide the window now and then anyway, so that a bulk
        // import leaves the overlap once it is old instead of being projected again at the next write.
        // The slid fingerprint is taken before the check, so a write in between fails the check.
        var slid = since is { } old && now - old > Overlap ? await FingerprintAsync(connection, now - Overlap, cancel).ConfigureAwait(false) : (long?)null;
        if (since is { } last && await FingerprintAsync(connection, last - Overlap, cancel).ConfigureAwait(false) == await ReadStateAsync(connection, FingerprintName, cancel).ConfigureAwait(false))
        {
            var due = await DueAsync(connection, now, cancel).ConfigureAwait(false);
            var quiet = await RunAsync(connection, now, due, progress, tuning, cancel).ConfigureAwait(false);
            if (quiet is not null && slid is { } fingerprint)
            {
                await WriteStateAsync(connection, FingerprintName, fingerprint, cancel).ConfigureAwait(false);
                await WriteStateAsync(connection, Watermark, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
                await PruneStampsAsync(connection, now, cancel).ConfigureAwait(false);
            }
            return quiet;
        }
        // Taken before anything is read: a write after this point changes the next pass's fingerprint.
        var next = await FingerprintAsync(connection, now - Overlap, cancel).ConfigureAwait(false);
        var wide = await WideFingerprintAsync(connection, cancel).ConfigureAwait(false);
        // An agreement activated or a rep changed since the last pass can move any clock: everything is projected.
        var only = since is { } s && !await WideChangedAsync(connection, wide, s - Overlap, cancel).ConfigureAwait(false)
            ? await ChangedLeads.SinceAsync(connection, s - Overlap, now, cancel).ConfigureAwait(false)
            : null;
        // A source's first touch: its untimed handoffs' leads are clocked now (a write that projected itself may have left them, were they many).
        if (only is not null)
        {
            var released = await UntimedHandoffs.ReleasedAsync(connection, null, cancel).ConfigureAwait(false);
            if (released is { Count: > 0 }) only = [.. only.Union(released)];
        }
        var summary = await RunAsync(connection, now, only, progress, tuning, cancel).ConfigureAwait(false);
        if (summary is null) return null;
        await SaveAsync(connection, now, next, wide, cancel).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Moves the watermark to <paramref name="now"/> with the fingerprints taken before the pass read anything.</summary>
    private static async Task SaveAsync(DbConnection connection, Instant now, long fingerprint, long wide, CancellationToken cancel)
    {
        await WriteStateAsync(connection, Watermark, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
        await WriteStateAsync(connection, FingerprintName, fingerprint, cancel).ConfigureAwait(false);
        await WriteStateAsync(connection, WideName, wide, cancel).ConfigureAwait(false);
        await PruneStampsAsync(connection, now, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the agreements or reps differ from the last pass's: by their fingerprint (so reps
    /// imported a minute before do not make every later catch-up project everything), or, on a
    /// database whose last pass kept none, by what was stamped since <paramref name="since"/>.
    /// </summary>
    private static async Task<bool> WideChangedAsync(DbConnection connection, long wide, Instant since, CancellationToken cancel)
    {
        if (await ReadStateAsync(connection, WideName, cancel).ConfigureAwait(false) is { } stored) return stored != wide;
        await using var changed = Sql.Command(connection, null,
            "SELECT (SELECT COUNT(*) FROM agreements WHERE activated_at > @since) + (SELECT COUNT(*) FROM reps WHERE updated_at > @since)", ("@since", since.ToUnixTimeMilliseconds()));
        return Convert.ToInt64(await changed.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>A hash of the agreements activated and the reps: what can move any lead's clocks.</summary>
    private static Task<long> WideFingerprintAsync(DbConnection connection, CancellationToken cancel) =>
        HashAsync(connection, "SELECT (SELECT COUNT(*) FROM agreements WHERE activated_at IS NOT NULL), (SELECT MAX(activated_at) FROM agreements), (SELECT COUNT(*) FROM reps), (SELECT MAX(updated_at) FROM reps)", null, cancel);

    /// <summary>
    /// Rebuilds every derived row from the records, page by page with progress, and moves the
    /// watermark past what it read, so the next catch-up starts from here. Null when no agreement is stored.
    /// </summary>
    public static async Task<ProjectionSummary?> RebuildAsync(DbConnection connection, Instant now, IProgress<ProjectionProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var next = await FingerprintAsync(connection, now - Overlap, cancel).ConfigureAwait(false);
        var wide = await WideFingerprintAsync(connection, cancel).ConfigureAwait(false);
        var summary = await RunAsync(connection, now, null, progress, cancel).ConfigureAwait(false);
        if (summary is null) return null;
        await SaveAsync(connection, now, next, wide, cancel).ConfigureAwait(false);
        return summary;
    }

    /// <summary>How far a walk of the leads table (a rebuild, or many changed leads) has come, while one runs; null when none does.</summary>
    public static async Task<ProjectionProgress?> InProgressAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var done = await ReadStateAsync(connection, ProgressDone, cancel).ConfigureAwait(false);
        var total = await ReadStateAsync(connection, ProgressTotal, cancel).ConfigureAwait(false);
        return done is { } d && total is { } t ? new ProjectionProgress(d, t) : null;
    }

    private const string ProgressDone = "projector_progress_done";
    private const string ProgressTotal = "projector_progress_total";

    private static async Task ClearProgressAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var clear = Sql.Command(connection, null, "DELETE FROM service_state WHERE name IN (@done, @total)", ("@done", ProgressDone), ("@total", ProgressTotal));
        await clear.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>When the derived data was last brought up to date; null when never (a database from before the projector, or never imported into).</summary>
    public static async Task<Instant?> LastCatchUpAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await ReadStateAsync(connection, Watermark, cancel).ConfigureAwait(false) is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Projects, in the writer's own transaction, the leads whose records it stamped with
    /// <paramref name="stamp"/> (or later), and notes the stamp so that the catch-up does not project
    /// them again: a write and everything derived from it commit together. <paramref name="agreements"/>
    /// may be passed by a writer that projects many batches (an import), or null to read them here.
    /// Null when no agreement is stored (activating one projects everything).
    /// </summary>
    public static Task<ProjectionSummary?> ProjectWrittenAsync(DbConnection connection, DbTransaction tx, long stamp, Instant now,
        ClockAgreements? agreements = null, CancellationToken cancel = default) =>
        ProjectWrittenAsync(connection, tx, stamp, now, agreements, null, cancel);

    /// <summary>
    /// As the other overload; with <paramref name="ahead"/> (a bulk import's batch), a lead with rows
    /// further on in the file waits for the batch that writes its last one, the leads that waited for
    /// this batch are projected with it, and the stamp is noted only by <see cref="FinishBulkAsync"/>.
    /// </summary>
    public static async Task<ProjectionSummary?> ProjectWrittenAsync(DbConnection connection, DbTransaction tx, long stamp, Instant now,
        ClockAgreements? agreements, LeadsAhead? ahead, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tx);
        // The lock comes before the agreements are read: a rebuild after an activation waits for this write, then reads it.
        await LockAsync(connection, tx, cancel).ConfigureAwait(false);
        if (ahead is null) await NoteAsync(connection, tx, [stamp], cancel).ConfigureAwait(false);
        else ahead.Wrote(stamp);
        agreements ??= await ClockAgreements.LoadAsync(connection, tx, cancel).ConfigureAwait(false);
        if (agreements is null) return null;
        var keys = await ChangedLeads.StampedAsync(connection, tx, stamp, cancel).ConfigureAwait(false);
        if (keys.Count == 0 && ahead is null) return ProjectionSummary.None;
        // A write that stores a source's first touch clocks that source's untimed handoffs with it, when they are few enough
        // to read at once; more are left to the next catch-up, which projects them page by page.
        if (keys.Count < TargetedLimit && await UntimedHandoffs.ReleasedAsync(connection, tx, cancel, TargetedLimit - keys.Count).ConfigureAwait(false) is { } released)
            keys.UnionWith(released);
        if (ahead is not null)
        {
            keys.UnionWith(ahead.Ready());
            foreach (var later in keys.Where(ahead.Later).ToList())
            {
                keys.Remove(later);
                ahead.Defer(later);
            }
        }
        if (keys.Count == 0) return ProjectionSummary.None;
        var ordered = keys.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        var leads = await ClockFactsReader.ReadKeysAsync(connection, tx, agreements.Active, ordered, cancel).ConfigureAwait(false);
        return await WriteInAsync(connection, tx, agreements, leads, LeadScope.Of(ordered), now, ProjectionSummary.None, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a bulk import's projection: the leads still waiting (their last rows were rejected, say)
    /// are projected, and then every batch's stamp is noted, so the catch-up does not project them again.
    /// </summary>
    public static async Task<ProjectionSummary?> FinishBulkAsync(DbConnection connection, Instant now, LeadsAhead ahead, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ahead);
        var rest = ahead.Rest();
        var summary = rest.Count == 0 ? ProjectionSummary.None : await RunAsync(connection, now, rest, null, cancel).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await NoteAsync(connection, tx, ahead.Stamps, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Notes <paramref name="stamps"/> as projected by their writers.</summary>
    private static async Task NoteAsync(DbConnection connection, DbTransaction tx, IEnumerable<long> stamps, CancellationToken cancel)
    {
        await using var note = Sql.Command(connection, tx, "INSERT INTO projected_stamps (stamp) VALUES (@stamp) ON CONFLICT DO NOTHING", ("@stamp", 0L));
        foreach (var stamp in stamps.Distinct())
        {
            note.Parameters["@stamp"].Value = stamp;
            await note.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Replaces the derived rows of <paramref name="scope"/> from the leads <paramref name="read"/>
    /// gives, in one transaction. The leads are read inside it, after the lock: a writer (an import's
    /// batch) that projects the same lead meanwhile either commits before this read, or waits and
    /// projects it after this one, so an older read never overwrites a newer projection.
    /// </summary>
    private static async Task<ProjectionSummary> WriteAsync(DbConnection connection, ClockAgreements agreements, Func<DbTransaction, Task<IReadOnlyList<ClockLead>>> read,
        LeadScope scope, Instant now, ProjectionSummary sofar, CancellationToken cancel)
    {
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await LockAsync(connection, tx, cancel).ConfigureAwait(false);
        var leads = await read(tx).ConfigureAwait(false);
        var summary = await WriteInAsync(connection, tx, agreements, leads, scope, now, sofar, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Two projections at once (the monitor and an import) take turns on PostgreSQL, so the rollups' deltas never interleave (SQLite has one writer anyway); a breach action takes the same turn.</summary>
    internal static async Task LockAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        if (connection is not NpgsqlConnection) return;
        await using var lockCommand = Sql.Command(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})");
        await lockCommand.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Replaces the derived rows of <paramref name="scope"/> from <paramref name="leads"/>, in <paramref name="tx"/>.</summary>
    private static async Task<ProjectionSummary> WriteInAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements, IReadOnlyList<ClockLead> leads, LeadScope scope,
        Instant now, ProjectionSummary sofar, CancellationToken cancel)
    {
        // Each lead is clocked once; the clocks and the report facts are written from the same handoffs.
        var clocked = leads.Select(l => (Lead: l, Handoffs: (IReadOnlyList<Handoff>)[.. Handoffs.Of(l, agreements)])).ToList();
        // A source without any touch stored cannot be judged for speed or depth: its handoffs get no clock and no fact, only an untimed row.
        var touched = await UntimedHandoffs.TouchedAsync(connection, tx, leads.Select(l => l.Source), cancel).ConfigureAwait(false);
        var handoffs = clocked.Select(l => touched.Contains(l.Lead.Source) ? l : (l.Lead, [])).ToList();
        await UntimedHandoffs.WriteAsync(connection, tx, scope, [.. clocked.Where(l => !touched.Contains(l.Lead.Source)).SelectMany(l => l.Handoffs)], cancel).ConfigureAwait(false);
        var clocks = await ClockRefresh.WriteAsync(connection, tx, agreements, handoffs, scope, now, cancel).ConfigureAwait(false);
        var facts = await ReportFacts.WriteAsync(connection, tx, agreements, handoffs, scope, cancel).ConfigureAwait(false);
        // The tracking sheet's facts of the same leads (a rebuild does them once before its walk).
        if (scope.Keys is { } keys) await SheetFacts.WriteAsync(connection, tx, agreements, keys, cancel).ConfigureAwait(false);
        return sofar.Plus(leads.Count, clocks, facts);
    }

    private static async Task<IReadOnlyCollection<(string Source, string Id)>> DueAsync(DbConnection connection, Instant now, CancellationToken cancel)
    {
        var due = new HashSet<(string, string)>();
        await using var command = Sql.Command(connection, null, "SELECT source, lead_id FROM sla_clocks WHERE next_at <= @now", ("@now", now.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) due.Add((reader.GetString(0), reader.GetString(1)));
        return due;
    }

    private static async Task<long> CountLeadsAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null, "SELECT COUNT(*) FROM leads");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A hash of what a catch-up from <paramref name="from"/> would see: per lead table, the rows
    /// stamped after it and the latest stamp (both read through the updated_at indexes), and the
    /// agreements and reps. Any write moves one of them: a new or updated row raises a count or the
    /// latest stamp, a forgotten lead lowers a count.
    /// </summary>
    private static Task<long> FingerprintAsync(DbConnection connection, Instant from, CancellationToken cancel) =>
        HashAsync(connection,
            "SELECT (SELECT COUNT(*) FROM leads WHERE updated_at > @from), (SELECT MAX(updated_at) FROM leads), " +
            "(SELECT COUNT(*) FROM stage_changes WHERE updated_at > @from), (SELECT MAX(updated_at) FROM stage_changes), " +
            "(SELECT COUNT(*) FROM touches WHERE updated_at > @from), (SELECT MAX(updated_at) FROM touches), " +
            "(SELECT COUNT(*) FROM touch_moves WHERE moved_at > @from), " +
            "(SELECT COUNT(*) FROM deals WHERE updated_at > @from), (SELECT MAX(updated_at) FROM deals), " +
            "(SELECT COUNT(*) FROM campaign_leads WHERE updated_at > @from), (SELECT MAX(updated_at) FROM campaign_leads), " +
            "(SELECT COUNT(*) FROM agreements WHERE activated_at IS NOT NULL), (SELECT MAX(activated_at) FROM agreements), (SELECT COUNT(*) FROM reps), (SELECT MAX(updated_at) FROM reps)",
            from, cancel);

    /// <summary>FNV-1a over the figures one row of <paramref name="select"/> gives: stable across processes and engines.</summary>
    private static async Task<long> HashAsync(DbConnection connection, string select, Instant? from, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null, select, ("@from", from?.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        await reader.ReadAsync(cancel).ConfigureAwait(false);
        var hash = unchecked((long)14695981039346656037UL);
        for (var i = 0; i < reader.FieldCount; i++)
            hash = unchecked((hash ^ (reader.IsDBNull(i) ? -1 : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))) * 1099511628211L);
        return hash;
    }

    /// <summary>Forgets the projected stamps that the next catch-up's window (from this one's watermark) no longer reaches.</summary>
    private static async Task PruneStampsAsync(DbConnection connection, Instant now, CancellationToken cancel)
    {
        await using var prune = Sql.Command(connection, null, "DELETE FROM projected_stamps WHERE stamp <= @before", ("@before", (now - Overlap).ToUnixTimeMilliseconds()));
        await prune.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static async Task<long?> ReadStateAsync(DbConnection connection, string name, CancellationToken cancel)
    {
        await using var read = Sql.Command(connection, null, "SELECT value FROM service_state WHERE name = @name", ("@name", name));
        return await read.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task WriteStateAsync(DbConnection connection, string name, long value, CancellationToken cancel)
    {
        await using var write = Sql.Command(connection, null,
            "INSERT INTO service_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", ("@name", name), ("@value", value));
        await write.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}
