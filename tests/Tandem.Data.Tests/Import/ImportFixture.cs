using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Data.Tests.Import;

/// <summary>Writes CSV text to temporary files and runs imports against a fresh database.</summary>
public sealed class ImportFixture : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-import-tests", Guid.NewGuid().ToString("N"));

    private ImportFixture(TandemDatabase database)
    {
        Database = database;
        Directory.CreateDirectory(_folder);
    }

    public TandemDatabase Database { get; }

    public List<ImportProblem> Problems { get; } = [];

    public static async Task<ImportFixture> CreateAsync(DatabaseKind kind) => new(await TestDatabases.OpenAsync(kind));

    /// <summary>A file holding <paramref name="lines"/> joined with newlines.</summary>
    public string File(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    public Task<ImportSummary> Import(ImportKind kind, string path, string layout = ImportLayouts.Generic, DateTimeZone? zone = null,
        Agreement? agreement = null, bool dryRun = false, string? errors = null, int batchSize = 5000, string source = "default",
        Action<ImportProgress>? progress = null, Tandem.Data.Import.Mapping.ImportMapping? mapping = null, string? sheet = null, CancellationToken cancel = default)
    {
        Problems.Clear();
        var request = new ImportRequest(kind, path, layout, new ImportContext(source, zone ?? DateTimeZone.Utc, agreement))
        {
            DryRun = dryRun,
            ErrorsPath = errors,
            BatchSize = batchSize,
            Mapping = mapping,
            Sheet = sheet,
        };
        return CsvImporter.RunAsync(Database, request, Problems.Add, progress, cancel);
    }

    public async Task<List<object?[]>> Rows(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    public async Task<long> Count(string table) => (long)(await Rows($"SELECT COUNT(*) FROM {table}"))[0][0]!;

    private static object Normalize(object value) => value switch
    {
        int i => (long)i,
        _ => value,
    };

    public static long Ms(string iso) => OffsetDateTime.FromDateTimeOffset(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture)).ToInstant().ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
