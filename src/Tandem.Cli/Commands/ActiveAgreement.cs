using System.Data.Common;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Cli.Commands;

/// <summary>The agreement a verb works against: <c>--agreement FILE</c> when given, else the active one in the store.</summary>
public static class ActiveAgreement
{
    /// <summary>The agreement, or null when neither names one.</summary>
    /// <exception cref="AgreementFileException">The file (or the stored text) is invalid.</exception>
    public static async Task<Agreement?> LoadAsync(string? file, DbConnection connection, CancellationToken cancel)
    {
        if (file is not null) return AgreementFile.Load(file);
        var stored = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false);
        return stored is null ? null : AgreementFile.Parse(stored.Content, $"stored agreement #{stored.Id}");
    }
}
