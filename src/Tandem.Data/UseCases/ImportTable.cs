using System.Data.Common;
using NodaTime;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;

namespace Tandem.Data.UseCases;

/// <summary>
/// Importing a table, for every front end (<c>tandem import</c>, the Data page's upload and
/// preview): checks the inputs, reads the rows through <see cref="CsvImporter"/> (each batch's
/// records and everything derived from them commit in the batch's transaction, through the
/// projector), and keeps the import, or its refusal, in the import log. Problems come back typed;
/// each front end words them.
/// </summary>
public static class ImportTable
{
    /// <summary>The inputs' problems before any row is read: the kind, the layout (and whether it holds the kind), the mapping's section for the kind, the batch size, the source.</summary>
    public static IReadOnlyList<FieldProblem> Check(TableImport input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        var kind = ImportKinds.Parse(input.Kind ?? "");
        if (kind is null) problems.Add(new("kind", input.Kind, $"'{input.Kind}' is not one of {string.Join(", ", ImportKinds.All.Select(k => k.Word()))}"));
        if (input.Mapping is { } mapping)
        {
            if (kind is { } k && mapping.Section(k) is null) problems.Add(new("map", mapping.File, MappingBinder.NoSection(mapping, k).ToString()));
        }
        else if (!ImportLayouts.Names.Contains(input.Layout ?? ""))
        {
            problems.Add(new("layout", input.Layout, $"'{input.Layout}' is not one of {string.Join(", ", ImportLayouts.Names)}"));
        }
        else if (kind is { } k && ShippedMappings.Find(input.Layout!) is { } shipped && shipped.Kind != k)
        {
            problems.Add(new("layout", input.Layout, $"{input.Layout} reads {shipped.Kind.Word()} only ({shipped.Describes}); import {k.Word()} with the generic layout or a mapping"));
        }
        if (input.BatchSize < 1) problems.Add(new("batchSize", input.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be at least 1 (got {input.BatchSize})"));
        if (string.IsNullOrWhiteSpace(input.Source)) problems.Add(new("source", input.Source, "give the system the records come from (default: default)"));
        return problems;
    }

    /// <summary>The first <paramref name="rows"/> rows as the import would read them, or why it would be refused; nothing is written.</summary>
    public static TablePreviewResult Preview(TableImport input, int rows = 20)
    {
        var problems = Check(input);
        if (problems.Count > 0) return new(null, problems, []);
        try
        {
            return new(ImportPreview.Read(RequestOf(input, SystemClock.Instance), rows), [], []);
        }
        catch (ImportFileException e)
        {
            var refused = Refusal(input, e);
            return new(null, refused.Problems, refused.MappingErrors);
        }
    }

    /// <summary>
    /// Imports the table (a dry run rolls back) and logs it; a table refused whole, for its content
    /// or an input only reading it shows (a sheet, a header), is logged as refused; inputs refused by
    /// <see cref="Check"/> are not logged, as nothing was read.
    /// </summary>
    /// <param name="database">The store.</param>
    /// <param name="input">What to import.</param>
    /// <param name="clock">The import log's times and the instant derived data is brought up to.</param>
    /// <param name="onProblem">Called with every rejected row's problems, in file order.</param>
    /// <param name="onProgress">Called as the import goes, for a progress bar.</param>
    /// <param name="cancel">Stops between batches; the batches written stay, whole.</param>
    public static async Task<ImportTableResult> RunAsync(TandemDatabase database, TableImport input, IClock clock,
        Action<ImportProblem>? onProblem = null, Action<ImportProgress>? onProgress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = Check(input);
        if (problems.Count > 0) return new() { Problems = problems };
        var request = RequestOf(input, clock);
        var started = clock.GetCurrentInstant();
        try
        {
            var summary = await CsvImporter.RunAsync(database, request, onProblem, onProgress, cancel).ConfigureAwait(false);
            var (id, failure) = await LogAsync(database, c => ImportLog.RecordAsync(c, summary, input.Table.Name, input.Via, input.By, started, cancel), cancel).ConfigureAwait(false);
            return new() { Summary = summary, LogId = id, LogFailure = failure };
        }
        catch (ImportFileException e)
        {
            // Logged in words no front end owns: the field's stable name, then why.
            var reason = e.Field == "file" ? e.Reason : $"{e.Field}: {e.Reason}";
            var (id, failure) = await LogAsync(database, c => ImportLog.RecordRefusedAsync(c, request, input.Table.Name, input.Via, input.By, started, reason, cancel), cancel).ConfigureAwait(false);
            return Refusal(input, e) with { LogId = id, LogFailure = failure };
        }
    }

    private static ImportRequest RequestOf(TableImport input, IClock clock) =>
        new(ImportKinds.Parse(input.Kind)!.Value, input.Table.Name, input.Mapping is null ? input.Layout : ImportLayouts.Map, new ImportContext(input.Source, input.Zone, input.Agreement))
        {
            Mapping = input.Mapping,
            BatchSize = input.BatchSize,
            DryRun = input.DryRun,
            ErrorsPath = input.ErrorsPath,
            Sheet = input.Sheet,
            Clock = clock,
            Rows = () => input.Table.Open(input.Sheet),
        };

    /// <summary>A table refused whole: the mapping's own errors, or the one input at fault with the value given for it.</summary>
    private static ImportTableResult Refusal(TableImport input, ImportFileException e)
    {
        if (e is MappingFileException { Errors.Count: > 0 } mapping) return new() { MappingErrors = mapping.Errors };
        var value = e.Field switch
        {
            "sheet" => input.Sheet,
            "layout" => input.Layout,
            "errors" => input.ErrorsPath,
            _ => input.Table.Name,
        };
        return new() { Problems = [new FieldProblem(e.Field, value, e.Reason)] };
    }

    /// <summary>Keeps the import in the log; a failure to log is reported, never a lost import.</summary>
    private static async Task<(long? Id, string? Failure)> LogAsync(TandemDatabase database, Func<DbConnection, Task<long>> record, CancellationToken cancel)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
            return (await record(connection).ConfigureAwait(false), null);
        }
        catch (DbException e)
        {
            return (null, e.Message);
        }
    }
}
