using System.CommandLine;
using Tandem.Cli.Output;
using Tandem.Data.Import;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem import KIND FILE</c>: reads a CSV or .xlsx export into the store. Every rejected row is named on
/// stderr (and written to <c>--errors</c>); the good rows are imported; exit 1 when any row was rejected.
/// </summary>
public static class ImportCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        var kind = new Argument<string>("kind") { Description = "What the file holds: leads, stages, touches, deals or reps." };
        kind.AcceptOnlyFromAmong([.. ImportKinds.All.Select(k => k.Word())]);
        var file = new Argument<string>("file") { Description = "The CSV file (UTF-8, comma-separated, header on line 1) or .xlsx workbook (header on the sheet's first row with a value)." };
        var from = new Option<string>("--from") { Description = "The file's layout: generic (default), hubspot or salesforce.", DefaultValueFactory = _ => ImportLayouts.Generic };
        from.AcceptOnlyFromAmong([.. ImportLayouts.Names]);
        var source = new Option<string>("--source") { Description = "The system the records come from; records are keyed by (source, id). Default: default.", DefaultValueFactory = _ => "default" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and count everything, then roll back: nothing is stored." };
        var errors = new Option<string?>("--errors") { Description = "Write the rejected rows here, with their original columns and a tandem_error column." };
        var agreement = new Option<string?>("--agreement") { Description = "Agreement file to check lead types, segments and stages against (default: the active agreement)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per transaction (default 5000).", DefaultValueFactory = _ => 5000 };
        var progress = new Option<bool>("--progress") { Description = "Show the progress bar even when stderr is not a terminal." };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx workbook to read (default: the first visible worksheet)." };
        var zone = ZoneOption.Create();
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var command = new Command("import", "Import a CSV or .xlsx file of leads, stage changes, touches, deals or reps; prints the counts, then a data-quality report.")
        {
            kind, file, from, source, dryRun, errors, zone, agreement, batch, progress, database, format,
        };
        command.Options.Add(sheet);
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var batchSize = parse.GetValue(batch);
            if (batchSize < 1) throw new CliUsageException($"--batch-size: must be at least 1 (got {batchSize})");
            var sourceName = parse.GetValue(source)!;
            if (string.IsNullOrWhiteSpace(sourceName)) throw new CliUsageException("--source: is empty");
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            var active = await DatabaseErrors.Guard(target, async () =>
            {
                await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
                return await ActiveAgreement.LoadAsync(parse.GetValue(agreement), connection, cancel).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var request = new ImportRequest(ImportKinds.Parse(parse.GetValue(kind)!)!.Value, path, parse.GetValue(from)!, new ImportContext(sourceName, timeZone, active))
            {
                BatchSize = batchSize,
                DryRun = parse.GetValue(dryRun),
                ErrorsPath = parse.GetValue(errors),
                Sheet = parse.GetValue(sheet),
            };
            var bar = errorIsTerminal || parse.GetValue(progress) ? new ProgressBar(error, Path.GetFileName(path)) : null;
            ImportSummary summary;
            var startedAt = NodaTime.SystemClock.Instance.GetCurrentInstant();
            try
            {
                summary = await CsvImporter.RunAsync(db, request,
                    problem =>
                    {
                        bar?.Clear();
                        error.WriteLine($"tandem: {problem.Describe(path)}");
                    },
                    bar is null ? null : bar.Show,
                    cancel).ConfigureAwait(false);
            }
            catch (ImportFileException e)
            {
                bar?.Clear();
                await LogAsync(db, error, connection => ImportLog.RecordRefusedAsync(connection, request, path, ImportLog.ViaCli, Environment.UserName, startedAt, e.Message, cancel), cancel).ConfigureAwait(false);
                throw new CliUsageException(e.Message);
            }
            bar?.Clear();
            await LogAsync(db, error, connection => ImportLog.RecordAsync(connection, summary, path, ImportLog.ViaCli, Environment.UserName, startedAt, cancel), cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json) await output.WriteLineAsync(ImportJson.Write(summary)).ConfigureAwait(false);
            else await output.WriteAsync(ImportTable.Write(summary)).ConfigureAwait(false);
            return summary.Rejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Keeps the import in the log the web app's Data page shows; a failure to log is a warning, never a lost import.</summary>
    private static async Task LogAsync(TandemDatabase db, TextWriter error, Func<System.Data.Common.DbConnection, Task<long>> record, CancellationToken cancel)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
            await record(connection).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            await error.WriteLineAsync($"tandem: warning: the import was not added to the import log ({e.Message})").ConfigureAwait(false);
        }
    }
}
