using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

/// <summary>A user's e-mail address (migration 0012): given with <c>tandem user add --email</c>, changed with <c>tandem user email</c>, listed.</summary>
public class UserEmailCommandTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Email_IsKeptListedChangedAndRemoved_AndABadOneRefused(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var db = target.SqlitePath ?? target.ConnectionString;

        var added = (await CliRun.Of("user", "add", "dana", "--role", "marketing", "--email", "Dana@Example.com", "--database", db, "--format", "json")).Json();
        Assert.Equal("Dana@Example.com", added.GetProperty("email").GetString());
        var listed = Assert.Single((await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json().EnumerateArray());
        Assert.Equal("Dana@Example.com", listed.GetProperty("email").GetString());
        Assert.Contains("Dana@Example.com", (await CliRun.Of("user", "list", "--database", db)).Output, StringComparison.Ordinal);

        var changed = await CliRun.Of("user", "email", "DANA", "dana.lee@example.com", "--database", db);
        Assert.Equal((0, "dana's e-mail is now dana.lee@example.com\n"), (changed.ExitCode, changed.Output));
        Assert.Equal("dana.lee@example.com", Assert.Single((await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json().EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(0, (await CliRun.Of("user", "email", "dana", "--database", db)).ExitCode);
        Assert.False(Assert.Single((await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json().EnumerateArray()).TryGetProperty("email", out _));

        async Task<string> Refused(params string[] args)
        {
            var run = await CliRun.Of([.. args, "--database", db]);
            Assert.Equal(2, run.ExitCode);
            return Assert.Single(run.ErrorLines);
        }

        Assert.Equal("tandem: --email: 'not an address' is not an e-mail address (name@example.com)", await Refused("user", "add", "sam", "--role", "sales-manager", "--email", "not an address"));
        Assert.Equal("tandem: --email: 'Sam <sam@example.com>' is not an e-mail address (name@example.com)", await Refused("user", "add", "sam", "--role", "sales-manager", "--email", "Sam <sam@example.com>"));
        Assert.Equal("tandem: address: 'sam@' is not an e-mail address (name@example.com)", await Refused("user", "email", "dana", "sam@"));
        Assert.Equal("tandem: name: no user 'ghost' (tandem user list)", await Refused("user", "email", "ghost", "ghost@example.com"));
        Assert.Single((await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json().EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task AnAddressAnotherUserHas_InAnyCase_IsRefusedByAddAndEmail_AndTheStoreHoldsOneAccountPerAddress(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var db = target.SqlitePath ?? target.ConnectionString;
        async Task<string> Refused(params string[] args)
        {
            var run = await CliRun.Of([.. args, "--database", db]);
            Assert.Equal(2, run.ExitCode);
            return Assert.Single(run.ErrorLines);
        }
        Assert.Equal(0, (await CliRun.Of("user", "add", "dana", "--role", "marketing", "--email", "dana@example.com", "--database", db)).ExitCode);
        Assert.Equal(0, (await CliRun.Of("user", "add", "sam", "--role", "sales-manager", "--email", "sam@example.com", "--database", db)).ExitCode);

        Assert.Equal("tandem: --email: 'Dana@Example.com' is already the address of user dana", await Refused("user", "add", "dan", "--role", "viewer", "--email", "Dana@Example.com"));
        Assert.Equal("tandem: address: 'DANA@example.com' is already the address of user dana", await Refused("user", "email", "sam", "DANA@example.com"));
        // Her own address again, in another case, is hers to keep.
        Assert.Equal(0, (await CliRun.Of("user", "email", "dana", "Dana@Example.com", "--database", db)).ExitCode);
        var emails = (await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json().EnumerateArray()
            .Where(u => u.TryGetProperty("email", out _)).Select(u => (u.GetProperty("userName").GetString(), u.GetProperty("email").GetString())).ToList();
        Assert.Equal([("dana", "Dana@Example.com"), ("sam", "sam@example.com")], emails);

        // The database itself refuses a second account with the address (migration 0014), whoever writes it.
        await using var database = new TandemDatabase(target);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET email = 'DANA@EXAMPLE.COM' WHERE user_name = 'sam'";
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => command.ExecuteNonQueryAsync());
    }
}
