using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Agreements;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem agreement import FILE</c> stores a checked agreement file as the active agreement, its
/// text kept exactly; <c>tandem agreement export [FILE]</c> writes that text back, byte for byte.
/// </summary>
public static class AgreementCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output)
    {
        return new Command("agreement", "Store the agreement file in the database, or write it back out.") { Import(output), Export(output) };
    }

    private static Command Import(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The agreement file (YAML; see docs/agreement-file.md)." };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("import", "Check an agreement file and store it as the active agreement.") { file, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var agreement = AgreementFile.Load(path);
            var text = await File.ReadAllTextAsync(path, cancel).ConfigureAwait(false);
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var id = await AgreementStore.SaveAsync(connection, agreement.Name, agreement.Period.ToString(), text, now, cancel).ConfigureAwait(false);
            var stored = TimeOutput.Format(now, timeZone);
            if (parse.GetValue(format) == FormatOption.Json)
                await output.WriteLineAsync(JsonSerializer.Serialize(new StoredDocument(id, agreement.Name, agreement.Period.ToString(), stored), CliJson.Options)).ConfigureAwait(false);
            else
                await output.WriteLineAsync($"stored agreement #{id} \"{agreement.Name}\" ({agreement.Period}) as the active agreement at {stored}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(TextWriter output)
    {
        var file = new Argument<string?>("file") { Description = "Where to write it (default: standard output).", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var database = DatabaseOption.Create();
        var command = new Command("export", "Write the active agreement's file, exactly as it was imported.") { file, force, database };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var active = await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException($"no agreement is stored in {target.Display()}; store one with: tandem agreement import FILE");
            var path = parse.GetValue(file);
            if (path is null)
            {
                await output.WriteAsync(active.Content).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            if (File.Exists(path) && !parse.GetValue(force)) throw new CliUsageException($"{path}: exists; pass --force to replace it");
            try
            {
                await File.WriteAllTextAsync(path, active.Content, new System.Text.UTF8Encoding(false), cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"{path}: cannot be written ({e.Message})");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record StoredDocument(long Id, string Name, string Period, string StoredAt);
}
