using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>
/// Imports one CSV file or .xlsx sheet (<see cref="TableFile"/> tells them apart; both become a
/// header and rows of text). A first pass reads the whole file, so a file that is not CSV text or a
/// readable workbook is refused before anything is written, and finds keys that repeat (the last valid row of a key
/// wins, and re-importing the same file changes nothing). The second pass reads and checks rows
/// on one thread while another writes them in batches, one transaction each, so a killed import
/// leaves only whole batches and running it again completes it. A dry run writes everything in one
/// transaction and rolls it back.
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
            File = request.Path, Kind = request.Kind, Layout = request.Mapping is null ? request.Layout : ImportLayouts.Map, Source = request.Context.Source,
            DryRun = request.DryRun, Mapping = request.Mapping?.File,
        };

        var (repeated, lastLine) = CheckFile(request, clock, onProgress, cancel);
        using var rows = request.OpenRows();
        var mapper = ImportLayouts.Bind(request, rows.Header);
        summary.IgnoredColumns = mapper.IgnoredColumns;
        summary.MappingIgnored = mapper.MappingIgnored;
        summary.Sheet = rows.Sheet;
        foreach (var kind in mapper.OtherKinds) summary.Derived[kind] = new ImportCounts();
        var quality = new QualityTally(mapper, request.Context);
        using var errors = request.ErrorsPath is null ? null : ErrorsFile.Create(request.ErrorsPath, rows.Header);
        summary.ErrorsFile = request.ErrorsPath;

        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await TuneForBulkAsync(connection, cancel).ConfigureAwait(false);
        // Each batch projects, in its own transaction, the leads whose last rows it wrote (a dry run projects nothing), with the agreements read once.
        var project = request.DryRun ? null
            : new BatchProjection(await Clocks.ClockAgreements.LoadAsync(connection, cancel).ConfigureAwait(false), request.Clock, new Projection.LeadsAhead(request.Context.Source, lastLine));
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(() => WriteAsync(connection, mapper, batches.Reader, project, summary, clock, onProgress, cancel), cancel);

        try
        {
            var batch = new Batch(mapper);
            var row = new MappedRow();
            while (rows.NextRow() is { } csv)
            {
                summary.Rows++;
                if (!Read(mapper, csv, row))
                {
                    Reject(summary, rows, csv, row, errors, onProblem, quality);
                    continue;
                }
                if (!batch.Add(row, csv.Line, repeated, summary, quality)) summary.Skipped++;
                if (batch.Rows < request.BatchSize) continue;
                (batch.RowsRead, batch.BytesRead, batch.FileBytes, batch.LastLine) = (summary.Rows, rows.BytesRead, rows.Length, csv.Line);
                await batches.Writer.WriteAsync(batch, cancel).ConfigureAwait(false);
                batch = new Batch(mapper);
            }
            (batch.RowsRead, batch.BytesRead, batch.FileBytes, batch.LastLine) = (summary.Rows, rows.BytesRead, rows.Length, int.MaxValue);
            await batches.Writer.WriteAsync(batch, cancel).ConfigureAwait(false);
            batches.Writer.Complete();
        }
        catch (Exception e)
        {
            // The writer stopped (its exception is the one to report) or reading failed: stop both.
            batches.Writer.TryComplete(e);
            await writer.ConfigureAwait(false);
            throw;
        }
        await writer.ConfigureAwait(false);
        summary.Records.Unchanged += summary.Superseded;
        foreach (var counts in summary.Derived.Values) counts.Unchanged += counts.Superseded;
        summary.Quality = await ImportQuality.ComputeAsync(connection, quality, summary, cancel).ConfigureAwait(false);
        if (project is not null)
        {
            // The batches projected their own records; the catch-up brings in what else changed (reps, an
            // agreement, another writer's records, clocks now due), so the import ends with everything up to date.
            var projecting = clock.Elapsed;
            onProgress?.Invoke(new ImportProgress("deriving clocks and report facts", summary.Rows, clock.Elapsed, 0, 0));
            var inBatches = project.Elapsed;
            var waited = await project.FinishAsync(connection, cancel).ConfigureAwait(false);
            var rest = await Projection.Projector.CatchUpAsync(connection, request.Clock.GetCurrentInstant(), cancel).ConfigureAwait(false);
            summary.Projection = project.Summary?.Plus(waited).Plus(rest) ?? waited?.Plus(rest) ?? rest;
            summary.ProjectionElapsed = inBatches + (clock.Elapsed - projecting);
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    /// <summary>The writing side: each batch in its own transaction (all of them in one for a dry run, rolled back).</summary>
    private static async Task WriteAsync(DbConnection connection, RowMapper mapper, ChannelReader<Batch> batches, BatchProjection? project,
        ImportSummary summary, Stopwatch clock, Action<ImportProgress>? onProgress, CancellationToken cancel)
    {
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            await foreach (var batch in batches.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                var stamp = await batch.FlushAsync(transaction, summary, cancel).ConfigureAwait(false);
                if (project is null) continue;
                if (stamp is { } written) await project.RunAsync(connection, transaction, written, batch.LastLine, cancel).ConfigureAwait(false);
                await transaction.CommitAsync(cancel).ConfigureAwait(false);
                await transaction.DisposeAsync().ConfigureAwait(false);
                transaction = null;
                onProgress?.Invoke(new ImportProgress("importing", batch.RowsRead, clock.Elapsed, batch.FileBytes, batch.BytesRead));
                cancel.ThrowIfCancellationRequested();
                transaction = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
            }
            if (project is null) await transaction.RollbackAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SQLite: a page cache big enough for the indexes a large import touches at random (the
    /// default 2 MB thrashes), and fewer write-ahead-log checkpoints while it runs.
    /// </summary>
    private static async Task TuneForBulkAsync(DbConnection connection, CancellationToken cancel)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection) return;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 20000;";
        await pragma.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The first pass: proves the whole file readable and, for each key of each kind that repeats,
    /// the position (line and record within the row) of its last valid record. Only key fields are
    /// read, except for rows that repeat a key seen before.
    /// </summary>
    private static (Dictionary<ImportKind, Dictionary<string, long>> Repeated, Dictionary<string, int> LastLine) CheckFile(ImportRequest request, Stopwatch clock,
        Action<ImportProgress>? onProgress, CancellationToken cancel)
    {
        // Each lead's last line in the file, so that the import projects it once, after its last row (LeadsAhead).
        var lastLine = new Dictionary<string, int>(StringComparer.Ordinal);
        using var rows = request.OpenRows();
        var mapper = ImportLayouts.Bind(request, rows.Header);
        var seen = new Dictionary<ImportKind, HashSet<string>>();
        var repeated = new Dictionary<ImportKind, Dictionary<string, long>>();
        foreach (var binding in mapper.Records)
        {
            seen.TryAdd(binding.Kind, new HashSet<string>(StringComparer.Ordinal));
            repeated.TryAdd(binding.Kind, new Dictionary<string, long>(StringComparer.Ordinal));
        }
        var row = new MappedRow();
        long count = 0;
        while (rows.NextRow() is { } csv)
        {
            if (!csv.BadQuoting && csv.Fields.Length == mapper.Width)
            {
                bool? valid = null;
                for (var b = 0; b < mapper.Records.Count; b++)
                {
                    if (!request.DryRun && mapper.LeadOf(b, csv.Fields) is { } lead) lastLine[lead] = csv.Line;
                    var kind = mapper.Records[b].Kind;
                    if (mapper.KeyOf(b, csv.Fields) is not { } key || seen[kind].Add(key)) continue;
                    // A repeat: the earlier records of this key give way to it only if its row is valid.
                    valid ??= Read(mapper, csv, row);
                    if (valid.Value) repeated[kind][key] = Position(csv.Line, b);
                    else repeated[kind].TryAdd(key, 0);
                }
            }
            if (++count % 50_000 != 0) continue;
            cancel.ThrowIfCancellationRequested();
            onProgress?.Invoke(new ImportProgress("checking", count, clock.Elapsed, rows.Length, rows.BytesRead));
        }
        return (repeated, lastLine);
    }

    /// <summary>Orders records by line, then by their place in the mapping (a row may yield several records of one kind).</summary>
    private static long Position(int line, int binding) => ((long)line << 16) | (uint)binding;

    /// <summary>Reads one row; false when it has problems (the shape of the row first, then each field).</summary>
    internal static bool Read(RowMapper mapper, CsvRow csv, MappedRow row)
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
        if (csv.CellProblems is { Count: > 0 } cells)
        {
            // The unreadable cell's own problem replaces whatever its field made of the empty text left in its place.
            var named = cells.Select(c => c.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
            row.Problems.RemoveAll(p => named.Contains(p.Column) || cells.Any(c => c.Column.StartsWith(p.Column + " (", StringComparison.OrdinalIgnoreCase)));
            row.Problems.InsertRange(0, cells);
        }
        return row.IsValid;
    }

    private static void Reject(ImportSummary summary, ITableRows rows, CsvRow csv, MappedRow row, ErrorsFile? errors, Action<ImportProblem>? onProblem, QualityTally quality)
    {
        summary.Rejected++;
        errors?.Write(csv.Fields, row.Problems);
        foreach (var (column, reason) in row.Problems)
        {
            var problem = new ImportProblem(csv.Line, rows.Column(column), reason);
            quality.Problem(problem.Column);
            if (summary.Problems.Count < ImportSummary.MaxProblemsKept) summary.Problems.Add(problem);
            onProblem?.Invoke(problem);
        }
    }

    /// <summary>Rows read and checked, waiting to be written: the records of each binding of the mapper.</summary>
    private sealed class Batch(RowMapper mapper)
    {
        private readonly List<object?[]>[] _records = [.. mapper.Records.Select(_ => new List<object?[]>())];

        private readonly List<(string Flag, string Value)> _flags = [];

        public int Rows { get; private set; }

        public long RowsRead { get; set; }

        public long BytesRead { get; set; }

        public long FileBytes { get; set; }

        /// <summary>The file's line the batch was cut at: every row up to it is in this batch or an earlier one.</summary>
        public int LastLine { get; set; }

        /// <summary>Adds a valid row's records but those a later row supersedes; false when it yields no record of the imported kind.</summary>
        public bool Add(MappedRow row, int line, Dictionary<ImportKind, Dictionary<string, long>> repeated, ImportSummary summary, QualityTally quality)
        {
            Rows++;
            var own = false;
            foreach (var record in row.Records)
            {
                var kind = mapper.Records[record.Binding].Kind;
                var primary = kind == mapper.Kind;
                own |= primary;
                if (repeated[kind].TryGetValue(record.Key, out var last) && last > Position(line, record.Binding))
                {
                    if (primary) summary.Superseded++;
                    else summary.Derived[kind].Superseded++;
                    continue;
                }
                _records[record.Binding].Add(record.Values);
                quality.Written(record);
            }
            _flags.AddRange(row.Flags);
            return own;
        }

        /// <summary>Writes the records in dependency order (reps, leads, stages, touches, deals), one upsert per binding; the stamp they were written with, null when the batch was empty.</summary>
        public async Task<long?> FlushAsync(DbTransaction transaction, ImportSummary summary, CancellationToken cancel)
        {
            if (Rows == 0) return null;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var kind in ImportKinds.All)
            {
                for (var b = 0; b < _records.Length; b++)
                {
                    var binding = mapper.Records[b];
                    if (binding.Kind != kind || _records[b].Count == 0) continue;
                    var outcomes = await UpsertWriter.WriteAsync(transaction, binding.Table, binding.Columns, _records[b], now, cancel).ConfigureAwait(false);
                    (kind == mapper.Kind ? summary.Records : summary.Derived[kind]).Add(outcomes);
                }
            }
            foreach (var (flag, value) in _flags) summary.Flag(flag, value);
            return now;
        }
    }

    /// <summary>The projection of each batch's records in the batch's transaction, and what it did in all.</summary>
    private sealed class BatchProjection(Clocks.ClockAgreements? agreements, NodaTime.IClock now, Projection.LeadsAhead ahead)
    {
        private readonly Stopwatch _time = new();

        public Projection.ProjectionSummary? Summary { get; private set; }

        public TimeSpan Elapsed => _time.Elapsed;

        public async Task RunAsync(DbConnection connection, DbTransaction transaction, long stamp, int lastLine, CancellationToken cancel)
        {
            _time.Start();
            ahead.Line = lastLine;
            var done = await Projection.Projector.ProjectWrittenAsync(connection, transaction, stamp, now.GetCurrentInstant(), agreements, ahead, cancel).ConfigureAwait(false);
            Summary = done?.Plus(Summary) ?? Summary;
            _time.Stop();
        }

        /// <summary>Projects the leads still waiting and notes the batches' stamps as projected.</summary>
        public async Task<Projection.ProjectionSummary?> FinishAsync(DbConnection connection, CancellationToken cancel)
        {
            _time.Start();
            var done = await Projection.Projector.FinishBulkAsync(connection, now.GetCurrentInstant(), ahead, cancel).ConfigureAwait(false);
            _time.Stop();
            return done;
        }
    }
}
