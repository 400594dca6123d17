using System.Data.Common;

namespace Tandem.Data.Clocks;

/// <summary>A row of breaches_daily: the breach's UTC day, the clock's segment, lead type, rep and commitment, and its standing as the rollup keeps it.</summary>
internal readonly record struct BreachBucket(string Segment, long Day, string LeadType, string Rep, string Commitment, string Standing);

/// <summary>
/// The breach rollup (migration 0022): breached clocks per UTC day of the breach, segment, lead
/// type, rep, commitment and standing (breaches_daily), and the same without the day
/// (breaches_total), so the queue's counts and Today's cost days and groups rather than every breach. The projector subtracts a scope's old clocks and adds its
/// new ones (<see cref="ClockRefresh"/>), a breach action moves its clock from one standing to the
/// other (<see cref="BreachActions.AddAsync"/>), each in its own transaction; a rebuild groups the
/// clocks anew. A snooze is kept as snoozed whatever its end: the reader moves the expired ones
/// (few rows) to open, so time passing needs no write.
/// </summary>
internal sealed class BreachRollup
{
    /// <summary>Milliseconds in a UTC day: the rollup's breach days (instants after 1970, as SQL divides them).</summary>
    public const long DayMs = 86_400_000;

    /// <summary>The standings the rollup keeps: a clock's latest action, or open for none or a reopen.</summary>
    public static IReadOnlyList<string> Kept { get; } = ["open", "acknowledge", "snooze", "excuse"];

    /// <summary>The rollup's standing for a clock whose latest action is <paramref name="action"/> (null for none).</summary>
    public static string StandingOf(string? action) => action is "acknowledge" or "snooze" or "excuse" ? action : "open";

    /// <summary>The same in SQL, over a joined breach_standings row aliased <paramref name="alias"/>.</summary>
    public static string StandingSql(string alias) => $"CASE WHEN {alias}.action IN ('acknowledge', 'snooze', 'excuse') THEN {alias}.action ELSE 'open' END";

    private readonly Dictionary<BreachBucket, long> _delta = [];

    /// <summary>Counts a breached clock in (sign 1) or out (sign -1).</summary>
    public void Add(BreachBucket bucket, int sign) => _delta[bucket] = _delta.GetValueOrDefault(bucket) + sign;

    /// <summary>Applies the counted changes to both tables in <paramref name="tx"/>; rows that fall to zero go.</summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        var daily = _delta.Where(d => d.Value != 0).ToList();
        _delta.Clear();
        if (daily.Count == 0) return;
        var total = daily.GroupBy(d => d.Key with { Day = 0 }).Select(g => (g.Key, Change: g.Sum(d => d.Value))).Where(t => t.Change != 0).ToList();
        await ApplyAsync(connection, tx, "breaches_daily", "breach_day, segment_key, lead_type_key, rep, commitment, standing", daily.Select(d => (d.Key, d.Value)), cancel).ConfigureAwait(false);
        await ApplyAsync(connection, tx, "breaches_total", "segment_key, lead_type_key, rep, commitment, standing", total, cancel).ConfigureAwait(false);
    }

    private static async Task ApplyAsync(DbConnection connection, DbTransaction tx, string table, string key, IEnumerable<(BreachBucket Bucket, long Change)> changes, CancellationToken cancel)
    {
        var columns = key.Split(", ");
        var values = string.Join(", ", columns.Select(c => "@" + c));
        var match = string.Join(" AND ", columns.Select(c => $"{c} = @{c}"));
        await using var apply = Sql.Command(connection, tx,
            $"INSERT INTO {table} ({key}, breaches) VALUES ({values}, @delta) ON CONFLICT ({key}) DO UPDATE SET breaches = {table}.breaches + excluded.breaches",
            [.. columns.Select(c => ("@" + c, (object?)null)), ("@delta", 0L)]);
        await using var empty = Sql.Command(connection, tx, $"DELETE FROM {table} WHERE {match} AND breaches = 0", [.. columns.Select(c => ("@" + c, (object?)null))]);
        await using var pipe = new WritePipeline(connection, tx);
        foreach (var (b, change) in changes)
        {
            foreach (var command in change < 0 ? [apply, empty] : new[] { apply })
            {
                Set(command, b, change);
                await pipe.ExecuteAsync(command, cancel).ConfigureAwait(false);
            }
        }
        await pipe.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Groups the stored clocks anew (<c>tandem sla refresh</c>), with the statements migration 0022 filled the rollup with.</summary>
    public static async Task RebuildAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        var standing = StandingSql("s");
        foreach (var sql in new[]
        {
            "DELETE FROM breaches_daily",
            "DELETE FROM breaches_total",
            "INSERT INTO breaches_daily (segment_key, breach_day, lead_type_key, rep, commitment, standing, breaches) " +
            $"SELECT c.segment_key, c.breached_at / {DayMs}, c.lead_type_key, c.rep, c.commitment, {standing}, COUNT(*) FROM sla_clocks c " +
            "LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment " +
            $"WHERE c.breached_at IS NOT NULL GROUP BY c.segment_key, c.breached_at / {DayMs}, c.lead_type_key, c.rep, c.commitment, {standing}",
            "INSERT INTO breaches_total (segment_key, lead_type_key, rep, commitment, standing, breaches) " +
            "SELECT segment_key, lead_type_key, rep, commitment, standing, SUM(breaches) FROM breaches_daily GROUP BY segment_key, lead_type_key, rep, commitment, standing",
        })
        {
            await using var command = Sql.Command(connection, tx, sql);
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
    }

    private static void Set(DbCommand command, BreachBucket b, long change)
    {
        command.Parameters["@segment_key"].Value = b.Segment;
        if (command.Parameters.Contains("@breach_day")) command.Parameters["@breach_day"].Value = b.Day;
        command.Parameters["@lead_type_key"].Value = b.LeadType;
        command.Parameters["@rep"].Value = b.Rep;
        command.Parameters["@commitment"].Value = b.Commitment;
        command.Parameters["@standing"].Value = b.Standing;
        if (command.Parameters.Contains("@delta")) command.Parameters["@delta"].Value = change;
    }
}
