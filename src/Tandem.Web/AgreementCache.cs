using System.Data.Common;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Web;

/// <summary>The active agreement, parsed once and re-read only when another version has been activated.</summary>
public sealed class AgreementCache : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _id = -1;
    private Agreement? _agreement;

    /// <summary>The active agreement, or null when none is stored (or the stored text no longer parses).</summary>
    public async Task<Agreement?> GetAsync(DbConnection connection, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM agreements WHERE status = 'active' ORDER BY activated_at DESC, id DESC LIMIT 1";
        var latest = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (latest == Volatile.Read(ref _id)) return _agreement;
        await _lock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (latest == _id) return _agreement;
            var stored = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false);
            try
            {
                _agreement = stored is null ? null : AgreementFile.Parse(stored.Content, $"stored agreement #{stored.Id}");
            }
            catch (AgreementFileException)
            {
                // Stored agreements were checked on import; one a newer Tandem cannot read flags nothing.
                _agreement = null;
            }
            Volatile.Write(ref _id, latest);
            return _agreement;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}
