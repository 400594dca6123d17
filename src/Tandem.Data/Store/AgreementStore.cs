using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Store;

/// <summary>
/// A version of the agreement as stored: its text exactly as written, its status, and when it was
/// proposed, activated and superseded. Times are Unix milliseconds.
/// </summary>
public sealed record StoredAgreement(long Id, string Name, string Period, string Content, long StoredAt)
{
    /// <summary>Where the version stands.</summary>
    public AgreementStatus Status { get; init; } = AgreementStatus.Active;

    /// <summary>Why it exists: imported from a file, a recalibration, an edit on the web.</summary>
    public string? Note { get; init; }

    /// <summary>The version it revises, if any.</summary>
    public long? BasedOn { get; init; }

    /// <summary>The account or operator that stored it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it was put to the signatories.</summary>
    public long? ProposedAt { get; init; }

    /// <summary>When it came into force.</summary>
    public long? ActivatedAt { get; init; }

    /// <summary>When a later version took over.</summary>
    public long? SupersededAt { get; init; }

    /// <summary>The first period it is active for.</summary>
    public string? EffectiveFrom { get; init; }

    /// <summary>The last period it is active for, once known.</summary>
    public string? EffectiveTo { get; init; }

    /// <summary>SHA-256 of the text: what signatures bind to.</summary>
    public string Hash => Signing.Hash(Content);
}

/// <summary>
/// Keeps the versions of the agreement in the database. Each text stored is a version; the one
/// whose status is active is the agreement in force. Versions are never edited: a change is a new
/// version, so what was signed stays exactly as signed.
/// </summary>
public static class AgreementStore
{
    private const string Columns = "id, name, period, content, stored_at, status, note, based_on, created_by, proposed_at, activated_at, superseded_at, effective_from, effective_to";

    /// <summary>Stores <paramref name="content"/> and makes it the active version at once (the demo, and agreements without signatories); returns its id.</summary>
    public static async Task<long> SaveAsync(DbConnection connection, string name, string period, string content, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var id = await AddAsync(connection, tx, name, period, content, "imported", null, "system", now, cancel).ConfigureAwait(false);
        await AgreementLifecycle.ActivateStoredAsync(connection, tx, id, Domain.Periods.Period.Parse(period, "period"), null, now, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return id;
    }

    /// <summary>Stores <paramref name="content"/> as a new draft version and returns its id.</summary>
    public static async Task<long> AddAsync(DbConnection connection, DbTransaction? tx, string name, string period, string content, string note, long? basedOn, string by, long now, CancellationToken cancel = default)
    {
        await using var command = Sql.Command(connection, tx,
            "INSERT INTO agreements (name, period, content, stored_at, status, note, based_on, created_by) VALUES (@name, @period, @content, @now, 'draft', @note, @based, @by) RETURNING id",
            ("@name", name), ("@period", period), ("@content", content), ("@now", now), ("@note", note), ("@based", basedOn), ("@by", by));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The active version, or null when none is.</summary>
    public static async Task<StoredAgreement?> ActiveAsync(DbConnection connection, CancellationToken cancel = default) =>
        First(await QueryAsync(connection, null, "WHERE status = 'active' ORDER BY activated_at DESC, id DESC LIMIT 1", [], cancel).ConfigureAwait(false));

    /// <summary>The latest version stored, whatever its status, or null when there is none.</summary>
    public static async Task<StoredAgreement?> LatestAsync(DbConnection connection, CancellationToken cancel = default) =>
        First(await QueryAsync(connection, null, "ORDER BY id DESC LIMIT 1", [], cancel).ConfigureAwait(false));

    /// <summary>Version <paramref name="id"/>, or null.</summary>
    public static Task<StoredAgreement?> GetAsync(DbConnection connection, long id, CancellationToken cancel = default) => GetAsync(connection, null, id, cancel);

    /// <summary>Version <paramref name="id"/> read inside <paramref name="tx"/>, or null.</summary>
    public static async Task<StoredAgreement?> GetAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken cancel = default) =>
        First(await QueryAsync(connection, tx, "WHERE id = @id", [("@id", id)], cancel).ConfigureAwait(false));

    /// <summary>Version <paramref name="id"/>.</summary>
    /// <exception cref="InvalidInputException">There is no such version.</exception>
    public static async Task<StoredAgreement> RequireAsync(DbConnection connection, long id, CancellationToken cancel = default) =>
        await GetAsync(connection, null, id, cancel).ConfigureAwait(false)
        ?? throw new InvalidInputException("version", $"#{id} does not exist; tandem agreement history lists the versions");

    /// <summary>Version <paramref name="id"/> read inside <paramref name="tx"/>.</summary>
    /// <exception cref="InvalidInputException">There is no such version.</exception>
    public static async Task<StoredAgreement> RequireAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken cancel = default) =>
        await GetAsync(connection, tx, id, cancel).ConfigureAwait(false)
        ?? throw new InvalidInputException("version", $"#{id} does not exist; tandem agreement history lists the versions");

    /// <summary>Every version, newest first.</summary>
    public static async Task<IReadOnlyList<StoredAgreement>> ListAsync(DbConnection connection, CancellationToken cancel = default) =>
        await QueryAsync(connection, null, "ORDER BY id DESC", [], cancel).ConfigureAwait(false);

    private static StoredAgreement? First(List<StoredAgreement> list) => list.Count > 0 ? list[0] : null;

    /// <summary>The signatures recorded on version <paramref name="id"/>, in the order given (valid or not: see <see cref="Signing.Valid"/>).</summary>
    public static Task<IReadOnlyList<Signature>> SignaturesAsync(DbConnection connection, long id, CancellationToken cancel = default) => SignaturesAsync(connection, null, id, cancel);

    /// <summary>The signatures on version <paramref name="id"/>, read inside <paramref name="tx"/>.</summary>
    public static async Task<IReadOnlyList<Signature>> SignaturesAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken cancel = default)
    {
        var list = new List<Signature>();
        await using var command = Sql.Command(connection, tx,
            "SELECT signatory, side, signed_at, content_hash, by_user, plan_rule FROM agreement_signatures WHERE agreement_id = @id ORDER BY signed_at, id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            list.Add(new Signature(reader.GetString(0), reader.GetString(1) == "sales" ? Side.Sales : Side.Marketing,
                Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), reader.GetString(4), checked((int)reader.GetInt64(5))));
        return list;
    }

    private static async Task<List<StoredAgreement>> QueryAsync(DbConnection connection, DbTransaction? tx, string tail, (string, object?)[] parameters, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var list = new List<StoredAgreement>();
        await using var command = Sql.Command(connection, tx, $"SELECT {Columns} FROM agreements {tail}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            list.Add(new StoredAgreement(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4))
            {
                Status = AgreementStatuses.Parse(reader.GetString(5)),
                Note = Sql.Text(reader, 6),
                BasedOn = Sql.Long(reader, 7),
                CreatedBy = Sql.Text(reader, 8),
                ProposedAt = Sql.Long(reader, 9),
                ActivatedAt = Sql.Long(reader, 10),
                SupersededAt = Sql.Long(reader, 11),
                EffectiveFrom = Sql.Text(reader, 12),
                EffectiveTo = Sql.Text(reader, 13),
            });
        return list;
    }
}
