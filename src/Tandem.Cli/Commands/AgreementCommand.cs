using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem agreement</c>: the agreement's versions. <c>import FILE</c> stores a checked file as a
/// version (text kept exactly); <c>export [FILE]</c> writes a version back, byte for byte; the
/// lifecycle verbs (<see cref="AgreementLifecycleCommands"/>) propose, sign, activate, list, compare and print versions.
/// </summary>
public static class AgreementCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output)
    {
        return new Command("agreement", "The agreement's versions: import and export the file, propose, sign, activate, compare and print.")
        {
            Import(output), Export(output),
            AgreementLifecycleCommands.History(output), AgreementLifecycleCommands.Show(output), AgreementLifecycleCommands.Diff(output),
            AgreementLifecycleCommands.Propose(output), AgreementLifecycleCommands.Sign(output), AgreementLifecycleCommands.Activate(output),
            AgreementPrintCommand.Create(output),
        };
    }

    /// <summary>The operator the command line records as the author of a version or signature.</summary>
    public static string Operator => "cli:" + Environment.UserName;

    private static Command Import(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The agreement file (YAML; see docs/agreement-file.md)." };
        var note = new Option<string?>("--note") { Description = "Why this version: shown in the history (default: imported from FILE)." };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("import", "Check an agreement file and store it as a version: active at once when it names no signatories, else a draft to propose and sign.")
            { file, note, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var agreement = AgreementFile.Load(path);
            var text = await File.ReadAllTextAsync(path, cancel).ConfigureAwait(false);
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var stored = await AgreementLifecycle.ImportAsync(connection, agreement, text, parse.GetValue(note) ?? $"imported from {Path.GetFileName(path)}",
                Operator, SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
            var version = stored.Version;
            // A new active agreement can move every clock: the command ends with them re-clocked.
            if (stored.Created && version.Status == AgreementStatus.Active)
                await DerivedData.CatchUpAsync(connection, parse, cancel).ConfigureAwait(false);
            var at = TimeOutput.Format(version.StoredAt, timeZone);
            var status = AgreementStatuses.Word(version.Status);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var document = new StoredDocument(version.Id, version.Name, version.Period, at, status, stored.Created);
                await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
            }
            else if (!stored.Created)
                await output.WriteLineAsync($"agreement #{version.Id} \"{version.Name}\" ({version.Period}, {status}) already holds this exact text; nothing stored").ConfigureAwait(false);
            else if (version.Status == AgreementStatus.Active)
                await output.WriteLineAsync($"stored agreement #{version.Id} \"{version.Name}\" ({version.Period}) as the active agreement at {at}").ConfigureAwait(false);
            else
                await output.WriteLineAsync($"stored agreement #{version.Id} \"{version.Name}\" ({version.Period}) as a draft at {at}; it names signatories, so next: tandem agreement propose {version.Id}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(TextWriter output)
    {
        var file = new Argument<string?>("file") { Description = "Where to write it (default: standard output).", Arity = ArgumentArity.ZeroOrOne };
        var version = new Option<long?>("--version") { Description = "The version to write (default: the active one; tandem agreement history lists them)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var database = DatabaseOption.Create();
        var command = new Command("export", "Write a version's file (default the active one), exactly as it was stored.") { file, version, force, database };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var stored = parse.GetValue(version) is { } id
                ? await AgreementStore.RequireAsync(connection, id, cancel).ConfigureAwait(false)
                : await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false)
                  ?? throw new CliUsageException(await AgreementStore.LatestAsync(connection, cancel).ConfigureAwait(false) is null
                      ? $"no agreement is stored in {target.Display()}; store one with: tandem agreement import FILE"
                      : $"no agreement is active in {target.Display()}; name a version with --version (tandem agreement history lists them)");
            var path = parse.GetValue(file);
            if (path is null)
            {
                await output.WriteAsync(stored.Content).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            if (File.Exists(path) && !parse.GetValue(force)) throw new CliUsageException($"{path}: exists; pass --force to replace it");
            try
            {
                await File.WriteAllTextAsync(path, stored.Content, new System.Text.UTF8Encoding(false), cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"{path}: cannot be written ({e.Message})");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record StoredDocument(long Id, string Name, string Period, string StoredAt, string Status, bool Created);
}
