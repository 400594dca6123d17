using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem token create|list|revoke</c>: API bearer tokens (only their hashes are stored).</summary>
public static class TokenCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) => new("token", "Manage API tokens.") { CreateToken(output), List(output), Revoke(output) };

    private static Command CreateToken(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "Who or what uses the token (e.g. hubspot-sync).", Required = true };
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var scope = new Option<string[]>("--scope") { Description = $"What the token may do: {string.Join(", ", TokenScopes.All)} (comma-separated or repeated; default all).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("create", "Create a token and print it once; only its hash is stored.") { name, scope, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            string token;
            IReadOnlyList<string> scopes;
            try
            {
                scopes = TokenScopes.Parse(parse.GetValue(scope));
                token = await TokenStore.CreateAsync(connection, parse.GetValue(name)!, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), scopes, cancel).ConfigureAwait(false);
            }
            catch (Data.UseCases.FieldProblemException e)
            {
                throw new CliUsageException(FlagWords.Text(e.Problem));
            }
            if (parse.GetValue(format) == FormatOption.Json)
                await output.WriteLineAsync(JsonSerializer.Serialize(new { name = parse.GetValue(name)!.Trim(), token, scopes }, CliJson.Options)).ConfigureAwait(false);
            else
            {
                await output.WriteLineAsync(token).ConfigureAwait(false);
                await output.WriteLineAsync($"  (shown once: store it now; send it as Authorization: Bearer <token>; scopes: {string.Join(", ", scopes)})").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var (database, format, zone) = (DatabaseOption.Create(), FormatOption.Create(), ZoneOption.Create());
        var command = new Command("list", "List tokens (names and dates, never the tokens).") { database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var tokens = await TokenStore.ListAsync(connection, cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var rows = tokens.Select(t => new { t.Name, t.Scopes, CreatedAt = TimeOutput.Format(t.CreatedAt, timeZone), RevokedAt = t.RevokedAt is { } r ? TimeOutput.Format(r, timeZone) : null });
                await output.WriteLineAsync(JsonSerializer.Serialize(rows, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("name", "scopes", "created", "revoked");
            foreach (var t in tokens) table.Row(t.Name, string.Join(",", t.Scopes), TimeOutput.Format(t.CreatedAt, timeZone), t.RevokedAt is { } r ? TimeOutput.Format(r, timeZone) : "");
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "The token's name." };
        var database = DatabaseOption.Create();
        var command = new Command("revoke", "Revoke a token: requests with it get 401 from then on.") { name, database };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            if (!await TokenStore.RevokeAsync(connection, parse.GetValue(name)!, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false))
                throw new CliUsageException($"no live token is named '{parse.GetValue(name)}' (see tandem token list)");
            await output.WriteLineAsync($"revoked token '{parse.GetValue(name)}'").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
