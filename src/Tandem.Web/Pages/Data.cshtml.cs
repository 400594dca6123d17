using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Accounts;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;
using Tandem.Data.UseCases;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// Data: the import log with each import's rejected rows and data-quality report, a CSV or .xlsx
/// upload that runs the very importer of <c>tandem import</c> (same layouts, same checks against the
/// agreement, good rows kept, bad rows named) after a preview of its first rows, and the API tokens.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class DataModel(PageData data) : TandemPage(data)
{
    /// <summary>The largest file the browser may upload (bigger exports go through <c>tandem import</c>).</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>Imports listed.</summary>
    public const int Listed = 50;

    /// <summary>The latest imports, newest first.</summary>
    public IReadOnlyList<ImportRecord> Imports { get; private set; } = [];

    /// <summary>Per kind and source: the records stored and when they last arrived (an import or the API), from the counts kept as they are written.</summary>
    public IReadOnlyList<(string Kind, DataArrival Arrival)> Arrivals { get; private set; } = [];

    /// <summary>The import opened (?import=ID), or null.</summary>
    public ImportRecord? Opened { get; private set; }

    /// <summary>Data-quality findings of the listed imports, by id.</summary>
    public IReadOnlyDictionary<long, int> Findings { get; private set; } = new Dictionary<long, int>();

    /// <summary>The opened import's problems.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    /// <summary>The opened import's data-quality report, if it has one.</summary>
    public ImportQuality? Quality { get; private set; }

    /// <summary>Rows a preview shows.</summary>
    public const int PreviewRows = 20;

    /// <summary>The preview of an upload (nothing written yet), or null.</summary>
    public ImportPreview? Preview { get; private set; }

    /// <summary>Why the previewed file would be refused whole, or null.</summary>
    public string? PreviewRefused { get; private set; }

    /// <summary>The problems of the uploaded mapping file (or of binding it to the file's header), each with its line and key; empty when it has none.</summary>
    public IReadOnlyList<MappingFileError> MappingErrors { get; private set; } = [];

    /// <summary>The upload form's values, kept across a preview.</summary>
    public UploadChoice Choice { get; private set; } = new(null, ImportKind.Leads.Word(), ImportLayouts.Generic, "default", null, false);

    /// <summary>The API tokens (admins only).</summary>
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>A token just created, shown this once.</summary>
    public string? NewToken { get; private set; }

    /// <summary>What the last action did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>The zone uploads' times without an offset are read in.</summary>
    public string ImportZoneId => Data.ImportZone.Id;

    /// <summary>Whether the user manages tokens.</summary>
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Reads the log, the opened import and the tokens.</summary>
    public async Task OnGetAsync(long? import, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, import, cancel).ConfigureAwait(false);
    }

    /// <summary>An import's rejected rows as CSV (line, column, reason), cells a spreadsheet would run neutralised.</summary>
    public async Task<IActionResult> OnGetProblemsAsync(long import, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var entry = await ImportLog.GetAsync(scope.Connection, import, cancel).ConfigureAwait(false);
        if (entry is null) return NotFound();
        var table = new ReportTable("problems", $"Rows rejected by import {entry.Id} ({entry.FileName})",
            [new("line", CellKind.Count), new("column", CellKind.Text), new("reason", CellKind.Text)]);
        foreach (var p in await ImportLog.ProblemsAsync(scope.Connection, import, cancel).ConfigureAwait(false)) table.Row((long)p.Line, p.Column, p.Reason);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        CsvExport.Write(text, [table]);
        return File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"import-{entry.Id}-problems.csv");
    }

    /// <summary>
    /// Reads the first rows of an uploaded CSV or workbook as the import would, writing nothing, and
    /// shows each field's value and each problem; the page then offers to import the file.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, IFormFile? mapping, string? kind, string? layout, string? source, string? sheet, bool dryRun, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Choice = new UploadChoice(file is null ? null : Path.GetFileName(file.FileName), kind ?? "", layout ?? "", source ?? "", string.IsNullOrWhiteSpace(sheet) ? null : sheet.Trim(), dryRun)
        {
            MappingName = mapping is { Length: > 0 } ? Path.GetFileName(mapping.FileName) : null,
        };
        if (NoFile(file) is { } missing) PreviewRefused = missing;
        else
        {
            var saved = UploadPath(file!.FileName);
            try
            {
                var input = InputOf(TableInput.FromFile(saved, Choice.FileName), scope, kind, layout, source, sheet, dryRun) with { Mapping = await MappingOfAsync(mapping, cancel).ConfigureAwait(false) };
                await SaveAsync(file, saved, cancel).ConfigureAwait(false);
                var result = ImportTable.Preview(input, PreviewRows);
                Preview = result.Preview;
                MappingErrors = result.MappingErrors;
                if (result.MappingErrors.Count > 0)
                    PreviewRefused = $"The mapping {Choice.MappingName ?? layout} does not fit: {MappingErrors.Count} problem{(MappingErrors.Count == 1 ? "" : "s")}, each with its line and key.";
                else if (result.Problems.Count > 0) PreviewRefused = Words(result.Problems);
            }
            catch (MappingFileException e)
            {
                // The uploaded mapping itself could not be read.
                MappingErrors = e.Errors;
                PreviewRefused = $"The mapping {Choice.MappingName} does not fit: {MappingErrors.Count} problem{(MappingErrors.Count == 1 ? "" : "s")}, each with its line and key.";
            }
            finally
            {
                System.IO.File.Delete(saved);
            }
        }
        await ReadAsync(scope, null, cancel).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Imports an uploaded CSV or workbook as <c>tandem import KIND FILE --from LAYOUT --source SOURCE [--sheet SHEET]</c> would: through the same use case.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, IFormFile? mapping, string? kind, string? layout, string? source, string? sheet, bool dryRun, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        if (NoFile(file) is { } missing)
        {
            Message = missing;
            return Redirect("/data");
        }
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var name = Path.GetFileName(file!.FileName);
        var saved = UploadPath(file.FileName);
        ImportTableResult result;
        try
        {
            TableImport input;
            try
            {
                input = InputOf(TableInput.FromFile(saved, name), scope, kind, layout, source, sheet, dryRun) with { Mapping = await MappingOfAsync(mapping, cancel).ConfigureAwait(false) };
            }
            catch (MappingFileException e)
            {
                Message = $"{name}: refused, nothing was stored. The mapping does not fit: {string.Join("; ", e.Errors)}";
                return Redirect("/data");
            }
            await SaveAsync(file, saved, cancel).ConfigureAwait(false);
            result = await ImportTable.RunAsync(Data.Database, input, Data.Clock, cancel: cancel).ConfigureAwait(false);
        }
        finally
        {
            System.IO.File.Delete(saved);
        }
        Message = result.Summary is { } summary
            ? $"{name}{(summary.Sheet is { } read ? $" (sheet {read})" : "")}: {summary.Rows:N0} rows read; {summary.Records.Inserted:N0} inserted, {summary.Records.Updated:N0} updated, {summary.Records.Unchanged:N0} unchanged, {summary.Rejected:N0} rejected"
                + string.Concat(summary.Derived.Select(d => $"; {(d.Key == ImportKind.Stages ? "stage changes" : d.Key.Word())}: {d.Value.Inserted:N0} inserted, {d.Value.Updated:N0} updated, {d.Value.Unchanged:N0} unchanged"))
                + (summary.DryRun ? " (dry run: nothing was stored)." : ".")
            : $"{name}: refused, nothing was stored. {(result.MappingErrors.Count > 0 ? string.Join("; ", result.MappingErrors) : Words(result.Problems))}";
        if (result.LogFailure is { } failure) Message += $" (It was not added to the import log: {failure}.)";
        return result.LogId is { } id ? Redirect($"/data?import={id.ToString(CultureInfo.InvariantCulture)}") : Redirect("/data");
    }

    /// <summary>Creates an API token (admins only) and shows it this once.</summary>
    public async Task<IActionResult> OnPostTokenAsync(string? name, string[]? scopes, CancellationToken cancel)
    {
        if (!IsAdmin) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        try
        {
            NewToken = await TokenStore.CreateAsync(scope.Connection, name ?? "", scope.Now.ToUnixTimeMilliseconds(), scopes ?? [], cancel).ConfigureAwait(false);
            Message = $"Token '{name!.Trim()}' created. Copy it now: it is not shown again.";
        }
        catch (Tandem.Data.UseCases.FieldProblemException e)
        {
            // The form's own words for the fields.
            Message = $"Token not created: {(e.Problem.Field == "scope" ? "Scopes" : "Name")}: {e.Problem.Reason}";
        }
        await ReadAsync(scope, null, cancel).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Revokes an API token (admins only).</summary>
    public async Task<IActionResult> OnPostRevokeAsync(string? name, CancellationToken cancel)
    {
        if (!IsAdmin) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Message = await TokenStore.RevokeAsync(scope.Connection, name ?? "", scope.Now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false)
            ? $"Token '{name}' revoked: it no longer opens the API."
            : $"No live token named '{name}'.";
        return Redirect("/data#tokens");
    }

    private async Task ReadAsync(PageScope scope, long? import, CancellationToken cancel)
    {
        Resolve(scope);
        Problem = null; // the log and tokens do not need an agreement
        Imports = await ImportLog.RecentAsync(scope.Connection, Listed, cancel).ConfigureAwait(false);
        Findings = await ImportLog.FindingCountsAsync(scope.Connection, Listed, cancel).ConfigureAwait(false);
        // Kinds in the order a full data set is imported; each kind's sources by name.
        var arrivals = await DataArrivals.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        Arrivals = [.. ImportKinds.All.SelectMany(k => arrivals.Where(a => a.Table == k.Table().Name).Select(a => (k.Word(), a)))];
        if (import is { } id)
        {
            Opened = await ImportLog.GetAsync(scope.Connection, id, cancel).ConfigureAwait(false);
            if (Opened is null) Problem = $"No import {id}.";
            else
            {
                Problems = await ImportLog.ProblemsAsync(scope.Connection, id, cancel).ConfigureAwait(false);
                Quality = await ImportLog.QualityAsync(scope.Connection, id, cancel).ConfigureAwait(false);
            }
        }
        if (IsAdmin) Tokens = await TokenStore.ListAsync(scope.Connection, cancel).ConfigureAwait(false);
    }

    private static string? NoFile(IFormFile? file) =>
        file is null || file.Length == 0 ? "File: choose a CSV or .xlsx file to upload (it is empty or missing)." : null;

    /// <summary>The upload's import, read as <c>tandem import</c> reads its flags (the use case checks the words).</summary>
    private TableImport InputOf(TableInput table, PageScope scope, string? kind, string? layout, string? source, string? sheet, bool dryRun) =>
        new(table, kind ?? "", layout ?? "", source ?? "", Data.ImportZone, scope.Agreement)
        {
            DryRun = dryRun,
            Sheet = string.IsNullOrWhiteSpace(sheet) ? null : sheet.Trim(),
            Via = ImportLog.ViaWeb,
            By = User.Identity!.Name,
        };

    /// <summary>The use case's problems by the form's labels: <c>Kind: 'x' is not one of ....</c>; a file's own problem as it is (it names the file).</summary>
    private static string Words(IEnumerable<FieldProblem> problems) => string.Join(" ", problems.Select(p => p.Field switch
    {
        "file" => p.Reason,
        _ => $"{Label(p.Field)}: {p.Reason}.",
    }));

    private static string Label(string field) => field switch
    {
        "kind" => "Kind",
        "layout" => "Layout",
        "source" => "Source",
        "sheet" => "Sheet",
        "map" => "Mapping",
        _ => field,
    };

    /// <summary>The uploaded mapping file, read as <c>tandem import --map</c> reads one; null when none was uploaded.</summary>
    /// <exception cref="MappingFileException">It is not a mapping Tandem can use (every problem with its line and key).</exception>
    private static async Task<ImportMapping?> MappingOfAsync(IFormFile? mapping, CancellationToken cancel)
    {
        if (mapping is null || mapping.Length == 0) return null;
        using var reader = new StreamReader(mapping.OpenReadStream());
        return MappingFile.Parse(await reader.ReadToEndAsync(cancel).ConfigureAwait(false), Path.GetFileName(mapping.FileName));
    }

    private static async Task SaveAsync(IFormFile file, string path, CancellationToken cancel)
    {
        await using var saved = System.IO.File.Create(path);
        await file.CopyToAsync(saved, cancel).ConfigureAwait(false);
    }

    /// <summary>A fresh temporary path; the file is read by its content, the extension only tidies the folder.</summary>
    private static string UploadPath(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-uploads");
        Directory.CreateDirectory(folder);
        var extension = Path.GetExtension(name).ToLowerInvariant() is ".xlsx" or ".xlsm" ? ".xlsx" : ".csv";
        return Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
    }
}

/// <summary>The upload form's values.</summary>
public sealed record UploadChoice(string? FileName, string Kind, string Layout, string Source, string? Sheet, bool DryRun)
{
    /// <summary>The uploaded mapping file's name, or null when the layout's (shipped) mapping is used.</summary>
    public string? MappingName { get; init; }
}
