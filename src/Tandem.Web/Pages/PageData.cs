using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Web.Pages;

/// <summary>What a page reads from: an open connection, the active agreement, and the time now in the agreement's zone.</summary>
public sealed class PageScope(DbConnection connection, Agreement? agreement, Instant now) : IAsyncDisposable
{
    /// <summary>The connection, open for the request.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>The active agreement; null when none is stored yet.</summary>
    public Agreement? Agreement { get; } = agreement;

    /// <summary>Now.</summary>
    public Instant Now { get; } = now;

    /// <summary>The agreement's zone (UTC without an agreement).</summary>
    public DateTimeZone Zone => Agreement?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>Today in the agreement's zone.</summary>
    public LocalDate Today => Now.InZone(Zone).Date;

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>
/// Opens what a page needs. A page only reads: the clocks and report facts are kept by the
/// projector when records are written (the upload, the server's monitor), never by a request.
/// </summary>
public sealed class PageData(TandemDatabase database, AgreementCache agreements, TandemServerSettings settings)
{
    /// <summary>The clock pages read (a fake one in tests).</summary>
    public IClock Clock => settings.Clock;

    /// <summary>The Chromium that prints PDFs, when configured (else found on the usual paths).</summary>
    public string? Chromium => settings.Chromium;

    /// <summary>The database pages read.</summary>
    public TandemDatabase Database => database;

    /// <summary>The zone an uploaded file's times without an offset are read in (the server's, as for <c>tandem import</c>).</summary>
    public DateTimeZone ImportZone => settings.Zone;

    /// <summary>An open scope for one request.</summary>
    public async Task<PageScope> OpenAsync(CancellationToken cancel)
    {
        var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        try
        {
            var now = settings.Clock.GetCurrentInstant();
            var agreement = await agreements.GetAsync(connection, cancel).ConfigureAwait(false);
            return new PageScope(connection, agreement, now);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
