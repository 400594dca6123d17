using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using NodaTime;
using Tandem.Data.Store;
using Tandem.Data.UseCases;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem lead delete|restore|merge|forget ID</c>: what a CRM does to a lead, done to Tandem's copy.
/// </summary>
public static class LeadCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) => new("lead", "Delete, restore, merge or forget a lead.")
    {
        Simple(output, "delete", "Mark a lead deleted: it stays stored but is left out of every figure.", LeadOperation.Delete, "deleted", "already deleted"),
        Simple(output, "restore", "Undo a deletion.", LeadOperation.Restore, "restored", "not deleted"),
        Merge(output),
        Simple(output, "forget", "Erase a lead's contact fields (name, email, company, title) for good, for an erasure request; its anonymous figures stay.",
            LeadOperation.Forget, "forgotten: contact fields erased", "already forgotten"),
    };

    private static Command Simple(TextWriter output, string name, string description, LeadOperation operation, string done, string already)
    {
        var id = new Argument<string>("id") { Description = "The lead's id in its source." };
        var (source, database, format) = (SourceOption(), DatabaseOption.Create(), FormatOption.Create());
        var command = new Command(name, description) { id, source, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var (leadId, sourceName) = (parse.GetValue(id)!, parse.GetValue(source)!);
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var change = (await ChangeLead.RunAsync(connection, new LeadChangeInput(operation, sourceName, leadId), SystemClock.Instance, cancel).ConfigureAwait(false)).Change;
            if (change == LeadChange.NotFound) throw new CliUsageException($"lead {leadId}: not found in source {sourceName}");
            await Report(output, parse.GetValue(format)!, leadId, sourceName, change == LeadChange.Done ? done : already, change == LeadChange.Done, null).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Merge(TextWriter output)
    {
        var id = new Argument<string>("id") { Description = "The lead that was merged away." };
        var into = new Option<string>("--into") { Description = "The lead it was merged into.", Required = true };
        var (source, database, format) = (SourceOption(), DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("merge", "Record that a lead was merged into another: its history follows it.") { id, into, source, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var (leadId, sourceName) = (parse.GetValue(id)!, parse.GetValue(source)!);
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var result = await ChangeLead.RunAsync(connection, new LeadChangeInput(LeadOperation.Merge, sourceName, leadId, parse.GetValue(into)), SystemClock.Instance, cancel).ConfigureAwait(false);
            if (result.Problems.Count > 0) throw new CliUsageException(string.Join("; ", result.Problems.Select(FlagWords.Text)));
            if (result.Change == LeadChange.NotFound) throw new CliUsageException($"lead {leadId}: not found in source {sourceName}");
            var final = result.MergedInto!;
            await Report(output, parse.GetValue(format)!, leadId, sourceName, result.Change == LeadChange.Done ? $"merged into {final}" : $"already merged into {final}", result.Change == LeadChange.Done, final).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> SourceOption() => new("--source") { Description = "The lead's source (default: default).", DefaultValueFactory = _ => "default" };

    private static async Task Report(TextWriter output, string format, string id, string source, string what, bool changed, string? mergedInto)
    {
        if (format == FormatOption.Json)
            await output.WriteLineAsync(JsonSerializer.Serialize(new LeadDocument(id, source, changed, what, mergedInto), CliJson.Options)).ConfigureAwait(false);
        else
            await output.WriteLineAsync($"lead {id} ({source}): {what}").ConfigureAwait(false);
    }

    private sealed record LeadDocument(string Id, string Source, bool Changed, string Result, string? MergedInto);
}
