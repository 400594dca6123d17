using System.Data.Common;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Reports;

/// <summary>Gathers what the printed agreement shows about a stored version, for the web page and <c>tandem agreement print</c> alike.</summary>
public static class AgreementPrint
{
    /// <summary>The version's facts: status, range, hash, and each signatory's valid signature, if any.</summary>
    public static async Task<VersionFacts> FactsAsync(DbConnection connection, StoredAgreement version, Agreement agreement, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(agreement);
        var signatures = await AgreementStore.SignaturesAsync(connection, version.Id, cancel).ConfigureAwait(false);
        var valid = Signing.Valid(agreement, version.Content, signatures);
        var lines = agreement.Signatories
            .Select(p => new SignatureLine(p, valid.FirstOrDefault(s => string.Equals(s.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .ToList();
        return new VersionFacts(version.Id, AgreementStatuses.Word(version.Status), ActiveFor(version), version.Hash, lines, agreement.Calendar.Zone);
    }

    /// <summary>"2026-11 on", "2026-11 to 2027-01", or null when it was never activated.</summary>
    public static string? ActiveFor(StoredAgreement version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.EffectiveFrom is not { } from) return null;
        if (version.EffectiveTo is not { } to) return $"{from} on";
        return to == from ? from : $"{from} to {to}";
    }
}
