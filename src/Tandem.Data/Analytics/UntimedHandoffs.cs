using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.Analytics;

/// <summary>The handoffs of one source that cannot be judged for speed or depth: its store holds no touch of that source.</summary>
public sealed record UntimedSource(string Source, long Handoffs)
{
    /// <summary>Why they are not judged, as reports, JSON and digests say it.</summary>
    public string Reason => UntimedHandoffs.ReasonFor(Source);
}

/// <summary>
/// Judge only what the data can judge (migration 0025): a source "has touch data" once any touch of
/// it is stored (an EXISTS on the touches' primary key). The projector clocks the handoffs of a
/// source without touch data not at all: no clock, no handoff fact, no breach, no notification. It
/// keeps them here instead (untimed_handoffs, and untimed_handoffs_daily per day, segment and
/// source, replaced by delta in its transaction as the other rollups are), so that sla status, the
/// speed and depth reports, the scorecard and the digests say "no touch data from SOURCE" and how
/// many handoffs that leaves out. The first touch of such a source releases its untimed handoffs:
/// the projector projects their leads again (<see cref="ReleasedAsync"/>).
/// </summary>
public static class UntimedHandoffs
{
    /// <summary>Why a source's handoffs are not judged.</summary>
    public static string ReasonFor(string source) => $"no touch data from {source}";

    /// <summary>Several sources' reasons in one line: "no touch data from a, b".</summary>
    public static string ReasonFor(IEnumerable<UntimedSource> sources) => ReasonFor(string.Join(", ", sources.Select(s => s.Source)));

    /// <summary>Whether <paramref name="source"/> has touch data: at least one of its touches is stored.</summary>
    public static async Task<bool> HasTouchDataAsync(DbConnection connection, string source, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return (await TouchedAsync(connection, null, [source], cancel).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>Of <paramref name="sources"/>, those with at least one touch stored (read in <paramref name="tx"/>).</summary>
    internal static async Task<HashSet<string>> TouchedAsync(DbConnection connection, DbTransaction? tx, IEnumerable<string> sources, CancellationToken cancel)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        await using var exists = Sql.Command(connection, tx, "SELECT 1 FROM touches WHERE source = @source LIMIT 1", ("@source", ""));
        foreach (var source in sources.Distinct(StringComparer.Ordinal))
        {
            exists.Parameters["@source"].Value = source;
            if (await exists.ExecuteScalarAsync(cancel).ConfigureAwait(false) is not (null or DBNull)) touched.Add(source);
        }
        return touched;
    }

    /// <summary>
    /// The leads of untimed handoffs whose source now has a touch: what the projector must project
    /// again so that they get real clocks. Reads the daily rollup's sources (a few rows a day) and
    /// one index range per released source; with <paramref name="limit"/>, null as soon as there are
    /// more than that many (a writer leaves them to the catch-up without reading them all).
    /// </summary>
    internal static async Task<HashSet<(string Source, string Id)>?> ReleasedAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancel, int? limit = null)
    {
        var sources = new List<string>();
        await using (var command = Sql.Command(connection, tx, "SELECT DISTINCT source FROM untimed_handoffs_daily"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) sources.Add(reader.GetString(0));
        var keys = new HashSet<(string, string)>();
        foreach (var source in await TouchedAsync(connection, tx, sources, cancel).ConfigureAwait(false))
        {
            await using var command = Sql.Command(connection, tx, $"SELECT lead_id FROM untimed_handoffs WHERE source = @source{(limit is null ? "" : " LIMIT @limit")}",
                ("@source", source), ("@limit", (long)(limit ?? 0) + 1));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                keys.Add((source, reader.GetString(0)));
                if (keys.Count > limit) return null;
            }
        }
        return keys;
    }

    /// <summary>Replaces the untimed handoffs of <paramref name="scope"/> with <paramref name="handoffs"/>, moving the daily rollup by the difference.</summary>
    internal static async Task WriteAsync(DbConnection connection, DbTransaction tx, LeadScope scope, IReadOnlyList<Handoff> handoffs, CancellationToken cancel)
    {
        var delta = new Dictionary<(long Day, string Segment, string Source), long>();
        void Add((long, string, string) key, long by) => delta[key] = delta.GetValueOrDefault(key) + by;
        await scope.ReadAsync(connection, tx, "SELECT handoff_day, segment_key, source FROM untimed_handoffs",
            r => Add((r.GetInt64(0), r.GetString(1), r.GetString(2)), -1), cancel).ConfigureAwait(false);
        await scope.ExecuteAsync(connection, tx, "DELETE FROM untimed_handoffs", cancel).ConfigureAwait(false);
        await using var pipe = new WritePipeline(connection, tx);
        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO untimed_handoffs (source, lead_id, episode, handoff_day, segment_key, rep) VALUES (@source, @lead, @episode, @day, @segment, @rep)",
            ("@source", ""), ("@lead", ""), ("@episode", 0L), ("@day", 0L), ("@segment", ""), ("@rep", "")))
            foreach (var h in handoffs)
            {
                var (day, segment) = (ReportFactRows.DayOf(h.Date), ReportFactRows.Key(h.Lead.Segment));
                foreach (var (name, value) in new (string, object)[] { ("@source", h.Source), ("@lead", h.LeadId), ("@episode", (long)h.Clock.Episode), ("@day", day), ("@segment", segment), ("@rep", h.Clock.Rep) })
                    insert.Parameters[name].Value = value;
                await pipe.ExecuteAsync(insert, cancel).ConfigureAwait(false);
                Add((day, segment, h.Source), 1);
            }

        // In key order, so two writers (PostgreSQL) lock the rows in the same order.
        await using var apply = Sql.Command(connection, tx,
            "INSERT INTO untimed_handoffs_daily (handoff_day, segment_key, source, handoffs) VALUES (@day, @segment, @source, @by) " +
            "ON CONFLICT (handoff_day, segment_key, source) DO UPDATE SET handoffs = untimed_handoffs_daily.handoffs + excluded.handoffs",
            ("@day", 0L), ("@segment", ""), ("@source", ""), ("@by", 0L));
        foreach (var ((day, segment, source), by) in delta.Where(d => d.Value != 0).OrderBy(d => d.Key))
        {
            foreach (var (name, value) in new (string, object)[] { ("@day", day), ("@segment", segment), ("@source", source), ("@by", by) })
                apply.Parameters[name].Value = value;
            await pipe.ExecuteAsync(apply, cancel).ConfigureAwait(false);
        }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
        if (delta.Values.Any(d => d < 0))
        {
            await using var empty = Sql.Command(connection, tx, "DELETE FROM untimed_handoffs_daily WHERE handoffs = 0");
            await empty.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Groups the daily rollup anew from the untimed handoffs: what a rebuild starts from, so its walk's changes land on a rollup equal to its rows.</summary>
    internal static async Task RebuildAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        foreach (var statement in new[]
        {
            "DELETE FROM untimed_handoffs_daily",
            "INSERT INTO untimed_handoffs_daily (handoff_day, segment_key, source, handoffs) SELECT handoff_day, segment_key, source, COUNT(*) FROM untimed_handoffs GROUP BY handoff_day, segment_key, source",
        })
        {
            await using var command = Sql.Command(connection, tx, statement);
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The untimed handoffs per source dated in [<paramref name="from"/>, <paramref name="to"/>)
    /// (every day when both are null), of one segment or all, from the daily rollup; sources in
    /// ordinal order, none when every handoff can be judged.
    /// </summary>
    public static async Task<IReadOnlyList<UntimedSource>> ReadAsync(DbConnection connection, LocalDate? from, LocalDate? to, string? segment, CancellationToken cancel = default) =>
        await ReadAsync(connection, null, from, to, segment, cancel).ConfigureAwait(false);

    /// <summary>As the public overload, in <paramref name="tx"/> (one snapshot with the caller's other reads).</summary>
    internal static async Task<IReadOnlyList<UntimedSource>> ReadAsync(DbConnection connection, DbTransaction? tx, LocalDate? from, LocalDate? to, string? segment, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var where = new List<string>();
        if (from is not null) where.Add("handoff_day >= @from");
        if (to is not null) where.Add("handoff_day < @to");
        if (segment is not null) where.Add("segment_key = @segment");
        await using var command = Sql.Command(connection, tx,
            $"SELECT source, SUM(handoffs) FROM untimed_handoffs_daily{(where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where))} GROUP BY source",
            ("@from", from is { } f ? ReportFactRows.DayOf(f) : 0L), ("@to", to is { } t ? ReportFactRows.DayOf(t) : 0L), ("@segment", ReportFactRows.Key(segment)));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var sources = new List<UntimedSource>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            sources.Add(new UntimedSource(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        // Sorted here: the engines' collations differ.
        return [.. sources.OrderBy(s => s.Source, StringComparer.Ordinal)];
    }
}
