using System.Data.Common;
using System.Globalization;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>What the rollups take from one handoff_facts row; <see cref="Points"/> are the packed depth points at <see cref="DepthReport.Ages"/>, <see cref="FirstStep"/> the packed point when its first step ends at <see cref="FirstStepAt"/>.</summary>
internal readonly record struct RollupFact(long Day, string Segment, string Rep, bool Within, long? Wall, long? Working, bool DepthCounted, long? BreachedAt, IReadOnlyList<long?> Points,
    long? FirstStepAt, long? FirstStep)
{
    /// <summary>The fact as <see cref="ReportFacts"/> stores it.</summary>
    public static RollupFact Of(HandoffFact f) => new(f.Day, f.SegmentKey, f.Rep, f.Within, f.WallMinutes, f.WorkingMinutes, f.DepthCounted,
        f.DepthBreachedAt?.ToUnixTimeMilliseconds(), [.. f.Depth.Select(p => p is { } point ? ReportFactRows.Pack(point) : (long?)null)],
        f.FirstStepAt?.ToUnixTimeMilliseconds(), f.FirstStep is { } first ? ReportFactRows.Pack(first) : null);
}

/// <summary>
/// The rollups of handoff_facts (migration 0018): speed per day, segment and rep with every
/// minute to first touch; depth sums per day, segment and rep at each age; scorecard counts per
/// day and segment by the UTC day a counted handoff's depth clock breaches; the depth headline's
/// sums per day, segment and rep by the UTC day the first cadence step ends (migration 0024). The projector adds
/// a scope's new facts and subtracts its old ones here, then applies the change in its
/// transaction, so the rollups always equal a grouping of the facts (a rebuild groups them anew).
/// </summary>
internal sealed class HandoffRollup
{
    /// <summary>Milliseconds in a UTC day: the score rollup's breach days.</summary>
    public const long DayMs = 86_400_000;

    // Depth sums per age, in the order of the table's columns.
    private const int PerAge = 5;

    private readonly Dictionary<(long Day, string Segment, string Rep), SpeedChange> _speed = [];
    private readonly Dictionary<(long Day, string Segment, string Rep), long[]> _depth = [];
    private readonly Dictionary<(long Day, string Segment, long BreachDay), long[]> _score = [];
    private readonly Dictionary<(long Day, string Segment, string Rep, long DueDay), long[]> _first = [];

    /// <summary>The UTC day of a breach as the score rollup keys it (instants after 1970, as SQL divides them); -1 when the handoff's depth is not judged or never breaches.</summary>
    public static long BreachDay(bool counted, long? breachedAt) => counted && breachedAt is { } at ? at / DayMs : -1;

    /// <summary>The UTC day on which a handoff's first cadence step ends, as the first-step rollup keys it; -1 without a cadence.</summary>
    public static long DueDay(long? firstStepAt) => firstStepAt is { } at ? at / DayMs : -1;

    /// <summary>Counts <paramref name="fact"/> in (sign 1) or out (sign -1).</summary>
    public void Add(RollupFact fact, int sign)
    {
        var key = (fact.Day, fact.Segment, fact.Rep);
        if (!_speed.TryGetValue(key, out var speed)) _speed[key] = speed = new SpeedChange();
        speed.Handoffs += sign;
        if (fact.Within) speed.Within += sign;
        if (fact.Wall is { } wall) speed.Wall[wall] = speed.Wall.GetValueOrDefault(wall) + sign;
        if (fact.Working is { } working) speed.Working[working] = speed.Working.GetValueOrDefault(working) + sign;

        if (!_depth.TryGetValue(key, out var depth)) _depth[key] = depth = new long[1 + PerAge * DepthReport.Ages.Count];
        depth[0] += sign;
        for (var a = 0; a < DepthReport.Ages.Count; a++)
        {
            if (fact.Points[a] is not { } packed) continue;
            var (attempts, required, target, onCadence) = ReportFactRows.Fields(packed);
            var at = 1 + PerAge * a;
            depth[at] += sign;
            depth[at + 1] += sign * attempts;
            depth[at + 2] += sign * required;
            depth[at + 3] += sign * target;
            if (onCadence) depth[at + 4] += sign;
        }

        var scoreKey = (fact.Day, fact.Segment, BreachDay(fact.DepthCounted, fact.BreachedAt));
        if (!_score.TryGetValue(scoreKey, out var score)) _score[scoreKey] = score = new long[3];
        score[0] += sign;
        if (fact.Within) score[1] += sign;
        if (fact.DepthCounted) score[2] += sign;

        var firstKey = (fact.Day, fact.Segment, fact.Rep, DueDay(fact.FirstStepAt));
        if (!_first.TryGetValue(firstKey, out var first)) _first[firstKey] = first = new long[1 + PerAge];
        first[0] += sign;
        if (fact.FirstStep is { } packedFirst)
        {
            var (attempts, required, target, onCadence) = ReportFactRows.Fields(packedFirst);
            first[1] += sign;
            first[2] += sign * attempts;
            first[3] += sign * required;
            first[4] += sign * target;
            if (onCadence) first[5] += sign;
        }
    }

    /// <summary>Writes the change to the three tables: the speed rows read, changed and written back; the sums added to; rows left without handoffs deleted.</summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        await ApplySpeedAsync(connection, tx, cancel).ConfigureAwait(false);
        await ApplySumsAsync(connection, tx, "handoff_depth_daily", ["rep"], DepthColumns, _depth.Select(d => ((object)d.Key.Day, (object)d.Key.Segment, new object[] { d.Key.Rep }, d.Value)), cancel).ConfigureAwait(false);
        await ApplySumsAsync(connection, tx, "handoff_score_daily", ["breach_day"], ["handoffs", "within_commitment", "depth_counted"],
            _score.Select(s => ((object)s.Key.Day, (object)s.Key.Segment, new object[] { s.Key.BreachDay }, s.Value)), cancel).ConfigureAwait(false);
        await ApplySumsAsync(connection, tx, "handoff_first_step_daily", ["rep", "due_day"], FirstStepColumns,
            _first.Select(f => ((object)f.Key.Day, (object)f.Key.Segment, new object[] { f.Key.Rep, f.Key.DueDay }, f.Value)), cancel).ConfigureAwait(false);
    }

    private static readonly string[] FirstStepColumns = ["handoffs", "leads", "attempts", "required", "target", "on_cadence"];

    private static readonly string[] DepthColumns =
        ["handoffs", .. DepthReport.Ages.SelectMany(a => new[] { $"d{a}_leads", $"d{a}_attempts", $"d{a}_required", $"d{a}_target", $"d{a}_on_cadence" })];

    private async Task ApplySpeedAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        const string Where = " WHERE handoff_day = @day AND segment_key = @segment AND rep = @rep";
        (string, object?)[] key = [("@day", 0L), ("@segment", ""), ("@rep", "")];
        await using var write = Sql.Command(connection, tx,
            "INSERT INTO handoff_speed_daily (handoff_day, segment_key, rep, handoffs, within_commitment, wall_minutes, working_minutes) VALUES (@day, @segment, @rep, @handoffs, @within, @wall, @working) " +
            "ON CONFLICT (handoff_day, segment_key, rep) DO UPDATE SET handoffs = excluded.handoffs, within_commitment = excluded.within_commitment, wall_minutes = excluded.wall_minutes, working_minutes = excluded.working_minutes",
            [.. key, ("@handoffs", 0L), ("@within", 0L), ("@wall", ""), ("@working", "")]);
        await using var delete = Sql.Command(connection, tx, "DELETE FROM handoff_speed_daily" + Where, key);
        // A lead projected again with the same figures changes nothing: no read, no write.
        var changed = _speed.Where(s => !s.Value.IsZero).ToList();
        var stored = await ReadSpeedAsync(connection, tx, [.. changed.Select(c => c.Key)], cancel).ConfigureAwait(false);
        await using var pipe = new WritePipeline(connection, tx);
        foreach (var ((day, segment, rep), change) in changed)
        {
            foreach (var command in new[] { write, delete })
                Set(command, ("@day", day), ("@segment", segment), ("@rep", rep));
            var (handoffs, within, wall, working) = stored.GetValueOrDefault((day, segment, rep), (0L, 0L, "", ""));
            handoffs += change.Handoffs;
            within += change.Within;
            if (handoffs < 0 || within < 0) throw OutOfStep(day, segment, rep);
            if (handoffs == 0)
            {
                await pipe.ExecuteAsync(delete, cancel).ConfigureAwait(false);
                continue;
            }
            Set(write, ("@handoffs", handoffs), ("@within", within),
                ("@wall", Changed(wall, change.Wall) ?? throw OutOfStep(day, segment, rep)), ("@working", Changed(working, change.Working) ?? throw OutOfStep(day, segment, rep)));
            await pipe.ExecuteAsync(write, cancel).ConfigureAwait(false);
        }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Keys a read of the speed rollup names: well under either engine's parameter limit.</summary>
    private const int KeysPerRead = 200;

    /// <summary>The stored speed rows of <paramref name="keys"/>, a few hundred keys a statement (a round trip each on PostgreSQL, where one a key was most of a projection's reads).</summary>
    private static async Task<Dictionary<(long Day, string Segment, string Rep), (long Handoffs, long Within, string Wall, string Working)>> ReadSpeedAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<(long Day, string Segment, string Rep)> keys, CancellationToken cancel)
    {
        var stored = new Dictionary<(long, string, string), (long, long, string, string)>();
        foreach (var chunk in keys.Chunk(KeysPerRead))
        {
            // An OR of keys, not a row-value IN list: SQLite answers the OR key by key through the primary key, but scans for the IN list.
            var keyed = string.Join(" OR ", chunk.Select((_, i) => $"(handoff_day = @d{i} AND segment_key = @s{i} AND rep = @r{i})"));
            await using var read = Sql.Command(connection, tx,
                $"SELECT handoff_day, segment_key, rep, handoffs, within_commitment, wall_minutes, working_minutes FROM handoff_speed_daily WHERE {keyed}",
                [.. chunk.SelectMany((k, i) => new (string, object?)[] { ($"@d{i}", k.Day), ($"@s{i}", k.Segment), ($"@r{i}", k.Rep) })]);
            await using var reader = await read.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                stored[(reader.GetInt64(0), reader.GetString(1), reader.GetString(2))] = (reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6));
        }
        return stored;
    }

    /// <summary>Adds each key's sums to its row (made when missing); a row whose handoffs the change took to zero goes. Keys are the day, the segment and <paramref name="more"/>.</summary>
    private static async Task ApplySumsAsync(DbConnection connection, DbTransaction tx, string table, IReadOnlyList<string> more, IReadOnlyList<string> columns,
        IEnumerable<(object Day, object Segment, object[] More, long[] Sums)> changes, CancellationToken cancel)
    {
        var keys = $"handoff_day, segment_key, {string.Join(", ", more)}";
        (string, object?)[] keyParameters = [("@day", 0L), ("@segment", ""), .. more.Select((_, i) => ($"@k{i}", (object?)null))];
        await using var add = Sql.Command(connection, tx,
            $"INSERT INTO {table} ({keys}, {string.Join(", ", columns)}) VALUES (@day, @segment, {string.Join(", ", more.Select((_, i) => $"@k{i}"))}, {string.Join(", ", columns.Select((_, i) => $"@v{i}"))}) " +
            $"ON CONFLICT ({keys}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = {table}.{c} + excluded.{c}"))}",
            [.. keyParameters, .. columns.Select((_, i) => ($"@v{i}", (object?)0L))]);
        await using var empty = Sql.Command(connection, tx,
            $"DELETE FROM {table} WHERE handoff_day = @day AND segment_key = @segment{string.Concat(more.Select((k, i) => $" AND {k} = @k{i}"))} AND handoffs = 0", keyParameters);
        await using var pipe = new WritePipeline(connection, tx);
        foreach (var (day, segment, key, sums) in changes)
        {
            if (sums.All(s => s == 0)) continue;
            foreach (var command in new[] { add, empty })
            {
                Set(command, ("@day", day), ("@segment", segment));
                for (var i = 0; i < key.Length; i++) command.Parameters[$"@k{i}"].Value = key[i];
            }
            for (var i = 0; i < sums.Length; i++) add.Parameters[$"@v{i}"].Value = sums[i];
            await pipe.ExecuteAsync(add, cancel).ConfigureAwait(false);
            if (sums[0] >= 0) continue;
            await pipe.ExecuteAsync(empty, cancel).ConfigureAwait(false);
        }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>A stored minute list with <paramref name="change"/> (value to count added) applied, ascending; null when it takes out a value the list does not hold.</summary>
    private static string? Changed(string stored, Dictionary<long, long> change)
    {
        if (change.Values.All(c => c == 0)) return stored;
        var counts = new SortedDictionary<long, long>();
        foreach (var value in MinuteList.Parse(stored)) counts[value] = counts.GetValueOrDefault(value) + 1;
        foreach (var (value, by) in change) counts[value] = counts.GetValueOrDefault(value) + by;
        if (counts.Values.Any(c => c < 0)) return null;
        return string.Join(',', counts.SelectMany(c => Enumerable.Repeat(c.Key.ToString(CultureInfo.InvariantCulture), checked((int)c.Value))));
    }

    private static InvalidOperationException OutOfStep(long day, string segment, string rep) =>
        new($"handoff_speed_daily is out of step with handoff_facts on day {day}, segment '{segment}', rep '{rep}'; run tandem sla refresh");

    private static void Set(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value ?? DBNull.Value;
    }

    /// <summary>
    /// Replaces the rollups with a grouping of the facts as they are (the statements migration 0018
    /// filled them with): what a rebuild starts from, so its walk's changes land on rollups that
    /// equal the facts whatever happened before.
    /// </summary>
    public static async Task RebuildAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var statement in Rebuild)
        {
            await using var command = Sql.Command(connection, tx, statement);
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    private static readonly string[] Rebuild =
    [
        "DELETE FROM handoff_speed_daily",
        "DELETE FROM handoff_depth_daily",
        "DELETE FROM handoff_score_daily",
        "DELETE FROM handoff_first_step_daily",
        """
        INSERT INTO handoff_speed_daily (handoff_day, segment_key, rep, handoffs, within_commitment, wall_minutes, working_minutes)
        SELECT handoff_day, segment_key, rep, COUNT(*), SUM(within_commitment),
               COALESCE(string_agg(CAST(wall_minutes AS TEXT), ',' ORDER BY wall_minutes), ''),
               COALESCE(string_agg(CAST(working_minutes AS TEXT), ',' ORDER BY working_minutes), '')
        FROM handoff_facts GROUP BY handoff_day, segment_key, rep
        """,
        $"""
        INSERT INTO handoff_depth_daily (handoff_day, segment_key, rep, {string.Join(", ", DepthColumns)})
        SELECT handoff_day, segment_key, rep, COUNT(*),
               {string.Join(",\n       ", DepthReport.Ages.Select(a => $"COUNT(d{a}), {string.Join(", ", PackedSums($"d{a}").Select(s => $"COALESCE(SUM({s}), 0)"))}"))}
        FROM handoff_facts GROUP BY handoff_day, segment_key, rep
        """,
        $"""
        INSERT INTO handoff_score_daily (handoff_day, segment_key, breach_day, handoffs, within_commitment, depth_counted)
        SELECT handoff_day, segment_key, breach_day, COUNT(*), SUM(within_commitment), SUM(depth_counted)
        FROM (SELECT handoff_day, segment_key, within_commitment, depth_counted,
                     CASE WHEN depth_counted = 1 AND depth_breached_at IS NOT NULL THEN depth_breached_at / {DayMs} ELSE -1 END AS breach_day
              FROM handoff_facts) f
        GROUP BY handoff_day, segment_key, breach_day
        """,
        $"""
        INSERT INTO handoff_first_step_daily (handoff_day, segment_key, rep, due_day, {string.Join(", ", FirstStepColumns)})
        SELECT handoff_day, segment_key, rep, due_day, COUNT(*), COUNT(d_first), {string.Join(", ", PackedSums("d_first").Select(s => $"COALESCE(SUM({s}), 0)"))}
        FROM (SELECT handoff_day, segment_key, rep, d_first, CASE WHEN first_step_at IS NULL THEN -1 ELSE first_step_at / {DayMs} END AS due_day FROM handoff_facts) f
        GROUP BY handoff_day, segment_key, rep, due_day
        """,
    ];

    /// <summary>SQL for the attempts, required, target and on-cadence fields of a packed depth point column (<see cref="ReportFactRows.Pack"/>'s layout).</summary>
    public static IReadOnlyList<string> PackedSums(string column) =>
        [$"({column} >> 41) & 1048575", $"({column} >> 21) & 1048575", $"({column} >> 1) & 1048575", $"{column} & 1"];

    /// <summary>A key's change to its speed row: handoffs and within added, and each minute value's count added, wall-clock and working.</summary>
    private sealed class SpeedChange
    {
        public long Handoffs { get; set; }
        public long Within { get; set; }
        public Dictionary<long, long> Wall { get; } = [];
        public Dictionary<long, long> Working { get; } = [];
        public bool IsZero => Handoffs == 0 && Within == 0 && Wall.Values.All(c => c == 0) && Working.Values.All(c => c == 0);
    }
}
