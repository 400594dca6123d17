using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>Arrivals of one day, segment and lead type (keys as <see cref="ReportFactRows.Key"/> makes them).</summary>
public sealed record DailyArrivals(LocalDate Date, string SegmentKey, string LeadTypeKey, long Leads);

/// <summary>
/// Reads the report facts of a date range, through the index on (segment, day) or on day: what the
/// speed, depth and pacing reports need without touching the raw records. Call
/// <see cref="ReportFacts.CatchUpAsync"/> first when the server's monitor is not keeping them current.
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

    /// <summary>The handoff facts of a day range: one segment's rows through the table's (segment, day) order, or every segment's through the day index.</summary>
    private static DbCommand RangeCommand(DbConnection connection, string columns, LocalDate from, LocalDate to, string? segment)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Sql.Command(connection, null,
            segment is null
                ? $"SELECT {columns} FROM handoff_facts WHERE handoff_day >= @from AND handoff_day < @to"
                : $"SELECT {columns} FROM handoff_facts WHERE segment_key = @segment AND handoff_day >= @from AND handoff_day < @to",
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
