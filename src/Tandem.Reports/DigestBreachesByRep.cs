using System.Data.Common;
using NodaTime;
using Tandem.Data.Reps;

namespace Tandem.Reports;

/// <summary>
/// Whose clocks breached in a stretch of time, for the digests (issue 21): a manager reads who to
/// talk to, each rep by name with the id in brackets. Whole UTC days come from the breach rollup
/// (<c>breaches_daily</c>, a row per day, segment, lead type, rep, commitment and standing); the
/// partial days at either edge from the clocks' <c>breached_at</c> index: the cost is the stretch's
/// days and edge breaches, never the history.
/// </summary>
public static class DigestBreachesByRep
{
    /// <summary>How many reps a digest names; the rest are counted.</summary>
    public const int Shown = 5;

    private const long DayMs = 86_400_000;

    /// <summary>The breaches in [<paramref name="from"/>, <paramref name="to"/>) by rep id, most first (then by id).</summary>
    public static async Task<IReadOnlyList<(string Rep, long Breaches)>> ReadAsync(DbConnection connection, Instant from, Instant to, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (start, end) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var byRep = new Dictionary<string, long>(StringComparer.Ordinal);
        async Task AddAsync(string sql, long low, long high)
        {
            if (low >= high) return;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in new[] { ("@low", low), ("@high", high) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                // PostgreSQL's SUM of a BIGINT is NUMERIC.
                var count = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                byRep[reader.GetString(0)] = byRep.GetValueOrDefault(reader.GetString(0)) + count;
            }
        }
        const string Clocks = "SELECT rep, COUNT(*) FROM sla_clocks WHERE breached_at >= @low AND breached_at < @high GROUP BY rep";
        var (firstDay, lastDay) = ((start + DayMs - 1) / DayMs, end / DayMs);
        if (firstDay < lastDay)
        {
            await AddAsync("SELECT rep, SUM(breaches) FROM breaches_daily WHERE breach_day >= @low AND breach_day < @high GROUP BY rep", firstDay, lastDay).ConfigureAwait(false);
            await AddAsync(Clocks, start, firstDay * DayMs).ConfigureAwait(false);
            await AddAsync(Clocks, lastDay * DayMs, end).ConfigureAwait(false);
        }
        else
        {
            await AddAsync(Clocks, start, end).ConfigureAwait(false);
        }
        return [.. byRep.Where(r => r.Value > 0).OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value))];
    }

    /// <summary>"{lead} by rep: Dana Ruiz (rep-7) 3, rep-9 1, and 2 more reps." (the first <see cref="Shown"/>); null when nothing breached.</summary>
    public static string? Line(string lead, IReadOnlyList<(string Rep, long Breaches)> byRep, RepNames names)
    {
        ArgumentNullException.ThrowIfNull(byRep);
        ArgumentNullException.ThrowIfNull(names);
        if (byRep.Count == 0) return null;
        var shown = string.Join(", ", byRep.Take(Shown).Select(r => $"{names.WithId(r.Rep)} {r.Breaches:N0}"));
        var more = byRep.Count - Shown;
        return $"{lead} by rep: {shown}{(more > 0 ? $", and {more} more rep{(more == 1 ? "" : "s")}" : "")}.";
    }
}
