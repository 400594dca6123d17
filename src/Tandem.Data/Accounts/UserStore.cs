using System.Data.Common;
using System.Security.Cryptography;
using Tandem.Data.Clocks;

namespace Tandem.Data.Accounts;

/// <summary>A user as stored (the password only as its hash).</summary>
public sealed record User(long Id, string UserName, string DisplayName, string Role, string? Rep, string PasswordHash,
    string SecurityStamp, long FailedSignIns, long? LockedUntil, long CreatedAt, long? DisabledAt)
{
    /// <summary>Their e-mail address, if given: they sign the agreement as the signatory with this address.</summary>
    public string? Email { get; init; }
}

/// <summary>
/// Local accounts. Names are kept lower-case and matched so; the password hash is made by the
/// caller (the web layer's PBKDF2 hasher), so this class never sees a password.
/// </summary>
public static class UserStore
{
    private const string Columns = "id, user_name, display_name, role, rep, password_hash, security_stamp, failed_sign_ins, locked_until, created_at, disabled_at, email";

    /// <summary>A user name as stored: trimmed, lower-case.</summary>
    public static string Key(string userName) => (userName ?? "").Trim().ToLowerInvariant();

    /// <summary>Why <paramref name="userName"/> cannot be a user name, or null when it can.</summary>
    public static string? Problem(string? userName)
    {
        var key = Key(userName ?? "");
        if (key.Length is < 2 or > 64) return "must be 2 to 64 characters";
        return key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@') ? null
            : "may hold only letters, digits and . - _ @";
    }

    /// <summary>Adds a user without an e-mail address; the name must be free (see <see cref="Problem"/> for its form).</summary>
    /// <exception cref="ArgumentException">The name, role or display name is not acceptable, or the name is taken.</exception>
    public static Task<User> AddAsync(DbConnection connection, string userName, string displayName, string role, string? rep, string passwordHash, long now, CancellationToken cancel = default) =>
        AddAsync(connection, userName, displayName, role, rep, null, passwordHash, now, cancel);

    /// <summary>Why <paramref name="email"/> is not an e-mail address, or null when it is one.</summary>
    public static string? EmailProblem(string email) =>
        System.Net.Mail.MailAddress.TryCreate(email?.Trim(), out var parsed) && parsed.Address == email!.Trim() && parsed.DisplayName.Length == 0
            ? null : $"'{email}' is not an e-mail address (name@example.com)";

    /// <summary>Adds a user, with an e-mail address when given; the name must be free (see <see cref="Problem"/> for its form).</summary>
    /// <exception cref="ArgumentException">The name, role, display name or e-mail is not acceptable, or the name or the address (any case) is taken.</exception>
    public static async Task<User> AddAsync(DbConnection connection, string userName, string displayName, string role, string? rep, string? email, string passwordHash, long now, CancellationToken cancel = default)
    {
        if (!string.IsNullOrWhiteSpace(email) && EmailProblem(email) is { } bad) throw new ArgumentException($"--email: {bad}");
        ArgumentNullException.ThrowIfNull(connection);
        if (Problem(userName) is { } problem) throw new ArgumentException($"user name '{userName}': {problem}");
        if (Roles.Parse(role) is not { } known) throw new ArgumentException($"--role: '{role}' is not a role ({string.Join(", ", Roles.All)})");
        var display = string.IsNullOrWhiteSpace(displayName) ? Key(userName) : displayName.Trim();
        if (display.Length > 100) throw new ArgumentException("--display-name: at most 100 characters");
        if (known == Roles.SalesRep && string.IsNullOrWhiteSpace(rep)) throw new ArgumentException("--rep: a sales rep needs the rep id their leads carry in the data (e.g. --rep rep-03)");
        if (await FindAsync(connection, userName, cancel).ConfigureAwait(false) is not null) throw new ArgumentException($"user name '{Key(userName)}' is taken");
        if (!string.IsNullOrWhiteSpace(email) && await EmailOwnerAsync(connection, email.Trim(), userName, cancel).ConfigureAwait(false) is { } owner)
            throw new ArgumentException($"--email: '{email.Trim()}' is already the address of user {owner}");
        await using (var insert = Sql.Command(connection, null,
            $"INSERT INTO users (user_name, display_name, role, rep, email, password_hash, security_stamp, created_at) VALUES (@name, @display, @role, @rep, @email, @hash, @stamp, @now)",
            ("@name", Key(userName)), ("@display", display), ("@role", known), ("@rep", string.IsNullOrWhiteSpace(rep) ? null : rep.Trim()), ("@email", string.IsNullOrWhiteSpace(email) ? null : email.Trim()),
            ("@hash", passwordHash), ("@stamp", NewStamp()), ("@now", now)))
            await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return (await FindAsync(connection, userName, cancel).ConfigureAwait(false))!;
    }

    /// <summary>The user named <paramref name="userName"/> (any case), or null.</summary>
    public static async Task<User?> FindAsync(DbConnection connection, string userName, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM users WHERE user_name = @name", ("@name", Key(userName)));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every user, by name.</summary>
    public static async Task<IReadOnlyList<User>> ListAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM users ORDER BY user_name");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var users = new List<User>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) users.Add(Read(reader));
        return users;
    }

    /// <summary>
    /// Counts a failed sign-in; at <paramref name="limit"/> failures in a row the account is locked
    /// until <paramref name="lockUntil"/> and the count starts again.
    /// </summary>
    public static async Task RecordFailureAsync(DbConnection connection, long id, int limit, long lockUntil, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // One statement, so two failures at once on two instances both count.
        await using var command = Sql.Command(connection, null,
            "UPDATE users SET locked_until = CASE WHEN failed_sign_ins + 1 >= @limit THEN @until ELSE locked_until END, " +
            "failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @limit THEN 0 ELSE failed_sign_ins + 1 END WHERE id = @id",
            ("@limit", (long)limit), ("@until", lockUntil), ("@id", id));
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>A successful sign-in: the failure count and any lock are cleared.</summary>
    public static async Task RecordSuccessAsync(DbConnection connection, long id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null, "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id", ("@id", id));
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Sets a new password hash (and a new stamp, so cookies issued before stop working); clears any lock. False when there is no such user.</summary>
    public static async Task<bool> SetPasswordAsync(DbConnection connection, string userName, string passwordHash, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "UPDATE users SET password_hash = @hash, security_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL WHERE user_name = @name",
            ("@hash", passwordHash), ("@stamp", NewStamp()), ("@name", Key(userName)));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) > 0;
    }

    /// <summary>Disables (or enables again) a user; a disabled user cannot sign in and their cookies stop working. False when there is no such user.</summary>
    public static async Task<bool> SetDisabledAsync(DbConnection connection, string userName, long? disabledAt, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, null,
            "UPDATE users SET disabled_at = @at, security_stamp = @stamp WHERE user_name = @name",
            ("@at", disabledAt), ("@stamp", NewStamp()), ("@name", Key(userName)));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) > 0;
    }

    /// <summary>Sets (or, with null, removes) a user's e-mail address. False when there is no such user.</summary>
    /// <exception cref="ArgumentException">The address is not one, or another user has it (any case).</exception>
    public static async Task<bool> SetEmailAsync(DbConnection connection, string userName, string? email, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!string.IsNullOrWhiteSpace(email) && EmailProblem(email) is { } bad) throw new ArgumentException($"email: {bad}");
        if (!string.IsNullOrWhiteSpace(email) && await EmailOwnerAsync(connection, email.Trim(), userName, cancel).ConfigureAwait(false) is { } owner)
            throw new ArgumentException($"email: '{email.Trim()}' is already the address of user {owner}");
        await using var command = Sql.Command(connection, null, "UPDATE users SET email = @email WHERE user_name = @name",
            ("@email", string.IsNullOrWhiteSpace(email) ? null : email.Trim()), ("@name", Key(userName)));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// The name of the user other than <paramref name="userName"/> whose address is
    /// <paramref name="email"/> in any case, or null: one account per address, as migration 0014's
    /// unique index on lower(email) holds.
    /// </summary>
    private static async Task<string?> EmailOwnerAsync(DbConnection connection, string email, string userName, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, null, "SELECT user_name FROM users WHERE lower(email) = lower(@email) AND user_name <> @name",
            ("@email", email), ("@name", Key(userName)));
        return await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) as string;
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static User Read(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Sql.Text(r, 4),
        r.GetString(5), r.GetString(6), r.GetInt64(7), Sql.Long(r, 8), r.GetInt64(9), Sql.Long(r, 10)) { Email = Sql.Text(r, 11) };
}
