using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Notifications;

/// <summary>The breaches of a stretch of time and the clocks about to breach at its end: what the daily digest counts.</summary>
/// <param name="Breached">Clocks breached in [from, asOf).</param>
/// <param name="OnDay">Of them, those breached in [dayStart, asOf).</param>
/// <param name="Warning">Clocks in warning at asOf.</param>
public sealed record DigestClockCounts(long Breached, long OnDay, long Warning);

/// <summary>
/// Counts breaches and warnings as of an instant from the stored clocks, so a digest for a past day
/// says what was true that day, not what the store holds now. Breaches are a range of the
/// <c>breached_at</c> index. A clock is in warning only before its due time (it is met, stopped or
/// breached by then), so only the clocks started by the instant and due after it are read off their
/// timelines, less those whose stored state was already final by then (a final state never changes):
/// those in flight then, not the history, through the index on due_at (migration 0028).
/// </summary>
public static class DigestClocks
{
    private static readonly string Final = string.Join(", ", Enum.GetValues<ClockState>().Where(s => s.IsFinal()).Select(s => $"'{s.Word()}'"));

    /// <summary>The breaches in [<paramref name="from"/>, <paramref name="asOf"/>), those from <paramref name="dayStart"/>, and the warnings at <paramref name="asOf"/>.</summary>
    public static async Task<DigestClockCounts> AtAsync(DbConnection connection, Instant from, Instant dayStart, Instant asOf, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var at = asOf.ToUnixTimeMilliseconds();
        long breached, onDay;
        await using (var command = Sql.Command(connection, null,
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN breached_at >= @day THEN 1 ELSE 0 END), 0) FROM sla_clocks WHERE breached_at >= @from AND breached_at < @at",
            ("@from", from.ToUnixTimeMilliseconds()), ("@day", dayStart.ToUnixTimeMilliseconds()), ("@at", at)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancel).ConfigureAwait(false);
            (breached, onDay) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        long warning = 0;
        await using (var command = Sql.Command(connection, null,
            $"SELECT {StoredClock.Columns} FROM sla_clocks WHERE due_at > @at AND started_at <= @at AND NOT (state IN ({Final}) AND state_since <= @at)", ("@at", at)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (StoredClock.Read(reader).At(asOf).State == ClockState.Warning) warning++;
        return new DigestClockCounts(breached, onDay, warning);
    }
}
