namespace Tandem.Cli.Tests;

/// <summary><c>tandem user</c>, token scopes and <c>serve --demo</c>'s usage errors.</summary>
public class UserCommandTest
{
    private static string Db() => Path.Combine(Path.GetTempPath(), "tandem-user-test", Guid.NewGuid().ToString("N"), "t.db");

    [Fact]
    public async Task UserAdd_PrintsAGeneratedPasswordOnce_AndListShowsTheUserWithoutIt()
    {
        var db = Db();
        var add = await CliRun.Of("user", "add", "Mara", "--role", "marketing", "--display-name", "Mara Lopez", "--database", db);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("added mara (marketing)", add.Output, StringComparison.Ordinal);
        var password = System.Text.RegularExpressions.Regex.Match(add.Output, "password: (\\S+)").Groups[1].Value;
        Assert.Equal(20, password.Length);

        var list = (await CliRun.Of("user", "list", "--database", db, "--format", "json")).Json();
        var user = Assert.Single(list.EnumerateArray());
        Assert.Equal("mara", user.GetProperty("userName").GetString());
        Assert.Equal("Mara Lopez", user.GetProperty("displayName").GetString());
        Assert.DoesNotContain(password, list.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UserAdd_TakesThePasswordFromStandardInput()
    {
        var db = Db();
        var add = await CliRun.WithInput("a long enough secret\n", "user", "add", "rex", "--role", "sales-rep", "--rep", "rep-03", "--password-stdin", "--database", db, "--format", "json");
        var json = add.Json();
        Assert.Equal("rep-03", json.GetProperty("rep").GetString());
        Assert.False(json.TryGetProperty("password", out var shown) && shown.ValueKind != System.Text.Json.JsonValueKind.Null, "a password given on stdin is not printed");
    }

    [Theory]
    [InlineData("--role: 'boss' is not a role", "user", "add", "bob", "--role", "boss")]
    [InlineData("--rep: a sales rep needs the rep id", "user", "add", "bob", "--role", "sales-rep")]
    [InlineData("user name 'b': must be 2 to 64 characters", "user", "add", "b", "--role", "viewer")]
    [InlineData("name: no user 'ghost'", "user", "password", "ghost")]
    [InlineData("name: no user 'ghost'", "user", "disable", "ghost")]
    [InlineData("--scope: 'everything' is not a scope (ingest, read, manage)", "token", "create", "--name", "t", "--scope", "ingest,everything")]
    [InlineData("--name: give the token a name of 1 to 100 characters (who or what uses it)", "token", "create", "--name", " ")]
    public async Task BadInput_IsAUsageError_NamingTheFlag(string message, params string[] args)
    {
        var run = await CliRun.Of([.. args, "--database", Db()]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenUserName_AndAShortStdinPassword_AreRefused()
    {
        var db = Db();
        Assert.Equal(0, (await CliRun.Of("user", "add", "ann", "--role", "viewer", "--database", db)).ExitCode);
        var again = await CliRun.Of("user", "add", "ANN", "--role", "admin", "--database", db);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("user name 'ann' is taken", again.Error, StringComparison.Ordinal);
        var shortPassword = await CliRun.WithInput("short\n", "user", "add", "bea", "--role", "viewer", "--password-stdin", "--database", db);
        Assert.Equal(2, shortPassword.ExitCode);
        Assert.Contains("--password-stdin: the password must be at least 10 characters", shortPassword.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_WithScopes_ListsThem()
    {
        var db = Db();
        var created = (await CliRun.Of("token", "create", "--name", "crm", "--scope", "ingest", "--database", db, "--format", "json")).Json();
        Assert.Equal(["ingest"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var list = await CliRun.Of("token", "list", "--database", db);
        Assert.Contains("ingest", list.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--database: --demo serves its own demo database", "serve", "--demo", "--database", "x.db")]
    [InlineData("--as-of: only with --demo", "serve", "--as-of", "2026-11-01")]
    public async Task ServeDemo_MisusedFlags_AreUsageErrors(string message, params string[] args)
    {
        var run = await CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
