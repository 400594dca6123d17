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
        return new Command("db", "Manage Tandem's database.") { migrate, Backup(output), Copy(output) };
    }

    private static Command Backup(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "The backup file to create (a SQLite database)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var command = new Command("backup", "Write a consistent backup of the live database to a SQLite file.") { file, force, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (File.Exists(path) && !parse.GetValue(force)) throw new CliUsageException($"{path}: exists; pass --force to replace it");
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            if (target.SqlitePath is { } live && Path.GetFullPath(live) == path) throw new CliUsageException($"{path}: is the database itself; back it up to another file");
            await using var db = new TandemDatabase(target);
            var counts = await DatabaseErrors.Guard(target, () => DatabaseBackup.BackupAsync(db, path, cancel)).ConfigureAwait(false);
            await Report(output, parse.GetValue(format)!, $"backed up {target.Display()} to {path}", target.Display(), path, counts).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Copy(TextWriter output)
    {
        var to = new Option<string>("--to") { Description = "The database to copy into (empty): a SQLite path or a PostgreSQL connection string.", Required = true };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var command = new Command("copy", "Copy every record into another, empty database (SQLite to PostgreSQL or back).") { to, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var source = DatabaseLocation.Resolve(parse.GetValue(database));
            var destination = DatabaseTarget.Parse(parse.GetValue(to)!, "--to");
            await using var from = new TandemDatabase(source);
            await using var into = new TandemDatabase(destination);
            IReadOnlyList<(string Table, long Rows)> counts;
            try
            {
                counts = await DatabaseErrors.Guard(source, () => DatabaseErrors.Guard(destination, () => DatabaseCopier.CopyAsync(from, into, cancel))).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new CliUsageException($"--to: {e.Message}");
            }
            await Report(output, parse.GetValue(format)!, $"copied {source.Display()} to {destination.Display()}", source.Display(), destination.Display(), counts).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Report(TextWriter output, string format, string headline, string from, string to, IReadOnlyList<(string Table, long Rows)> counts)
    {
        if (format == FormatOption.Json)
        {
            var tables = counts.ToDictionary(c => c.Table, c => c.Rows);
            await output.WriteLineAsync(JsonSerializer.Serialize(new CopyDocument(from, to, tables), CliJson.Options)).ConfigureAwait(false);
            return;
        }
        await output.WriteLineAsync(headline).ConfigureAwait(false);
        var table = new TextTable("table", "rows");
        foreach (var (name, rows) in counts) table.Row(name, rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.Write(output);
    }

    private sealed record CopyDocument(string From, string To, IReadOnlyDictionary<string, long> Tables);

    private sealed record MigrateDocument(string Database, IReadOnlyList<string> Applied, int SchemaVersion);
}
