using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Data.Demo;

/// <summary>
/// The demo server's own database: a SQLite file beside the user's (never the user's own), filled
/// on first use with the deterministic demo company as of the given instant, through the same
/// agreement import and CSV importer users run.
/// </summary>
public static class DemoDatabase
{
    /// <summary>The demo database's file name in the data folder.</summary>
    public const string FileName = "tandem-demo.db";

    /// <summary>Where the demo database lives: <see cref="FileName"/> in the data folder.</summary>
    public static DatabaseTarget Target(Func<string, string?>? environment = null) =>
        DatabaseTarget.SqliteFile(Path.Combine(DatabaseLocation.DataFolder(environment), FileName));

    /// <summary>Fills <paramref name="database"/> with the demo company unless an agreement is already stored; returns the counts written, or null when it was already filled.</summary>
    public static async Task<DemoCounts?> SeedAsync(TandemDatabase database, DemoOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        await using (var connection = await database.OpenAsync(cancel).ConfigureAwait(false))
            if (await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false) is not null) return null;

        var folder = Path.Combine(Path.GetTempPath(), $"tandem-demo-{Guid.NewGuid():N}");
        try
        {
            var counts = DemoGenerator.Write(options, folder);
            var text = await File.ReadAllTextAsync(Path.Combine(folder, "agreement.yaml"), cancel).ConfigureAwait(false);
            var agreement = AgreementFile.Parse(text, "demo agreement");
            await using (var connection = await database.OpenAsync(cancel).ConfigureAwait(false))
                await AgreementStore.SaveAsync(connection, agreement.Name, agreement.Period.ToString(), text,
                    (options.AsOf - options.Duration()).ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            foreach (var kind in ImportKinds.All)
                await CsvImporter.RunAsync(database, new ImportRequest(kind, Path.Combine(folder, $"{kind.Word()}.csv"), ImportLayouts.Generic,
                    new ImportContext("default", DateTimeZone.Utc, null)), cancel: cancel).ConfigureAwait(false);
            return counts;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The history the demo covers, so its agreement counts as stored before the first lead.</summary>
    private static Duration Duration(this DemoOptions options) => NodaTime.Duration.FromDays(31 * (options.Months + 1));
}
