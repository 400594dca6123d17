using System.Data.Common;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A clock as stored by <see cref="ClockRefresh"/>.</summary>
public sealed record StoredClock(
    string Source, string LeadId, int Episode, string Commitment, long? AgreementId, string Rule, string Rep,
    Instant StartedAt, Instant Due, IReadOnlyList<ClockTransition> Transitions)
{
    /// <summary>The clock's timeline, to read its state at any instant.</summary>
    public ClockTimeline Timeline { get; } = new(Commitment == "speed" ? ClockCommitment.Speed : ClockCommitment.Depth, StartedAt, Due, Transitions);

    /// <summary>The state and since when, at <paramref name="at"/>.</summary>
    public ClockTransition At(Instant at) => Timeline.At(at);

    /// <summary>The next change after <paramref name="at"/>, if one is coming.</summary>
    public ClockTransition? NextAfter(Instant at) => Timeline.NextAfter(at);

    /// <summary>Every stored clock, or those of one lead.</summary>
    public static async Task<IReadOnlyList<StoredClock>> ReadAsync(DbConnection connection, (string Source, string Id)? lead = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var where = lead is null ? "" : " WHERE source = @source AND lead_id = @lead";
        await using var command = Sql.Command(connection, null,
            $"SELECT {Columns} FROM sla_clocks" + where + " ORDER BY due_at, source, lead_id, episode, commitment",
            ("@source", lead?.Source), ("@lead", lead?.Id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var clocks = new List<StoredClock>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) clocks.Add(Read(reader));
        return clocks;
    }

    /// <summary>The columns <see cref="Read"/> takes, in its order.</summary>
    internal const string Columns = "source, lead_id, episode, commitment, agreement_id, rule, rep, started_at, due_at, transitions";

    /// <summary>A clock from a row of <see cref="Columns"/> (from its first column on).</summary>
    internal static StoredClock Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), checked((int)reader.GetInt64(2)), reader.GetString(3), Sql.Long(reader, 4),
            reader.GetString(5), reader.GetString(6), Instant.FromUnixTimeMilliseconds(reader.GetInt64(7)), Instant.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            TransitionsJson.Read(reader.GetString(9)));
}
