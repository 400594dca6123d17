using System.CommandLine;
using System.Data.Common;
using Tandem.Data.Projection;

namespace Tandem.Cli.Commands;

/// <summary>
/// Reports only read: the clocks and report facts they read are kept by the projector when records
/// are written (<c>tandem import</c>, the API through the server's monitor, <c>tandem sla refresh</c>).
/// A database whose derived data was never built (made by an older Tandem, or filled without
/// Tandem) is said so on stderr rather than built by a read.
/// </summary>
public static class DerivedData
{
    /// <summary>Brings the derived data up to date after a write (a rebuild shows its progress on stderr).</summary>
    public static async Task CatchUpAsync(DbConnection connection, ParseResult parse, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var bar = new Output.ProjectionBar(parse.InvocationConfiguration.Error, "re-clocking");
        await Projector.CatchUpAsync(connection, NodaTime.SystemClock.Instance.GetCurrentInstant(), bar, cancel).ConfigureAwait(false);
        bar.Done();
    }

    /// <summary>Warns on stderr when the projector has never run on this database.</summary>
    public static async Task WarnIfNeverBuiltAsync(DbConnection connection, ParseResult parse, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (await Projector.LastCatchUpAsync(connection, cancel).ConfigureAwait(false) is not null) return;
        var error = parse.InvocationConfiguration.Error;
        await error.WriteLineAsync("tandem: the clocks and report facts of this database have not been built yet, so the figures leave out its records; run tandem sla refresh").ConfigureAwait(false);
    }
}
