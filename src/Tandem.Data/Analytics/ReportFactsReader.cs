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
/// Reads the report facts of a date range, through the index on (segment, day) or on day: what the
/// speed, depth and pacing reports need without touching the raw records. The
/// <see cref="Projection.Projector"/> keeps them current when records are written; reading never writes.
/// </summary>
public static class ReportFactsReader
{
    /// <summary>Speed facts of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment (matched ignoring case).</summary>
    public static async Task<SpeedFacts> SpeedAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        // Few columns and no NULL checks: the provider's per-value cost, not SQLite, dominates a month's read.
        await using var command = RangeCommand(connection, "handoff_day * 2 + within_commitment, rep, COALESCE(wall_minutes, -1), COALESCE(working_minutes, -1)", from, to, segment);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var facts = new SpeedFacts();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var dayWithin = reader.GetInt64(0);
            facts.Days.Add(dayWithin >> 1);
            facts.Within.Add((dayWithin & 1) == 1);
            facts.Reps.Add(reader.GetString(1));
            facts.Wall.Add(reader.GetInt64(2));
            facts.Working.Add(reader.GetInt64(3));
        }
        return facts;
    }

    /// <summary>Depth facts of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment.</summary>
    public static async Task<DepthFacts> DepthAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        await using var command = RangeCommand(connection, "handed_off_at, rep, " + string.Join(", ", DepthReport.Ages.Select(a => $"COALESCE(d{a}, -1)")), from, to, segment);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var facts = new DepthFacts();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            facts.HandedOffAt.Add(reader.GetInt64(0));
            facts.Reps.Add(reader.GetString(1));
            for (var i = 0; i < facts.Points.Count; i++) facts.Points[i].Add(reader.GetInt64(2 + i));
        }
        return facts;
    }

    /// <summary>
    /// The scorecard's sales figures per handoff day in [<paramref name="from"/>, <paramref name="to"/>),
    /// judged as of <paramref name="now"/>: counted in SQL over the facts, then the excused breaches
    /// (few: each is a manager's action) taken out of the kept counts and counted apart.
    /// </summary>
    public static async Task<IReadOnlyList<ScorecardDay>> ScorecardAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, Instant now, CancellationToken cancel = default)
    {
        var days = new Dictionary<long, ScorecardDay>();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using (var command = RangeCommand(connection,
            "handoff_day, COUNT(*), SUM(within_commitment), SUM(depth_counted), SUM(CASE WHEN depth_counted = 1 AND (depth_breached_at IS NULL OR depth_breached_at > @now) THEN 1 ELSE 0 END)",
            from, to, segment, " GROUP BY handoff_day"))
        {
            command.Parameters.Add(Parameter(command, "@now", nowMs));
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                days[reader.GetInt64(0)] = new ScorecardDay(ReportFactRows.DateOf(reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), 0, reader.GetInt64(3), reader.GetInt64(4), 0);
        }
        await using (var command = Sql.Command(connection, null,
            "SELECT f.handoff_day, s.commitment, f.within_commitment, f.depth_counted, f.depth_breached_at FROM breach_standings s " +
            "JOIN handoff_facts f ON f.source = s.source AND f.lead_id = s.lead_id AND f.episode = s.episode " +
            "WHERE s.action = 'excuse' AND f.handoff_day >= @from AND f.handoff_day < @to" + (segment is null ? "" : " AND f.segment_key = @segment"),
            ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment))))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (!days.TryGetValue(reader.GetInt64(0), out var day)) continue;
                if (reader.GetString(1) == "speed")
                    day = day with { SpeedKept = day.SpeedKept - reader.GetInt64(2), SpeedExcused = day.SpeedExcused + 1 };
                else if (reader.GetInt64(3) == 1)
                    day = day with { DepthKept = day.DepthKept - (Sql.Long(reader, 4) is { } at && at <= nowMs ? 0 : 1), DepthExcused = day.DepthExcused + 1 };
                days[reader.GetInt64(0)] = day;
            }
        return [.. days.Values.OrderBy(d => d.Date)];
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    /// <summary>The handoff facts of a day range: one segment's rows through the table's (segment, day) order, or every segment's through the day index.</summary>
    private static DbCommand RangeCommand(DbConnection connection, string columns, LocalDate from, LocalDate to, string? segment, string tail = "")
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Sql.Command(connection, null,
            segment is null
                ? $"SELECT {columns} FROM handoff_facts WHERE handoff_day >= @from AND handoff_day < @to{tail}"
                : $"SELECT {columns} FROM handoff_facts WHERE segment_key = @segment AND handoff_day >= @from AND handoff_day < @to{tail}",
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
