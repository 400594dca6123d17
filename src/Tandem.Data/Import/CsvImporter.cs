using System.Data.Common;
using System.Diagnostics;
using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>
/// Imports one CSV file. A first pass reads the whole file, so a file that is not CSV text is
/// refused before anything is written, and notes the last valid row of each key (the last row
/// wins, and re-importing the same file changes nothing). The second pass writes the rows in
/// batches, one transaction each, so a killed import leaves only whole batches and running it
/// again completes it. A dry run writes everything in one transaction and rolls it back.
/// </summary>
public static class CsvImporter
{
    /// <summary>Runs <paramref name="request"/> against <paramref name="database"/>.</summary>
    /// <param name="database">The store.</param>
    /// <param name="request">What to import.</param>
    /// <param name="onProblem">Called with every rejected row's problems, in file order.</param>
    /// <param name="onProgress">Called after each batch.</param>
    /// <param name="cancel">Stops between batches.</param>
    /// <exception cref="ImportFileException">The file was refused whole; nothing was written.</exception>
    public static async Task<ImportSummary> RunAsync(
        TandemDatabase database, ImportRequest request, Action<ImportProblem>? onProblem = null, Action<ImportProgress>? onProgress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(request);
        if (request.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(request), "the batch size must be at least 1");
        var clock = Stopwatch.StartNew();
        var summary = new ImportSummary
        {
            File = request.Path, Kind = request.Kind, Layout = request.Layout, Source = request.Context.Source, DryRun = request.DryRun,
        };

        var lastLine = CheckFile(request, clock, onProgress, cancel);
        using var rows = CsvRows.Open(request.Path);
        var mapper = ImportLayouts.Bind(request.Layout, request.Kind, rows.Header, request.Context);
        summary.IgnoredColumns = mapper.IgnoredColumns;
        if (mapper.DerivesStages) summary.DerivedStages = new ImportCounts();
        using var errors = request.ErrorsPath is null ? null : ErrorsFile.Create(request.ErrorsPath, rows.Header);
        summary.ErrorsFile = request.ErrorsPath;

        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        var batch = new Batch(mapper);
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            var row = new MappedRow();
            while (rows.Next() is { } csv)
            {
                summary.Rows++;
                if (!Read(mapper, csv, row))
                {
                    Reject(summary, csv, row, errors, onProblem);
                    continue;
                }
                if (lastLine[row.Key] != csv.Line)
                {
                    summary.Superseded++;
                    summary.Records.Unchanged++;
                    continue;
                }
                batch.Add(row);
                if (batch.Count < request.BatchSize) continue;
                await batch.FlushAsync(transaction, summary, cancel).ConfigureAwait(false);
                if (!request.DryRun)
                {
                    await transaction.CommitAsync(cancel).ConfigureAwait(false);
                    await transaction.DisposeAsync().ConfigureAwait(false);
                    transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
                }
                onProgress?.Invoke(new ImportProgress("importing", summary.Rows, clock.Elapsed, rows.Length, rows.BytesRead));
                cancel.ThrowIfCancellationRequested();
            }
            await batch.FlushAsync(transaction, summary, cancel).ConfigureAwait(false);
            if (request.DryRun) await transaction.RollbackAsync(cancel).ConfigureAwait(false);
            else await transaction.CommitAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync().ConfigureAwait(false);
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    /// <summary>The first pass: proves the whole file readable and finds the line of the last valid row of each key.</summary>
    private static Dictionary<string, int> CheckFile(ImportRequest request, Stopwatch clock, Action<ImportProgress>? onProgress, CancellationToken cancel)
    {
        using var rows = CsvRows.Open(request.Path);
        var mapper = ImportLayouts.Bind(request.Layout, request.Kind, rows.Header, request.Context);
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = new MappedRow();
        long count = 0;
        while (rows.Next() is { } csv)
        {
            if (Read(mapper, csv, row)) lastLine[row.Key] = csv.Line;
            if (++count % 50_000 != 0) continue;
            cancel.ThrowIfCancellationRequested();
            onProgress?.Invoke(new ImportProgress("checking", count, clock.Elapsed, rows.Length, rows.BytesRead));
        }
        return lastLine;
    }

    /// <summary>Reads one row; false when it has problems (the shape of the row first, then each field).</summary>
    private static bool Read(RowMapper mapper, CsvRow csv, MappedRow row)
    {
        if (csv.BadQuoting)
        {
            row.Problems.Clear();
            row.Problems.Add(("row", "has a quote (\") inside a field that is not quoted, or text after a closing quote"));
            return false;
        }
        if (csv.Fields.Length != mapper.Width)
        {
            row.Problems.Clear();
            row.Problems.Add(("row", $"has {csv.Fields.Length} field{(csv.Fields.Length == 1 ? "" : "s")}; the header has {mapper.Width}"));
            return false;
        }
        mapper.Map(csv.Fields, row);
        return row.IsValid;
    }

    private static void Reject(ImportSummary summary, CsvRow csv, MappedRow row, ErrorsFile? errors, Action<ImportProblem>? onProblem)
    {
        summary.Rejected++;
        errors?.Write(csv.Fields, row.Problems);
        foreach (var (column, reason) in row.Problems)
        {
            var problem = new ImportProblem(csv.Line, column, reason);
            if (summary.Problems.Count < ImportSummary.MaxProblemsKept) summary.Problems.Add(problem);
            onProblem?.Invoke(problem);
        }
    }

    /// <summary>Rows waiting to be written, with the stage changes derived from them.</summary>
    private sealed class Batch(RowMapper mapper)
    {
        private readonly List<object?[]> _records = [];
        private readonly List<object?[]> _stages = [];
        private readonly List<MappedRow> _flags = [];

        public int Count => _records.Count;

        public void Add(MappedRow row)
        {
            _records.Add(row.Values);
            _stages.AddRange(row.DerivedStages);
            if (row.Flags.Count > 0)
            {
                var copy = new MappedRow();
                copy.Flags.AddRange(row.Flags);
                _flags.Add(copy);
            }
        }

        public async Task FlushAsync(DbTransaction transaction, ImportSummary summary, CancellationToken cancel)
        {
            if (_records.Count == 0) return;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            summary.Records.Add(await UpsertWriter.WriteAsync(transaction, mapper.Table, mapper.Fields, _records, now, cancel).ConfigureAwait(false));
            if (_stages.Count > 0)
                summary.DerivedStages!.Add(await UpsertWriter.WriteAsync(transaction, TableSpec.StageChanges, [], _stages, now, cancel).ConfigureAwait(false));
            foreach (var flagged in _flags)
                foreach (var (flag, value) in flagged.Flags)
                    summary.Flag(flag, value);
            _records.Clear();
            _stages.Clear();
            _flags.Clear();
        }
    }
}
