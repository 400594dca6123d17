using System.Data.Common;

namespace Tandem.Data.Store;

/// <summary>What a lead operation found and did.</summary>
public enum LeadChange
{
    /// <summary>The lead was changed.</summary>
    Done,

    /// <summary>The lead was already in that state; nothing changed.</summary>
    AlreadyDone,

    /// <summary>No lead has that (source, id).</summary>
    NotFound,
}

/// <summary>
/// Deletions, merges and erasure of leads, as a CRM does them. A deleted lead stays stored (its
/// history with it) but is left out of every figure; a merged lead points at the lead it became,
/// always the final one (merges are flattened so lookups take one hop), and its stage changes,
/// touches and deals count for that lead. Forgetting erases contact fields for good. Each operation
/// projects the lead's clocks and facts in its own transaction.
/// </summary>
public static class LeadOperations
{
    /// <summary>Marks a lead deleted at <paramref name="now"/> (Unix ms).</summary>
    public static Task<LeadChange> DeleteAsync(DbConnection connection, string source, string id, long now, CancellationToken cancel = default) =>
        ChangeAsync(connection, source, id, now, "UPDATE leads SET deleted_at = @now, revision = revision + 1, updated_at = @now WHERE source = @source AND id = @id AND deleted_at IS NULL", cancel);

    /// <summary>Undoes a deletion.</summary>
    public static Task<LeadChange> RestoreAsync(DbConnection connection, string source, string id, long now, CancellationToken cancel = default) =>
        ChangeAsync(connection, source, id, now, "UPDATE leads SET deleted_at = NULL, revision = revision + 1, updated_at = @now WHERE source = @source AND id = @id AND deleted_at IS NOT NULL", cancel);

    /// <summary>Runs <paramref name="update"/> on one lead and projects the change in the same transaction.</summary>
    private static async Task<LeadChange> ChangeAsync(DbConnection connection, string source, string id, long now, string update, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        if (!await ExistsAsync(connection, tx, source, id, cancel).ConfigureAwait(false)) return LeadChange.NotFound;
        var changed = await ExecuteAsync(connection, tx, update, cancel, ("@now", now), ("@source", source), ("@id", id)).ConfigureAwait(false);
        if (changed == 0) return LeadChange.AlreadyDone;
        await ProjectAsync(connection, tx, now, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return LeadChange.Done;
    }

    /// <summary>The clocks and facts of what this transaction changed, as of its stamp.</summary>
    private static async Task ProjectAsync(DbConnection connection, DbTransaction tx, long now, CancellationToken cancel) =>
        await Projection.Projector.ProjectWrittenAsync(connection, tx, now, NodaTime.Instant.FromUnixTimeMilliseconds(now), cancel: cancel).ConfigureAwait(false);

    /// <summary>
    /// Merges lead <paramref name="id"/> into <paramref name="into"/> (both of <paramref name="source"/>).
    /// Returns the final lead it now points at. Leads merged earlier into <paramref name="id"/> follow it.
    /// </summary>
    /// <exception cref="UseCases.FieldProblemException">The lead <paramref name="into"/> is missing, or the merge would make a loop (a problem of <c>into</c>).</exception>
    public static async Task<(LeadChange Change, string Target)> MergeAsync(DbConnection connection, string source, string id, string into, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        if (!await ExistsAsync(connection, tx, source, id, cancel).ConfigureAwait(false)) return (LeadChange.NotFound, "");
        if (!await ExistsAsync(connection, tx, source, into, cancel).ConfigureAwait(false)) throw new UseCases.FieldProblemException(new("into", into, $"lead {into}: not found in source {source}"));
        // Flatten: the target may itself have been merged already.
        var target = await MergedIntoAsync(connection, tx, source, into, cancel).ConfigureAwait(false) ?? into;
        if (target == id)
            throw new UseCases.FieldProblemException(new("into", into, $"lead {into} is {(into == id ? "the same lead" : $"already merged into {id}")}; merging would make a loop"));
        var current = await MergedIntoAsync(connection, tx, source, id, cancel).ConfigureAwait(false);
        if (current == target) return (LeadChange.AlreadyDone, target);
        await ExecuteAsync(connection, tx, "UPDATE leads SET merged_into = @target, revision = revision + 1, updated_at = @now WHERE source = @source AND (id = @id OR merged_into = @id)",
            cancel, ("@target", target), ("@now", now), ("@source", source), ("@id", id)).ConfigureAwait(false);
        await ProjectAsync(connection, tx, now, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return (LeadChange.Done, target);
    }

    /// <summary>Erases a lead's contact fields (name, email, company, title) for good; its figures stay.</summary>
    public static async Task<LeadChange> ForgetAsync(DbConnection connection, string source, string id, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!await ExistsAsync(connection, null, source, id, cancel).ConfigureAwait(false)) return LeadChange.NotFound;
        var sqlite = connection is Microsoft.Data.Sqlite.SqliteConnection;
        // SQLite: overwrite freed content with zeros, then checkpoint so no copy stays in the write-ahead log.
        if (sqlite) await ExecuteAsync(connection, null, "PRAGMA secure_delete = ON", cancel).ConfigureAwait(false);
        int changed;
        await using (var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false))
        {
            changed = await ExecuteAsync(connection, tx,
                "UPDATE leads SET name = NULL, email = NULL, company = NULL, title = NULL, forgotten_at = COALESCE(forgotten_at, @now), revision = revision + 1, updated_at = @now " +
                "WHERE source = @source AND id = @id AND (forgotten_at IS NULL OR name IS NOT NULL OR email IS NOT NULL OR company IS NOT NULL OR title IS NOT NULL)",
                cancel, ("@now", now), ("@source", source), ("@id", id)).ConfigureAwait(false);
            if (changed > 0) await ProjectAsync(connection, tx, now, cancel).ConfigureAwait(false);
            await tx.CommitAsync(cancel).ConfigureAwait(false);
        }
        if (changed > 0)
        {
            // PostgreSQL keeps the old row version until a vacuum; SQLite's log keeps it until a checkpoint.
            await ExecuteAsync(connection, null, sqlite ? "PRAGMA wal_checkpoint(TRUNCATE)" : "VACUUM leads", cancel).ConfigureAwait(false);
        }
        return changed == 0 ? LeadChange.AlreadyDone : LeadChange.Done;
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? tx, string source, string id, CancellationToken cancel)
    {
        await using var command = Command(connection, tx, "SELECT 1 FROM leads WHERE source = @source AND id = @id", ("@source", source), ("@id", id));
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is not null;
    }

    private static async Task<string?> MergedIntoAsync(DbConnection connection, DbTransaction tx, string source, string id, CancellationToken cancel)
    {
        await using var command = Command(connection, tx, "SELECT merged_into FROM leads WHERE source = @source AND id = @id", ("@source", source), ("@id", id));
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) as string;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
