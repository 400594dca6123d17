using System.CommandLine;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Accounts;
using Tandem.Data.Store;
using Tandem.Web.Accounts;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem user add|list|password|disable|enable</c>: the web app's local accounts.</summary>
public static class UserCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output, TextReader input) =>
        new("user", "Manage the web app's users (local accounts with hashed passwords).")
        {
            Add(output, input), List(output), Password(output, input), Email(output), Disable(output, disable: true), Disable(output, disable: false),
        };

    private static Option<bool> PasswordStdin() => new("--password-stdin") { Description = $"Read the password from the first line of standard input (at least {Passwords.MinimumLength} characters) instead of generating one." };

    private static Command Add(TextWriter output, TextReader input)
    {
        var name = new Argument<string>("name") { Description = "The user name people sign in with (letters, digits, . - _ @)." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name shown on the pages (default: the user name)." };
        var rep = new Option<string?>("--rep") { Description = "For a sales rep: the rep id their leads carry in the data." };
        var email = new Option<string?>("--email") { Description = "Their e-mail address: they sign the agreement as the signatory with this address; an admin's gets the review reminder." };
        var stdin = PasswordStdin();
        var (database, format) = (DatabaseOption.Create(), FormatOption.Create());
        var command = new Command("add", "Add a user; prints a generated password once unless --password-stdin gives one.") { name, role, display, rep, email, stdin, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            var (password, generated) = ReadPassword(parse.GetValue(stdin), input);
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            User user;
            try
            {
                user = await UserStore.AddAsync(connection, parse.GetValue(name)!, parse.GetValue(display) ?? "", parse.GetValue(role)!, parse.GetValue(rep), parse.GetValue(email),
                    Passwords.Hash(password), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }
            if (parse.GetValue(format) == FormatOption.Json)
                await output.WriteLineAsync(JsonSerializer.Serialize(new { userName = user.UserName, displayName = user.DisplayName, role = user.Role, rep = user.Rep, email = user.Email, password = generated ? password : null }, CliJson.Options)).ConfigureAwait(false);
            else
            {
                await output.WriteLineAsync($"added {user.UserName} ({user.Role})").ConfigureAwait(false);
                if (generated) await output.WriteLineAsync($"  password: {password}  (shown once: pass it on safely; tandem user password {user.UserName} makes a new one)").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var (database, format, zone) = (DatabaseOption.Create(), FormatOption.Create(), ZoneOption.Create());
        var command = new Command("list", "List users (never their passwords).") { database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var users = await UserStore.ListAsync(connection, cancel).ConfigureAwait(false);
            string Time(long? ms) => ms is { } v ? TimeOutput.Format(NodaTime.Instant.FromUnixTimeMilliseconds(v), timeZone) : "";
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(users.Select(u => new
                {
                    userName = u.UserName, displayName = u.DisplayName, role = u.Role, rep = u.Rep, email = u.Email, created = Time(u.CreatedAt),
                    disabled = u.DisabledAt is null ? null : Time(u.DisabledAt), lockedUntil = u.LockedUntil is null ? null : Time(u.LockedUntil),
                }), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("user", "name", "role", "rep", "e-mail", "created", "disabled");
            foreach (var u in users) table.Row(u.UserName, u.DisplayName, u.Role, u.Rep ?? "", u.Email ?? "", Time(u.CreatedAt), Time(u.DisabledAt));
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Password(TextWriter output, TextReader input)
    {
        var name = new Argument<string>("name") { Description = "The user." };
        var stdin = PasswordStdin();
        var database = DatabaseOption.Create();
        var command = new Command("password", "Set a new password (generated unless --password-stdin); the user's sessions end and any lock is cleared.") { name, stdin, database };
        command.SetAction(async (parse, cancel) =>
        {
            var (password, generated) = ReadPassword(parse.GetValue(stdin), input);
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            if (!await UserStore.SetPasswordAsync(connection, parse.GetValue(name)!, Passwords.Hash(password), cancel).ConfigureAwait(false))
                throw new CliUsageException($"name: no user '{UserStore.Key(parse.GetValue(name)!)}' (tandem user list)");
            await output.WriteLineAsync($"new password set for {UserStore.Key(parse.GetValue(name)!)}").ConfigureAwait(false);
            if (generated) await output.WriteLineAsync($"  password: {password}  (shown once)").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Email(TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "The user." };
        var address = new Argument<string?>("address") { Description = "Their e-mail address (leave out to remove it).", Arity = ArgumentArity.ZeroOrOne };
        var database = DatabaseOption.Create();
        var command = new Command("email", "Set or remove a user's e-mail address: they sign the agreement as the signatory with this address.") { name, address, database };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var key = UserStore.Key(parse.GetValue(name)!);
            bool found;
            try
            {
                found = await UserStore.SetEmailAsync(connection, key, parse.GetValue(address), cancel).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message.Replace("email:", "address:", StringComparison.Ordinal));
            }
            if (!found) throw new CliUsageException($"name: no user '{key}' (tandem user list)");
            await output.WriteLineAsync(parse.GetValue(address) is { } a ? $"{key}'s e-mail is now {a.Trim()}" : $"{key} has no e-mail address now").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Disable(TextWriter output, bool disable)
    {
        var name = new Argument<string>("name") { Description = "The user." };
        var database = DatabaseOption.Create();
        var command = new Command(disable ? "disable" : "enable", disable ? "Stop a user signing in; their sessions end at once." : "Let a disabled user sign in again.") { name, database };
        command.SetAction(async (parse, cancel) =>
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            await using var db = new TandemDatabase(target);
            await using var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            if (!await UserStore.SetDisabledAsync(connection, parse.GetValue(name)!, disable ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : null, cancel).ConfigureAwait(false))
                throw new CliUsageException($"name: no user '{UserStore.Key(parse.GetValue(name)!)}' (tandem user list)");
            await output.WriteLineAsync($"{UserStore.Key(parse.GetValue(name)!)} {(disable ? "disabled" : "enabled")}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The password from standard input, or a generated one (and whether it was generated).</summary>
    private static (string Password, bool Generated) ReadPassword(bool fromStdin, TextReader input)
    {
        if (!fromStdin) return (Passwords.Generate(), true);
        var line = input.ReadLine()?.TrimEnd('\r', '\n') ?? "";
        return Passwords.Problem(line) is { } problem ? throw new CliUsageException($"--password-stdin: the password {problem}") : (line, false);
    }
}
