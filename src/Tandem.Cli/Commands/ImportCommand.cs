using System.CommandLine;
using Tandem.Cli.Output;
using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem import KIND FILE</c>: reads a CSV or .xlsx export into the store, in Tandem's own
/// columns, a shipped layout (<c>--from</c>) or through a mapping file (<c>--map</c>) that may feed
/// several kinds. Every rejected row is named on stderr (and written to <c>--errors</c>); the good
/// rows are imported; exit 1 when any row was rejected; a data-quality report follows the counts.
/// <c>--print-map</c> prints a shipped mapping and <c>--suggest-map</c> a starting mapping for a
/// file; neither touches the store.
/// </summary>
public static class ImportCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        // Named KIND in the usage line: the 14 kinds listed there pushed every description of `tandem --help` 150 columns in.
        var kind = new Argument<string>("kind") { HelpName = "KIND", Description = "What the file holds: leads, stages, touches, deals, reps, or the deliverables content, content-uses, campaigns, campaign-leads, reports, report-feedback, launches, trainings, attendance." };
        kind.AcceptOnlyFromAmong([.. ImportKinds.All.Select(k => k.Word())]);
        var file = new Argument<string?>("file") { HelpName = "FILE", Description = "The CSV file (UTF-8, comma-separated, header on line 1) or .xlsx workbook (header on the sheet's first row with a value).", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string>("--from") { Description = "The file's layout: generic (default), or hubspot or salesforce (mapping files that ship with Tandem; see --print-map).", DefaultValueFactory = _ => ImportLayouts.Generic };
        from.AcceptOnlyFromAmong([.. ImportLayouts.Names]);
        var source = new Option<string>("--source") { Description = "The system the records come from; records are keyed by (source, id). Default: default.", DefaultValueFactory = _ => "default" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and count everything, then roll back: nothing is stored." };
        var errors = new Option<string?>("--errors") { Description = "Write the rejected rows here, with their original columns and a tandem_error column." };
        var agreement = new Option<string?>("--agreement") { Description = "Agreement file to check lead types, segments and stages against (default: the active agreement)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per transaction (default 5000).", DefaultValueFactory = _ => 5000 };
        var progress = new Option<bool>("--progress") { Description = "Show the progress bar even when stderr is not a terminal." };
        var map = new Option<string?>("--map") { Description = "A mapping file (YAML, docs/import-formats.md) saying which column is which field; imports KIND's section and every other section it has." };
        var printMap = new Option<string?>("--print-map") { Description = "Print a shipped mapping (hubspot, salesforce, or generic for KIND's own columns) to copy and adjust; imports nothing." };
        var suggestMap = new Option<bool>("--suggest-map") { Description = "Print a starting mapping for FILE from its header and a sample of its rows; imports nothing." };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx workbook to read (default: the first visible worksheet)." };
        var zone = ZoneOption.Create();
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var command = new Command("import", "Import a CSV or .xlsx file of leads, stage changes, touches, deals or reps; prints the counts, then a data-quality report.")
        {
            kind, file, from, source, dryRun, errors, zone, agreement, batch, progress, database, format, map, printMap, suggestMap,
        };
        command.Options.Add(sheet);
        command.SetAction(async (parse, cancel) =>
        {
            var importKind = ImportKinds.Parse(parse.GetValue(kind)!)!.Value;
            if (parse.GetValue(printMap) is { } printName)
            {
                await output.WriteAsync(PrintedMapping(printName, importKind)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var path = parse.GetValue(file) ?? throw new CliUsageException("file: give the file to import (or --print-map NAME to print a shipped mapping)");
            if (parse.GetValue(suggestMap))
            {
                await output.WriteAsync(MappingSuggester.Suggest(path, importKind, parse.GetValue(sheet))).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            ImportMapping? mapping = null;
            if (parse.GetValue(map) is { } mapPath)
            {
                if (parse.GetResult(from) is { Implicit: false }) throw new CliUsageException("--map and --from: give one (a shipped layout, or your own mapping)");
                mapping = MappingFile.Load(mapPath);
            }
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            var input = new TableImport(TableInput.FromFile(path), importKind.Word(), parse.GetValue(from)!, parse.GetValue(source)!, timeZone, null)
            {
                Mapping = mapping,
                BatchSize = parse.GetValue(batch),
                DryRun = parse.GetValue(dryRun),
                ErrorsPath = parse.GetValue(errors),
                Sheet = parse.GetValue(sheet),
                Via = ImportLog.ViaCli,
                By = Environment.UserName,
            };
            // Inputs are checked before the store is opened: a wrong flag says so whatever the database.
            if (Data.UseCases.ImportTable.Check(input) is { Count: > 0 } wrong) return await RefuseAsync(error, wrong).ConfigureAwait(false);
            var active = await DatabaseErrors.Guard(target, async () =>
            {
                await using var connection = await db.OpenAsync(cancel).ConfigureAwait(false);
                return await ActiveAgreement.LoadAsync(parse.GetValue(agreement), connection, cancel).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var bar = errorIsTerminal || parse.GetValue(progress) ? new ProgressBar(error, Path.GetFileName(path)) : null;
            var result = await Data.UseCases.ImportTable.RunAsync(db, input with { Agreement = active }, NodaTime.SystemClock.Instance,
                problem =>
                {
                    bar?.Clear();
                    error.WriteLine($"tandem: {problem.Describe(path)}");
                },
                bar is null ? null : bar.Show,
                cancel).ConfigureAwait(false);
            bar?.Clear();
            if (result.LogFailure is { } failure) await error.WriteLineAsync($"tandem: warning: the import was not added to the import log ({failure})").ConfigureAwait(false);
            if (result.Summary is not { } summary)
            {
                foreach (var e in result.MappingErrors) await error.WriteLineAsync($"tandem: {e}").ConfigureAwait(false);
                return await RefuseAsync(error, result.Problems).ConfigureAwait(false);
            }
            if (parse.GetValue(format) == FormatOption.Json) await output.WriteLineAsync(ImportJson.Write(summary)).ConfigureAwait(false);
            else await output.WriteAsync(Output.ImportTable.Write(summary)).ConfigureAwait(false);
            return summary.Rejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The text of the shipped mapping <paramref name="name"/> names, or of the generic layout for <paramref name="kind"/>.</summary>
    private static string PrintedMapping(string name, ImportKind kind)
    {
        if (name == ImportLayouts.Generic) return GenericMapping.Text(kind);
        var shipped = ShippedMappings.Find(name)
            ?? throw new CliUsageException($"--print-map: '{name}' is not a shipped mapping ({string.Join(", ", ShippedMappings.All.Select(m => m.Name).Append(ImportLayouts.Generic))})");
        if (shipped.Kind != kind)
            throw new CliUsageException($"--print-map {name} maps {shipped.Kind.Word()} ({shipped.Describes}); run tandem import {shipped.Kind.Word()} --print-map {name}");
        return ShippedMappings.Text(shipped);
    }

    /// <summary>Names each problem by its flag on stderr; exit 2, as for any usage error.</summary>
    private static async Task<int> RefuseAsync(TextWriter error, IReadOnlyList<FieldProblem> problems)
    {
        foreach (var problem in problems) await error.WriteLineAsync($"tandem: {FlagWords.Text(problem)}").ConfigureAwait(false);
        return ExitCodes.UsageError;
    }
}
