using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>A day's handoffs as the scorecard judges them: handed off, speed kept and excused; depth judged (worked), kept and excused.</summary>
public sealed record ScorecardDay(LocalDate Date, long Handoffs, long SpeedKept, long SpeedExcused, long Worked, long DepthKept, long DepthExcused)
{
    /// <summary>Nothing yet.</summary>
    public static ScorecardDay Zero { get; } = new(default, 0, 0, 0, 0, 0, 0);

    /// <summary>The figures of two days together.</summary>
    public static ScorecardDay operator +(ScorecardDay a, ScorecardDay b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Date, a.Handoffs + b.Handoffs, a.SpeedKept + b.SpeedKept, a.SpeedExcused + b.SpeedExcused, a.Worked + b.Worked, a.DepthKept + b.DepthKept, a.DepthExcused + b.DepthExcused);
    }
}

/// <summary>Arrivals of one day, segment and lead type (keys as <see cref="ReportFactRows.Key"/> makes them).</summary>
public sealed record DailyArrivals(LocalDate Date, string SegmentKey, string LeadTypeKey, long Leads);

/// <summary>
/// Reads the report facts of a date range from their rollups (migration 0018), through their
/// (day, segment, ...) keys: what the speed, depth, scorecard and pacing reports need without
/// touching the raw records or a period's every handoff. The facts themselves are read only where
/// an instant cuts a day: the days around a depth age's cutoff, and the breaches of the as-of day.
/// The <see cref="Projection.Projector"/> keeps them current when records are written; reading
/// never writes.
/// </summary>
public static class ReportFactsReader
{
    /// <summary>The speed rollup of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment (matched ignoring case).</summary>
    public static async Task<SpeedDistribution> SpeedAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        await using var command = RangeCommand(connection, "handoff_speed_daily", "handoff_day, rep, handoffs, within_commitment, wall_minutes, working_minutes", from, to, segment);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var speed = new SpeedDistribution();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            speed.Add(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5));
        return speed;
    }

    /// <summary>
    /// The depth sums of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>),
    /// optionally of one segment, as of <paramref name="asOf"/>: at each age, only handoffs made at
    /// or before <paramref name="asOf"/> less the age count. A handoff's day is its date in the
    /// agreement's zone, within a day of its UTC date (offsets are at most 18 hours), so the days two
    /// or more before the cutoff's UTC day are wholly that old and those two or more after wholly not:
    /// the rollup sums the first, the facts of the three days between are filtered by instant.
    /// </summary>
    public static async Task<DepthSums> DepthAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, Instant asOf, CancellationToken cancel = default)
    {
        var (first, end) = (ReportFactRows.DayOf(from), ReportFactRows.DayOf(to));
        var cutoffs = DepthReport.Ages.Select(age => (asOf - Duration.FromDays(age)).ToUnixTimeMilliseconds()).ToList();
        var cutDays = cutoffs.Select(c => FloorDiv(c, HandoffRollup.DayMs)).ToList();
        var sums = new DepthSums();

        var columns = new List<string> { "rep", "SUM(handoffs)" };
        for (var a = 0; a < DepthReport.Ages.Count; a++)
            foreach (var field in new[] { "leads", "attempts", "required", "target", "on_cadence" })
                columns.Add($"SUM(CASE WHEN handoff_day < @whole{a} THEN d{DepthReport.Ages[a]}_{field} ELSE 0 END)");
        await using (var command = RangeCommand(connection, "handoff_depth_daily", string.Join(", ", columns), from, to, segment, " GROUP BY rep"))
        {
            for (var a = 0; a < DepthReport.Ages.Count; a++) command.Parameters.Add(Parameter(command, $"@whole{a}", cutDays[a] - 1));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            var values = new long[DepthSums.PerAge];
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var rep = reader.GetString(0);
                sums.Add(rep, null, [reader.GetInt64(1)]);
                for (var a = 0; a < DepthReport.Ages.Count; a++)
                {
                    for (var i = 0; i < values.Length; i++) values[i] = reader.GetInt64(2 + DepthSums.PerAge * a + i);
                    sums.Add(rep, a, values);
                }
            }
        }

        for (var a = 0; a < DepthReport.Ages.Count; a++)
        {
            var (low, high) = (Math.Max(first, cutDays[a] - 1), Math.Min(end, cutDays[a] + 2));
            if (low >= high) continue;
            var point = $"d{DepthReport.Ages[a]}";
            // The segments from the rollup, so that SQLite reads each segment's days as one range of the facts' key.
            await using var command = Sql.Command(connection, null,
                $"SELECT rep, COUNT({point}), {string.Join(", ", HandoffRollup.PackedSums(point).Select(x => $"SUM({x})"))} FROM handoff_facts " +
                (segment is null ? "WHERE segment_key IN (SELECT DISTINCT segment_key FROM handoff_depth_daily WHERE handoff_day >= @low AND handoff_day < @high)" : "WHERE segment_key = @segment") +
                $" AND handoff_day >= @low AND handoff_day < @high AND handed_off_at <= @cutoff AND {point} IS NOT NULL GROUP BY rep",
                ("@low", low), ("@high", high), ("@cutoff", cutoffs[a]), ("@segment", ReportFactRows.Key(segment)));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            var values = new long[DepthSums.PerAge];
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                for (var i = 0; i < values.Length; i++) values[i] = reader.GetInt64(1 + i);
                sums.Add(reader.GetString(0), a, values);
            }
        }
        await FirstStepAsync(connection, from, to, segment, asOf, sums, cancel).ConfigureAwait(false);
        return sums;
    }

    /// <summary>
    /// Adds the depth headline's sums (<see cref="DepthSums.AddFirstStep"/>) of the handoffs dated in
    /// [<paramref name="from"/>, <paramref name="to"/>) as of <paramref name="asOf"/>: a handoff is old
    /// enough once its first step has ended. The rollup is split by the UTC day the step ends, so the
    /// days before the as-of instant's are old enough and those after younger; that day's handoffs are
    /// read from the facts by instant.
    /// </summary>
    private static async Task FirstStepAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, Instant asOf, DepthSums sums, CancellationToken cancel)
    {
        var asOfMs = asOf.ToUnixTimeMilliseconds();
        var asOfDay = FloorDiv(asOfMs, HandoffRollup.DayMs);
        var old = "due_day >= 0 AND due_day < @asOfDay";
        await using (var command = RangeCommand(connection, "handoff_first_step_daily",
            $"rep, SUM(CASE WHEN {old} THEN handoffs ELSE 0 END), SUM(CASE WHEN due_day > @asOfDay THEN handoffs ELSE 0 END), " +
            string.Join(", ", FirstStepSums.Select(c => $"SUM(CASE WHEN {old} THEN {c} ELSE 0 END)")),
            from, to, segment, " GROUP BY rep"))
        {
            command.Parameters.Add(Parameter(command, "@asOfDay", asOfDay));
            await ReadFirstStepAsync(command, sums, cancel).ConfigureAwait(false);
        }
        var bySegment = segment is null ? "" : " AND segment_key = @segment";
        var packed = HandoffRollup.PackedSums("d_first");
        await using (var command = Sql.Command(connection, null,
            "SELECT rep, SUM(CASE WHEN first_step_at <= @asOf THEN 1 ELSE 0 END), SUM(CASE WHEN first_step_at > @asOf THEN 1 ELSE 0 END), " +
            "SUM(CASE WHEN first_step_at <= @asOf AND d_first IS NOT NULL THEN 1 ELSE 0 END), " +
            string.Join(", ", packed.Select(x => $"COALESCE(SUM(CASE WHEN first_step_at <= @asOf THEN {x} END), 0)")) +
            " FROM handoff_facts WHERE handoff_day IN " +
            $"(SELECT handoff_day FROM handoff_first_step_daily WHERE due_day = @asOfDay AND handoff_day >= @from AND handoff_day < @to{bySegment}){bySegment} " +
            "AND first_step_at >= @dayStart AND first_step_at < @dayEnd GROUP BY rep",
            ("@asOf", asOfMs), ("@asOfDay", asOfDay), ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)),
            ("@dayStart", asOfDay * HandoffRollup.DayMs), ("@dayEnd", (asOfDay + 1) * HandoffRollup.DayMs)))
            await ReadFirstStepAsync(command, sums, cancel).ConfigureAwait(false);
        // The handoffs made after the as-of instant (none as of now; a past day's digest has the rest of the period):
        // a handoff's day is within a day of its UTC date, so they are among the days from the one before the as-of's UTC day.
        await using (var command = Sql.Command(connection, null,
            $"SELECT rep, COUNT(*) FROM handoff_facts WHERE handoff_day >= @low AND handoff_day < @to{bySegment} AND handed_off_at > @asOf GROUP BY rep",
            ("@low", Math.Max(ReportFactRows.DayOf(from), asOfDay - 1)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)), ("@asOf", asOfMs)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            var values = new long[DepthSums.PerFirstStep];
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                values[7] = reader.GetInt64(1);
                sums.AddFirstStep(reader.GetString(0), values);
            }
        }
    }

    private static readonly string[] FirstStepSums = ["leads", "attempts", "required", "target", "on_cadence"];

    private static async Task ReadFirstStepAsync(DbCommand command, DepthSums sums, CancellationToken cancel)
    {
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var values = new long[DepthSums.PerFirstStep];
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            for (var i = 0; i < reader.FieldCount - 1; i++) values[i] = reader.IsDBNull(1 + i) ? 0 : reader.GetInt64(1 + i);
            sums.AddFirstStep(reader.GetString(0), values);
        }
    }

    /// <summary>
    /// The scorecard's sales figures per handoff day in [<paramref name="from"/>, <paramref name="to"/>),
    /// judged as of <paramref name="now"/>: counted from the score rollup, whose breaches of days
    /// before now's UTC day have happened and of later days have not; the breaches of now's day are
    /// read from the facts of the handoff days that have any. Then the excused breaches (few: each is
    /// a manager's action) are taken out of the kept counts and counted apart.
    /// </summary>
    public static async Task<IReadOnlyList<ScorecardDay>> ScorecardAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, Instant now, CancellationToken cancel = default)
    {
        var days = new Dictionary<long, ScorecardDay>();
        var nowMs = now.ToUnixTimeMilliseconds();
        var nowDay = HandoffRollup.BreachDay(true, nowMs);
        await using (var command = RangeCommand(connection, "handoff_score_daily",
            "handoff_day, SUM(handoffs), SUM(within_commitment), SUM(depth_counted), SUM(CASE WHEN breach_day >= 0 AND breach_day < @nowDay THEN depth_counted ELSE 0 END)",
            from, to, segment, " GROUP BY handoff_day"))
        {
            command.Parameters.Add(Parameter(command, "@nowDay", nowDay));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                days[reader.GetInt64(0)] = new ScorecardDay(ReportFactRows.DateOf(reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), 0,
                    reader.GetInt64(3), reader.GetInt64(3) - reader.GetInt64(4), 0);
        }
        var bySegment = segment is null ? "" : " AND segment_key = @segment";
        await using (var command = Sql.Command(connection, null,
            "SELECT handoff_day, COUNT(*) FROM handoff_facts WHERE handoff_day IN " +
            $"(SELECT handoff_day FROM handoff_score_daily WHERE breach_day = @nowDay AND handoff_day >= @from AND handoff_day < @to{bySegment}){bySegment} " +
            "AND depth_counted = 1 AND depth_breached_at >= @dayStart AND depth_breached_at <= @now GROUP BY handoff_day",
            ("@nowDay", nowDay), ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)),
            ("@dayStart", nowDay * HandoffRollup.DayMs), ("@now", nowMs)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (days.TryGetValue(reader.GetInt64(0), out var day))
                    days[reader.GetInt64(0)] = day with { DepthKept = day.DepthKept - reader.GetInt64(1) };
        // The segment is matched here, not in SQL: with it there, SQLite (no statistics) walks the segment's facts
        // of every day in view and looks each up in breach_standings (13 ms for six months at 200,000 leads).
        await using (var command = Sql.Command(connection, null,
            "SELECT f.handoff_day, s.commitment, f.within_commitment, f.depth_counted, f.depth_breached_at, f.segment_key FROM breach_standings s " +
            "JOIN handoff_facts f ON f.source = s.source AND f.lead_id = s.lead_id AND f.episode = s.episode " +
            "WHERE s.action = 'excuse' AND f.handoff_day >= @from AND f.handoff_day < @to",
            ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to))))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (segment is not null && reader.GetString(5) != ReportFactRows.Key(segment)) continue;
                if (!days.TryGetValue(reader.GetInt64(0), out var day)) continue;
                if (reader.GetString(1) == "speed")
                    day = day with { SpeedKept = day.SpeedKept - reader.GetInt64(2), SpeedExcused = day.SpeedExcused + 1 };
                else if (reader.GetInt64(3) == 1)
                    day = day with { DepthKept = day.DepthKept - (Sql.Long(reader, 4) is { } at && at <= nowMs ? 0 : 1), DepthExcused = day.DepthExcused + 1 };
                days[reader.GetInt64(0)] = day;
            }
        return [.. days.Values.OrderBy(d => d.Date)];
    }

    /// <summary>a / b rounded down (Unix milliseconds before 1970 are negative).</summary>
    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    /// <summary>The rows of a rollup keyed by (handoff_day, segment_key, ...) in a day range, of one segment or all.</summary>
    private static DbCommand RangeCommand(DbConnection connection, string table, string columns, LocalDate from, LocalDate to, string? segment, string tail = "")
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Sql.Command(connection, null,
            $"SELECT {columns} FROM {table} WHERE handoff_day >= @from AND handoff_day < @to{(segment is null ? "" : " AND segment_key = @segment")}{tail}",
            ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)));
    }

    /// <summary>Arrivals per day in [<paramref name="from"/>, <paramref name="to"/>), from the daily rollup, optionally of one segment.</summary>
    public static async Task<IReadOnlyList<DailyArrivals>> ArrivalsAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "SELECT arrival_day, segment_key, lead_type_key, leads FROM arrivals_daily WHERE arrival_day >= @from AND arrival_day < @to" + (segment is null ? "" : " AND segment_key = @segment"),
            ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var rows = new List<DailyArrivals>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            rows.Add(new DailyArrivals(ReportFactRows.DateOf(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        return rows;
    }
}
