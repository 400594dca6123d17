using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>A stored handoff as the depth report reads it: when, whose, and its point at each of <see cref="DepthReport.Ages"/> (null where it does not count).</summary>
public sealed record StoredDepth(Instant HandedOffAt, string Rep, IReadOnlyList<DepthPoint?> Depth);

/// <summary>Arrivals of one day, segment and lead type (keys as <see cref="ReportFactRows.Key"/> makes them).</summary>
public sealed record DailyArrivals(LocalDate Date, string SegmentKey, string LeadTypeKey, long Leads);

/// <summary>
/// Reads the report facts of a date range, through the index on (segment, day) or on day: what the
/// speed, depth and pacing reports need without touching the raw records. Call
/// <see cref="ReportFacts.CatchUpAsync"/> first when the server's monitor is not keeping them current.
/// </summary>
public static class ReportFactsReader
{
    /// <summary>Speed samples of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment (matched ignoring case).</summary>
    public static async Task<IReadOnlyList<SpeedSample>> SpeedAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        await using var command = RangeCommand(connection, "handoff_day, rep, wall_minutes, working_minutes, within_commitment", from, to, segment);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var samples = new List<SpeedSample>();
        var dates = new Dictionary<long, LocalDate>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var day = reader.GetInt64(0);
            if (!dates.TryGetValue(day, out var date)) dates[day] = date = ReportFactRows.DateOf(day);
            samples.Add(new SpeedSample(reader.GetString(1), date, Minutes(reader, 2), Minutes(reader, 3), reader.GetInt64(4) == 1));
        }
        return samples;
    }

    /// <summary>Depth rows of the handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment.</summary>
    public static async Task<IReadOnlyList<StoredDepth>> DepthAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        await using var command = RangeCommand(connection, "handed_off_at, rep, d7, d14, d30", from, to, segment);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var rows = new List<StoredDepth>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var depth = new DepthPoint?[DepthReport.Ages.Count];
            for (var i = 0; i < depth.Length; i++)
                if (!reader.IsDBNull(2 + i)) depth[i] = ReportFactRows.Unpack(reader.GetInt64(2 + i));
            rows.Add(new StoredDepth(Instant.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), depth));
        }
        return rows;
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

    /// <summary>The depth standing at each age as of <paramref name="asOf"/>: only handoffs that age by then count.</summary>
    public static IReadOnlyList<DepthAtAge> DepthAt(IEnumerable<StoredDepth> handoffs, Instant asOf)
    {
        var list = handoffs as IReadOnlyCollection<StoredDepth> ?? [.. handoffs];
        return [.. DepthReport.Ages.Select((age, i) => DepthReport.Sum(age,
            list.Where(h => h.HandedOffAt + Duration.FromDays(age) <= asOf).Select(h => h.Depth[i]).OfType<DepthPoint>()))];
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

    private static Duration? Minutes(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Duration.FromMinutes(reader.GetInt64(i));
}
