using System.Data.Common;
using Tandem.Data.Analytics;

namespace Tandem.Cli.Commands;

/// <summary>
/// Brings the report facts up to date before a report reads them: the records changed since the
/// last catch-up (by the server's monitor or an earlier report) are derived again; the first time,
/// everything is.
/// </summary>
public static class ReportCatchUp
{
    /// <summary>Runs the catch-up as of now.</summary>
    public static Task RunAsync(DbConnection connection, CancellationToken cancel) => ReportFacts.CatchUpAsync(connection, NodaTime.SystemClock.Instance.GetCurrentInstant(), cancel);
}
