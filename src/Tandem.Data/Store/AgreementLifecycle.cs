using System.Data.Common;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Store;

/// <summary>What storing a text did: the version it is, and whether it is new.</summary>
/// <param name="Version">The version now holding the text.</param>
/// <param name="Created">False when the text was already the latest version (nothing stored).</param>
public sealed record StoredVersion(StoredAgreement Version, bool Created);

/// <summary>What signing did: the signature, who has yet to sign, and the version's status after it.</summary>
public sealed record SigningOutcome(Signature Signature, IReadOnlyList<Signatory> Missing, AgreementStatus Status);

/// <summary>
/// The agreement's lifecycle in the store: a text becomes a draft; a draft is proposed; every named
/// signatory signs the proposed text; the signed version is activated for a range of periods, and the
/// version active before it is superseded. Each step checks the version's status in the same
/// statement that changes it, so two people acting at once cannot both succeed.
/// </summary>
public static class AgreementLifecycle
{
    /// <summary>
    /// Stores a checked agreement text as a version: nothing new when it is exactly the latest
    /// version's text (a file kept in version control imports again without piling up versions);
    /// otherwise a draft, made active at once when the agreement names no signatories.
    /// </summary>
    public static async Task<StoredVersion> ImportAsync(DbConnection connection, Agreement agreement, string content, string note, string by, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(content);
        var latest = await AgreementStore.LatestAsync(connection, cancel).ConfigureAwait(false);
        if (latest is not null && latest.Content == content) return new StoredVersion(latest, false);
        var ms = now.ToUnixTimeMilliseconds();
        var active = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var id = await AgreementStore.AddAsync(connection, tx, agreement.Name, agreement.Period.ToString(), content, note, active?.Id, by, ms, cancel).ConfigureAwait(false);
        if (agreement.Signatories.Count == 0) await ActivateStoredAsync(connection, tx, id, agreement.Period, null, ms, cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return new StoredVersion(await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false), true);
    }

    /// <summary>Stores <paramref name="agreement"/> as a new draft revising <paramref name="basedOn"/>, written out by <see cref="AgreementFileWriter"/>.</summary>
    public static async Task<StoredAgreement> DraftAsync(DbConnection connection, Agreement agreement, long? basedOn, string note, string by, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var content = AgreementFileWriter.Write(agreement);
        var id = await AgreementStore.AddAsync(connection, null, agreement.Name, agreement.Period.ToString(), content, note, basedOn, by, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
        return await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false);
    }

    /// <summary>Puts a draft to its signatories: from now on its text is what they sign.</summary>
    /// <exception cref="InvalidInputException">No such version, or it is not a draft.</exception>
    public static async Task<StoredAgreement> ProposeAsync(DbConnection connection, long id, Instant now, CancellationToken cancel = default)
    {
        var version = await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false);
        if (version.Status != AgreementStatus.Draft)
            throw new InvalidInputException("version", $"#{id} is {AgreementStatuses.Word(version.Status)}; only a draft is proposed");
        await using var command = Sql.Command(connection, null, "UPDATE agreements SET status = 'proposed', proposed_at = @now WHERE id = @id AND status = 'draft'",
            ("@now", now.ToUnixTimeMilliseconds()), ("@id", id));
        if (await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) != 1)
            throw new InvalidInputException("version", $"#{id} changed while it was being proposed; look at it again");
        return await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Records <paramref name="name"/>'s signature on the proposed version <paramref name="id"/>,
    /// bound to the SHA-256 of its text; the last signature makes the version signed.
    /// </summary>
    /// <exception cref="InvalidInputException">No such version, not proposed, not a signatory, or signed already.</exception>
    public static async Task<SigningOutcome> SignAsync(DbConnection connection, long id, string name, string by, Instant now, CancellationToken cancel = default)
    {
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var version = await AgreementStore.RequireAsync(connection, tx, id, cancel).ConfigureAwait(false);
        var agreement = Parse(version);
        var signatures = await AgreementStore.SignaturesAsync(connection, tx, id, cancel).ConfigureAwait(false);
        var signatory = Signing.CheckCanSign(agreement, $"#{id}", version.Status, version.Content, signatures, name);
        var signature = new Signature(signatory.Name, signatory.Side, now, version.Hash, by);
        await using (var insert = Sql.Command(connection, tx,
            "INSERT INTO agreement_signatures (agreement_id, signatory, side, content_hash, signed_at, by_user, plan_rule) VALUES (@id, @name, @side, @hash, @at, @by, @rule) ON CONFLICT DO NOTHING",
            ("@id", id), ("@name", signatory.Name), ("@side", Signatory.Word(signatory.Side)), ("@hash", signature.ContentHash), ("@at", now.ToUnixTimeMilliseconds()), ("@by", by),
            ("@rule", (long)signature.PlanRule)))
        {
            if (await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) != 1)
                throw new InvalidInputException("signatory", $"{signatory.Name} has signed this version already");
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        // Read again after the commit: two signatories signing at once each see only their own
        // signature inside their transaction, but whichever commits last sees both here, so the
        // version is marked signed however the two interleave.
        var missing = Signing.Missing(agreement, version.Content, await AgreementStore.SignaturesAsync(connection, id, cancel).ConfigureAwait(false));
        var status = version.Status;
        if (missing.Count == 0)
        {
            await using var update = Sql.Command(connection, null, "UPDATE agreements SET status = 'signed' WHERE id = @id AND status = 'proposed'", ("@id", id));
            await update.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            status = AgreementStatus.Signed;
        }
        return new SigningOutcome(signature, missing, status);
    }

    /// <summary>
    /// Puts version <paramref name="id"/> in force from now, for the periods from
    /// <paramref name="from"/> (default: its own period, or the current one if that has passed) to
    /// <paramref name="until"/> (default: until a later version takes over). The version active
    /// before it is superseded. A version is activated once every named signatory has signed it;
    /// one that names no signatories needs no signature.
    /// </summary>
    /// <exception cref="InvalidInputException">No such version, not signed, or the range is wrong.</exception>
    public static async Task<StoredAgreement> ActivateAsync(DbConnection connection, long id, Period? from, Period? until, Instant now, CancellationToken cancel = default)
    {
        var version = await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false);
        var agreement = Parse(version);
        switch (version.Status)
        {
            case AgreementStatus.Active: throw new InvalidInputException("version", $"#{id} is already active");
            case AgreementStatus.Superseded: throw new InvalidInputException("version", $"#{id} was superseded; to return to it, import its text again as a new version");
        }
        if (agreement.Signatories.Count > 0)
        {
            // Checked against the text itself, not the status: a signature on other text does not count.
            var signatures = await AgreementStore.SignaturesAsync(connection, id, cancel).ConfigureAwait(false);
            var missing = Signing.Missing(agreement, version.Content, signatures);
            if (missing.Count > 0)
                throw new InvalidInputException("version", version.Status == AgreementStatus.Draft
                    ? $"#{id} is a draft; propose it and have {string.Join(", ", missing.Select(m => m.Name))} sign it first"
                    : $"#{id} is not signed by everyone named; waiting for {string.Join(", ", missing.Select(m => m.Name))}");
        }
        var current = Period.Containing(now.InZone(agreement.Calendar.Zone).Date, agreement.Period.Kind);
        var start = from ?? (agreement.Period.CompareTo(current) >= 0 ? agreement.Period : current);
        if (start.Kind != agreement.Period.Kind)
            throw new InvalidInputException("from", $"{start} is not a {Kind(agreement)}; this agreement plans by {Kind(agreement)}");
        if (until is { } end && (end.Kind != agreement.Period.Kind || end.CompareTo(start) < 0))
            throw new InvalidInputException("until", $"{end} must be a {Kind(agreement)} no earlier than {start}");
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        await ActivateStoredAsync(connection, tx, id, start, until, now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false);
    }

    /// <summary>Marks <paramref name="id"/> active from <paramref name="from"/> and supersedes the version active before it, inside <paramref name="tx"/>.</summary>
    internal static async Task ActivateStoredAsync(DbConnection connection, DbTransaction tx, long id, Period from, Period? until, long now, CancellationToken cancel)
    {
        await using (var previous = Sql.Command(connection, tx, "SELECT id, period, effective_from FROM agreements WHERE status = 'active' AND id <> @id", ("@id", id)))
        await using (var reader = await previous.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            var ended = new List<(long Id, string To)>();
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var kind = Period.Parse(reader.GetString(1), "period").Kind;
                ended.Add((reader.GetInt64(0), Period.Containing(from.Start.PlusDays(-1), kind).ToString()));
            }
            await reader.DisposeAsync().ConfigureAwait(false);
            foreach (var (old, to) in ended)
            {
                await using var supersede = Sql.Command(connection, tx,
                    "UPDATE agreements SET status = 'superseded', superseded_at = @now, effective_to = COALESCE(effective_to, @to) WHERE id = @old",
                    ("@now", now), ("@to", to), ("@old", old));
                await supersede.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        }
        await using var activate = Sql.Command(connection, tx,
            "UPDATE agreements SET status = 'active', activated_at = @now, effective_from = @from, effective_to = @until WHERE id = @id AND status IN ('draft', 'proposed', 'signed')",
            ("@now", now), ("@from", from.ToString()), ("@until", until?.ToString()), ("@id", id));
        if (await activate.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) != 1)
            throw new InvalidInputException("version", $"#{id} changed while it was being activated; look at it again");
    }

    /// <summary>The agreement a stored version holds.</summary>
    /// <exception cref="AgreementFileException">The stored text no longer reads (written by a newer Tandem).</exception>
    public static Agreement Parse(StoredAgreement version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return AgreementFile.Parse(version.Content, $"stored agreement #{version.Id}");
    }

    private static string Kind(Agreement agreement) => agreement.Period.Kind.ToString().ToLowerInvariant();
}
