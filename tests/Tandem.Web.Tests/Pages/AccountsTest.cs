using System.Net;
using Tandem.Data.Accounts;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Accounts;

namespace Tandem.Web.Tests.Pages;

/// <summary>Sign-in, lockout, rate limit, anti-forgery, sessions across instances, disabled users and token scopes, on a real server.</summary>
public class AccountsTest
{
    [Fact]
    public async Task SignIn_RightPassword_OpensToday_AndSignOutEndsIt()
    {
        await using var server = await ApiServer.StartAsync();
        using var browser = await server.SignedInAsync(Roles.Viewer, userName: "Vera");
        using var today = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        Assert.Contains("<h1>Today</h1>", await today.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = ApiServer.Antiforgery(await today.Content.ReadAsStringAsync());
        using var signOut = await browser.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/signin", signOut.Headers.Location!.OriginalString);
        using var after = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne_UntilTheLockEnds()
    {
        await using var server = await ApiServer.StartAsync();
        using (await server.SignedInAsync(Roles.Marketing, userName: "mara")) { }
        using var browser = server.Browser();
        for (var i = 0; i < SignIns.FailureLimit; i++)
        {
            using var wrong = await ApiServer.SignInAsync(browser, "mara", "not the password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("user name or password is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var locked = await ApiServer.SignInAsync(browser, "mara", ApiServer.Password);
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The lock's end has come (moved into the past here): the right password works again.
        await server.Scalar("UPDATE users SET locked_until = 1 WHERE user_name = 'mara'");
        using var again = await ApiServer.SignInAsync(browser, "mara", ApiServer.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(0L, Convert.ToInt64(await server.Scalar("SELECT failed_sign_ins FROM users WHERE user_name = 'mara'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UnknownUser_GetsTheSameAnswerAsAWrongPassword()
    {
        await using var server = await ApiServer.StartAsync();
        using var browser = server.Browser();
        using var response = await ApiServer.SignInAsync(browser, "nobody", "whatever it is");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("user name or password is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInWithoutTheFormsAntiforgeryToken_IsRefused()
    {
        await using var server = await ApiServer.StartAsync();
        using (await server.SignedInAsync(Roles.Admin, userName: "ada")) { }
        using var response = await server.NoRedirects.PostAsync(new Uri("/signin", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "ada", ["password"] = ApiServer.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ManySignInAttemptsFromOneAddress_AreRateLimited()
    {
        await using var server = await ApiServer.StartAsync();
        using var browser = server.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await ApiServer.SignInAsync(browser, $"someone-{i}", "wrong password");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task ASignInHolds_OnAnotherInstanceOverTheSameDatabase()
    {
        await using var first = await ApiServer.StartAsync();
        using var browser = await first.SignedInAsync(Roles.SalesManager, userName: "sam");
        var second = TandemWebApp.Create(["--urls", "http://127.0.0.1:0"], new TandemServerSettings(first.Database.Target, NodaTime.DateTimeZone.Utc) { RunMonitor = false });
        await second.StartAsync();
        try
        {
            var address = second.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) as Microsoft.AspNetCore.Hosting.Server.IServer;
            var url = address!.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
            using var response = await browser.GetAsync(new Uri(new Uri(url), "/"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisablingAUserOrChangingTheirPassword_EndsTheirSessionAtOnce()
    {
        await using var server = await ApiServer.StartAsync();
        using var disabled = await server.SignedInAsync(Roles.Viewer, userName: "dora");
        using var changed = await server.SignedInAsync(Roles.Viewer, userName: "carl");
        await using (var connection = await server.Database.OpenAsync())
        {
            Assert.True(await UserStore.SetDisabledAsync(connection, "dora", 5));
            Assert.True(await UserStore.SetPasswordAsync(connection, "carl", Passwords.Hash("another long password")));
        }
        foreach (var browser in new[] { disabled, changed })
        {
            using var response = await browser.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        using var fresh = server.Browser();
        using var refused = await ApiServer.SignInAsync(fresh, "dora", ApiServer.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ATokenMayDoOnlyWhatItsScopesSay()
    {
        await using var server = await ApiServer.StartAsync();
        string ingestOnly;
        await using (var connection = await server.Database.OpenAsync())
            ingestOnly = await TokenStore.CreateAsync(connection, "ingest only", 1, [TokenScopes.Ingest]);
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ingestOnly);

        using var ingest = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), ApiServer.Json("""[{"id": "L1", "created_at": "2026-11-02T10:00:00Z"}]"""));
        using var read = await client.GetAsync(new Uri("/api/v1/leads/L1", UriKind.Relative));
        using var delete = await client.DeleteAsync(new Uri("/api/v1/leads/L1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("scopes", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(new Tandem.Data.UseCases.FieldProblem("scope", "everything", "'everything' is not a scope (ingest, read, manage)"),
            Assert.Throws<Tandem.Data.UseCases.FieldProblemException>(() => TokenScopes.Parse(["ingest", "everything"])).Problem);
    }

    [Theory]
    [InlineData("x", "2 to 64")]
    [InlineData("has space", "letters, digits")]
    public async Task AUserNameOfTheWrongForm_IsRefused_WithTheReason(string name, string reason)
    {
        await using var db = await TestDatabases.OpenAsync(DatabaseKind.Sqlite);
        await using var connection = await db.OpenAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => UserStore.AddAsync(connection, name, "", Roles.Viewer, null, "hash", 1));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        var role = await Assert.ThrowsAsync<ArgumentException>(() => UserStore.AddAsync(connection, "okname", "", "boss", null, "hash", 1));
        Assert.Contains("--role: 'boss' is not a role", role.Message, StringComparison.Ordinal);
        var rep = await Assert.ThrowsAsync<ArgumentException>(() => UserStore.AddAsync(connection, "okname", "", Roles.SalesRep, null, "hash", 1));
        Assert.Contains("--rep", rep.Message, StringComparison.Ordinal);
    }
}
