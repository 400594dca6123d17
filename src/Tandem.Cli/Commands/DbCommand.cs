using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem db migrate</c>: brings the database schema up to date (it also happens automatically on first use).</summary>
public static class DbCommand
{
    /// <summary>Creates the <c>db</c> verb and its subcommands.</summary>
    public static Command Create(TextWriter output)
    {
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var migrate = new Command("migrate", "Apply pending schema migrations to the database.") { database, format };
        migrate.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenRawAsync(cancel)).ConfigureAwait(false);
            var applied = await Migrator.ApplyAsync(connection, target.Kind, cancel).ConfigureAwait(false);
            var version = (await Migrator.AppliedAsync(connection, cancel).ConfigureAwait(false)).DefaultIfEmpty().Max();
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new MigrateDocument(target.Display(), applied, version), CliJson.Options)).ConfigureAwait(false);
            }
            else if (applied.Count == 0)
            {
                await output.WriteLineAsync($"{target.Display()}: up to date (schema version {version})").ConfigureAwait(false);
            }
            else
            {
                foreach (var name in applied) await output.WriteLineAsync($"{target.Display()}: applied {name}").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return new Command("db", "Manage Tandem's database.") { migrate };
    }

    private sealed record MigrateDocument(string Database, IReadOnlyList<string> Applied, int SchemaVersion);
}
