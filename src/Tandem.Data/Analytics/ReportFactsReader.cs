using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Analytics;

namespace Tandem.Data.Analytics;

/// <summary>A stored handoff: its speed sample and its depth point at each of <see cref="DepthReport.Ages"/> (null where it does not count).</summary>
public sealed record StoredHandoff(Instant HandedOffAt, SpeedSample Speed, IReadOnlyList<DepthPoint?> Depth)
{
    /// <summary>The rep who got the lead.</summary>
    public string Rep => Speed.Rep;
}

/// <summary>Arrivals of one day, segment and lead type (keys as <see cref="ReportFactRows.Key"/> makes them).</summary>
public sealed record DailyArrivals(LocalDate Date, string SegmentKey, string LeadTypeKey, long Leads);

/// <summary>
/// Reads the report facts of a date range, through the index on (segment, day) or on day: what the
/// speed, depth and pacing reports need without touching the raw records. Call
/// <see cref="ReportFacts.CatchUpAsync"/> first when the server's monitor is not keeping them current.
/// </summary>
public static class ReportFactsReader
{
    /// <summary>Handoffs dated in [<paramref name="from"/>, <paramref name="to"/>), optionally of one segment (matched ignoring case).</summary>
    public static async Task<IReadOnlyList<StoredHandoff>> HandoffsAsync(DbConnection connection, LocalDate from, LocalDate to, string? segment, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Columns = "handoff_day, handed_off_at, rep, wall_minutes, working_minutes, within_commitment, " +
            "d7_attempts, d7_required, d7_target, d7_on_cadence, d14_attempts, d14_required, d14_target, d14_on_cadence, d30_attempts, d30_required, d30_target, d30_on_cadence";
        await using var command = Sql.Command(connection, null,
            segment is null
                ? $"SELECT {Columns} FROM handoff_facts WHERE handoff_day >= @from AND handoff_day < @to"
                : $"SELECT {Columns} FROM handoff_facts WHERE segment_key = @segment AND handoff_day >= @from AND handoff_day < @to",
            ("@from", ReportFactRows.DayOf(from)), ("@to", ReportFactRows.DayOf(to)), ("@segment", ReportFactRows.Key(segment)));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var handoffs = new List<StoredHandoff>();
        var dates = new Dictionary<long, LocalDate>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var day = reader.GetInt64(0);
            if (!dates.TryGetValue(day, out var date)) dates[day] = date = ReportFactRows.DateOf(day);
            var depth = new DepthPoint?[DepthReport.Ages.Count];
            for (var i = 0; i < depth.Length; i++)
            {
                var c = 6 + 4 * i;
                if (!reader.IsDBNull(c)) depth[i] = new DepthPoint(reader.GetInt64(c), reader.GetInt64(c + 1), reader.GetInt64(c + 2), reader.GetInt64(c + 3) == 1);
            }
            handoffs.Add(new StoredHandoff(Instant.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                new SpeedSample(reader.GetString(2), date, Minutes(reader, 3), Minutes(reader, 4), reader.GetInt64(5) == 1), depth));
        }
        return handoffs;
    }

    /// <summary>The depth standing at each age as of <paramref name="asOf"/>: only handoffs that age by then count.</summary>
    public static IReadOnlyList<DepthAtAge> DepthAt(IEnumerable<StoredHandoff> handoffs, Instant asOf)
    {
        var list = handoffs as IReadOnlyCollection<StoredHandoff> ?? [.. handoffs];
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
