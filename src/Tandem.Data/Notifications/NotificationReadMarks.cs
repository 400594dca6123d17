using System.Data.Common;
using Tandem.Data.Clocks;

namespace Tandem.Data.Notifications;

/// <summary>
/// What each user has read of their notifications in the app: a mark (every alert up to an event
/// id, as "Mark all read" sets it to the newest shown) and single alerts above it, marked one at a
/// time. Stored per user name; the mark only moves forward, and single marks it passes are dropped.
/// </summary>
public static class NotificationReadMarks
{
    /// <summary>The event id up to which <paramref name="user"/> has read everything; 0 when they never marked all read.</summary>
    public static async Task<long> ThroughAsync(DbConnection connection, string user, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "SELECT through_id FROM notification_read_marks WHERE user_name = @user", ("@user", user));
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Marks one alert read for <paramref name="user"/>; false when it was read already.</summary>
    public static async Task<bool> MarkAsync(DbConnection connection, string user, long eventId, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (eventId <= await ThroughAsync(connection, user, cancel).ConfigureAwait(false)) return false;
        await using var command = Sql.Command(connection, null,
            "INSERT INTO notification_reads (user_name, event_id, read_at) VALUES (@user, @id, @now) ON CONFLICT DO NOTHING",
            ("@user", user), ("@id", eventId), ("@now", now));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks every alert up to <paramref name="eventId"/> read for <paramref name="user"/> (a mark never moves back); the mark now.</summary>
    public static async Task<long> MarkThroughAsync(DbConnection connection, string user, long eventId, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await using (var upsert = Sql.Command(connection, tx,
            "INSERT INTO notification_read_marks (user_name, through_id, marked_at) VALUES (@user, @id, @now) " +
            "ON CONFLICT (user_name) DO UPDATE SET through_id = CASE WHEN excluded.through_id > notification_read_marks.through_id THEN excluded.through_id ELSE notification_read_marks.through_id END, marked_at = excluded.marked_at",
            ("@user", user), ("@id", eventId), ("@now", now)))
            await upsert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        long through;
        await using (var read = Sql.Command(connection, tx, "SELECT through_id FROM notification_read_marks WHERE user_name = @user", ("@user", user)))
            through = Convert.ToInt64(await read.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        // Single marks the mark has passed say nothing more.
        await using (var prune = Sql.Command(connection, tx, "DELETE FROM notification_reads WHERE user_name = @user AND event_id <= @through", ("@user", user), ("@through", through)))
            await prune.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return through;
    }
}
