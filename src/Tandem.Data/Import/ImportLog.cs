using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.Import;

/// <summary>One import as the log keeps it.</summary>
/// <param name="Refused">Why the whole file was refused (nothing written), or null.</param>
public sealed record ImportRecord(
    long Id, string Kind, string FileName, string Layout, string Source, string Via, string? ByUser, bool DryRun,
    Instant StartedAt, long ElapsedMs, long Rows, long Inserted, long Updated, long Unchanged, long Rejected, string? Refused);

/// <summary>
/// The log of imports, from the command line and the browser: counts, and the problems of the
/// rows each one rejected (the first <see cref="ImportSummary.MaxProblemsKept"/>), written in one
/// transaction so an entry is never half there.
/// </summary>
public static class ImportLog
{
    /// <summary>Where an import came from.</summary>
    public const string ViaCli = "cli", ViaWeb = "web";

    private const string Columns = "id, kind, file_name, layout, source, via, by_user, dry_run, started_at, elapsed_ms, rows_read, inserted, updated, unchanged, rejected, refused";

    /// <summary>Records a finished import.</summary>
    /// <returns>The entry's id.</returns>
    public static Task<long> RecordAsync(DbConnection connection, ImportSummary summary, string fileName, string via, string? byUser, Instant startedAt, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var entry = new ImportRecord(0, summary.Kind.Word(), fileName, summary.Layout, summary.Source, via, byUser, summary.DryRun, startedAt,
            (long)summary.Elapsed.TotalMilliseconds, summary.Rows, summary.Records.Inserted, summary.Records.Updated, summary.Records.Unchanged, summary.Rejected, null);
        return InsertAsync(connection, entry, summary.Problems, cancel, summary.Quality);
    }

    /// <summary>An import's data-quality report, or null (a file refused whole, an import logged before the report existed).</summary>
    public static async Task<ImportQuality?> QualityAsync(DbConnection connection, long id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "SELECT quality FROM imports WHERE id = @id", ("@id", id));
        return ImportQuality.FromJson(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) as string);
    }

    /// <summary>How many data-quality findings each of the latest <paramref name="limit"/> imports has, by id (those without a report left out).</summary>
    public static async Task<IReadOnlyDictionary<long, int>> FindingCountsAsync(DbConnection connection, int limit, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "SELECT id, quality FROM imports WHERE quality IS NOT NULL ORDER BY id DESC LIMIT @limit", ("@limit", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var counts = new Dictionary<long, int>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            if (ImportQuality.FromJson(reader.GetString(1)) is { } quality) counts[reader.GetInt64(0)] = quality.AllFindings().Count();
        return counts;
    }

    /// <summary>Records a file refused whole (nothing was written).</summary>
    /// <returns>The entry's id.</returns>
    public static Task<long> RecordRefusedAsync(DbConnection connection, ImportRequest request, string fileName, string via, string? byUser, Instant startedAt, string reason, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = new ImportRecord(0, request.Kind.Word(), fileName, request.Layout, request.Context.Source, via, byUser, request.DryRun, startedAt, 0, 0, 0, 0, 0, 0, reason);
        return InsertAsync(connection, entry, [], cancel);
    }

    /// <summary>The latest <paramref name="limit"/> imports, newest first.</summary>
    public static async Task<IReadOnlyList<ImportRecord>> RecentAsync(DbConnection connection, int limit, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM imports ORDER BY id DESC LIMIT @limit", ("@limit", (long)limit));
        return await ReadAsync(command, cancel).ConfigureAwait(false);
    }

    /// <summary>One import, or null.</summary>
    public static async Task<ImportRecord?> GetAsync(DbConnection connection, long id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM imports WHERE id = @id", ("@id", id));
        var found = await ReadAsync(command, cancel).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>An import's problems, in file order.</summary>
    public static async Task<IReadOnlyList<ImportProblem>> ProblemsAsync(DbConnection connection, long id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "SELECT line, column_name, reason FROM import_problems WHERE import_id = @id ORDER BY line, column_name", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var problems = new List<ImportProblem>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            problems.Add(new ImportProblem(checked((int)reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)));
        return problems;
    }

    private static async Task<long> InsertAsync(DbConnection connection, ImportRecord e, List<ImportProblem> problems, CancellationToken cancel, ImportQuality? quality = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await using var insert = Sql.Command(connection, transaction,
            "INSERT INTO imports (kind, file_name, layout, source, via, by_user, dry_run, started_at, elapsed_ms, rows_read, inserted, updated, unchanged, rejected, refused) " +
            "VALUES (@kind, @file, @layout, @source, @via, @by, @dry, @started, @elapsed, @rows, @inserted, @updated, @unchanged, @rejected, @refused) RETURNING id",
            ("@kind", e.Kind), ("@file", e.FileName), ("@layout", e.Layout), ("@source", e.Source), ("@via", e.Via), ("@by", e.ByUser),
            ("@dry", e.DryRun ? 1L : 0L), ("@started", e.StartedAt.ToUnixTimeMilliseconds()), ("@elapsed", e.ElapsedMs), ("@rows", e.Rows),
            ("@inserted", e.Inserted), ("@updated", e.Updated), ("@unchanged", e.Unchanged), ("@rejected", e.Rejected), ("@refused", e.Refused));
        var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (problems.Count > 0)
        {
            await using var add = Sql.Command(connection, transaction,
                "INSERT INTO import_problems (import_id, line, column_name, reason) VALUES (@id, @line, @column, @reason)",
                ("@id", id), ("@line", 0L), ("@column", ""), ("@reason", ""));
            foreach (var p in problems)
            {
                add.Parameters["@line"].Value = (long)p.Line;
                add.Parameters["@column"].Value = p.Column;
                add.Parameters["@reason"].Value = p.Reason;
                await add.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        }
        if (quality is not null)
        {
            await using var report = Sql.Command(connection, transaction, "UPDATE imports SET quality = @quality WHERE id = @id", ("@quality", quality.ToJson()), ("@id", id));
            await report.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancel).ConfigureAwait(false);
        return id;
    }

    private static async Task<List<ImportRecord>> ReadAsync(DbCommand command, CancellationToken cancel)
    {
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var list = new List<ImportRecord>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            list.Add(new ImportRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                Sql.Text(reader, 6), reader.GetInt64(7) == 1, Instant.FromUnixTimeMilliseconds(reader.GetInt64(8)), reader.GetInt64(9), reader.GetInt64(10),
                reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14), Sql.Text(reader, 15)));
        return list;
    }
}
