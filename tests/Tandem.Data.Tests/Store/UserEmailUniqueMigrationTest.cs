using Tandem.Data.Store;

namespace Tandem.Data.Tests.Store;

/// <summary>Migration 0014 over a database that already holds an address twice: the oldest account keeps it, the later ones lose it, and the index then holds.</summary>
public class UserEmailUniqueMigrationTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task DuplicateAddresses_TheOldestAccountKeepsIt_TheOthersLoseIt(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        async Task<object?> Run(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        // As a database was before 0014: no index, the same address on three accounts in different cases.
        await Run("DROP INDEX users_email_unique");
        await Run("DELETE FROM schema_migrations WHERE version = 14");
        await Run("DELETE FROM users");
        foreach (var (name, email) in new[] { ("ann", "Pat@Example.com"), ("bob", "pat@example.com"), ("cy", "PAT@EXAMPLE.COM"), ("dee", "dee@example.com"), ("eve", null) })
            await Run($"INSERT INTO users (user_name, display_name, role, password_hash, security_stamp, created_at, email) VALUES ('{name}', '{name}', 'viewer', 'h', 's', 0, {(email is null ? "NULL" : $"'{email}'")})");

        Assert.Equal(["0014_user_email_unique"], await Migrator.ApplyAsync(connection, kind));

        var emails = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT user_name, email FROM users ORDER BY user_name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) emails.Add($"{reader.GetString(0)} {(reader.IsDBNull(1) ? "-" : reader.GetString(1))}");
        }
        Assert.Equal(["ann Pat@Example.com", "bob -", "cy -", "dee dee@example.com", "eve -"], emails);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Run("UPDATE users SET email = 'pat@EXAMPLE.com' WHERE user_name = 'bob'"));
    }
}
