using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Data.Store;

/// <summary>An API token as stored: never the token itself, only its hash; with what it may do (<see cref="TokenScopes"/>).</summary>
public sealed record ApiToken(long Id, string Name, long CreatedAt, long? RevokedAt, IReadOnlyList<string> Scopes);

/// <summary>What a token may do: send records (ingest), read leads (read), delete, restore, forget and merge leads (manage).</summary>
public static class TokenScopes
{
    /// <summary>POST records to /api/v1/leads, stages, touches, deals, reps and the deliverables (content, campaigns, ...).</summary>
    public const string Ingest = "ingest";

    /// <summary>GET a lead and its timeline.</summary>
    public const string Read = "read";

    /// <summary>Delete, restore, forget and merge leads.</summary>
    public const string Manage = "manage";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Read, Manage];

    /// <summary>The scopes named in <paramref name="words"/> (comma- or space-separated, any case), every scope when none are named.</summary>
    /// <exception cref="UseCases.FieldProblemException">A word is not a scope (field <c>scope</c>).</exception>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? words)
    {
        var named = (words ?? []).SelectMany(w => w.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(w => w.ToLowerInvariant()).ToList();
        if (named.FirstOrDefault(w => !All.Contains(w)) is { } unknown)
            throw new UseCases.FieldProblemException(new("scope", unknown, $"'{unknown}' is not a scope ({string.Join(", ", All)})"));
        return named.Count == 0 ? All : [.. All.Where(named.Contains)];
    }
}

/// <summary>
/// API bearer tokens. A token is 32 random bytes, shown once when created; the database keeps only
/// its SHA-256 hash, so a stolen database or backup holds no usable token.
/// </summary>
public static class TokenStore
{
    /// <summary>Every token starts with this, so one found in a log or a repository is recognisable.</summary>
    public const string Prefix = "tdm_";

    /// <summary>Creates a token named <paramref name="name"/> and returns it (the only time it is seen).</summary>
    /// <exception cref="ArgumentException">The name is empty or already used by a live token.</exception>
    public static async Task<string> CreateAsync(DbConnection connection, string name, long now, CancellationToken cancel = default) =>
        await CreateAsync(connection, name, now, TokenScopes.All, cancel).ConfigureAwait(false);

    /// <summary>Creates a token named <paramref name="name"/> that may do <paramref name="scopes"/> and returns it (the only time it is seen).</summary>
    /// <exception cref="UseCases.FieldProblemException">The name is empty or already used by a live token (field <c>name</c>), or no scope is given (<c>scope</c>).</exception>
    public static async Task<string> CreateAsync(DbConnection connection, string name, long now, IReadOnlyList<string> scopes, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Count == 0 || scopes.Any(s => !TokenScopes.All.Contains(s))) throw new UseCases.FieldProblemException(new("scope", string.Join(' ', scopes), $"give one or more of {string.Join(", ", TokenScopes.All)}"));
        ArgumentNullException.ThrowIfNull(connection);
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 100) throw new UseCases.FieldProblemException(new("name", name, "give the token a name of 1 to 100 characters (who or what uses it)"));
        if ((await ListAsync(connection, cancel).ConfigureAwait(false)).Any(t => t.Name == trimmed))
            throw new UseCases.FieldProblemException(new("name", trimmed, $"a token named '{trimmed}' exists; revoke it first or choose another name"));
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_tokens (name, token_hash, created_at, scopes) VALUES (@name, @hash, @now, @scopes)";
        Add(command, "@scopes", string.Join(' ', scopes));
        Add(command, "@name", trimmed);
        Add(command, "@hash", Hash(token));
        Add(command, "@now", now);
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return token;
    }

    /// <summary>The live token <paramref name="token"/> is, or null.</summary>
    public static async Task<ApiToken?> FindAsync(DbConnection connection, string token, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at, revoked_at, scopes FROM api_tokens WHERE token_hash = @hash AND revoked_at IS NULL";
        Add(command, "@hash", Hash(token));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    public static async Task<IReadOnlyList<ApiToken>> ListAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at, revoked_at, scopes FROM api_tokens ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var tokens = new List<ApiToken>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) tokens.Add(Read(reader));
        return tokens;
    }

    /// <summary>Revokes the live token named <paramref name="name"/>; false when there is none.</summary>
    public static async Task<bool> RevokeAsync(DbConnection connection, string name, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        // A revoked token's name is freed for a new one; its hash stays, so the old token never works again.
        command.CommandText = "UPDATE api_tokens SET revoked_at = @now, name = name || ' (revoked ' || CAST(@now AS TEXT) || ')' WHERE name = @name AND revoked_at IS NULL";
        Add(command, "@now", now);
        Add(command, "@name", name);
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) > 0;
    }

    /// <summary>The stored form of <paramref name="token"/>: lower-case hex SHA-256.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ApiToken Read(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
