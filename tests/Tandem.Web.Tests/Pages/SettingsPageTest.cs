using System.Net;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;

namespace Tandem.Web.Tests.Pages;

internal static class LocationText
{
    /// <summary>A redirect's target as a path and query, whether the server wrote it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

/// <summary>The Settings page: notification channels, failed deliveries retried, users; admins only.</summary>
public class SettingsPageTest
{
    private static async Task<(string Html, HttpResponseMessage Response)> PostAsync(HttpClient browser, string handler, params (string, string)[] fields)
    {
        var page = await browser.GetStringAsync(new Uri("/settings", UriKind.Relative));
        var response = await browser.PostAsync(new Uri($"/settings?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(page))]));
        response = await ApiServer.FollowAsync(browser, response);
        return (await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Channels_AreCheckedAsOnTheCommandLine_AndFailedDeliveriesRetried()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin, userName: "ada");

        var (bad, _) = await PostAsync(admin, "Channel", ("name", "ops"), ("kind", "webhook"), ("target", "ftp://example.test/x"), ("on", "breached"), ("commitments", "speed"));
        Assert.Contains("Channel not added: target: &#x27;ftp://example.test/x&#x27; is not an http or https URL.", bad, StringComparison.Ordinal);
        var (noState, _) = await PostAsync(admin, "Channel", ("name", "ops"), ("kind", "slack"), ("target", "https://hooks.example.test/x"), ("commitments", "speed"));
        Assert.Contains("Channel not added: states:", noState, StringComparison.Ordinal);
        var (added, _) = await PostAsync(admin, "Channel", ("name", "ops"), ("kind", "email"), ("target", "lead@example.test, boss@example.test"), ("on", "breached"), ("commitments", "speed"), ("commitments", "depth"));
        Assert.Contains("Channel &#x27;ops&#x27; added: it takes breached events of depth and speed clocks.", added, StringComparison.Ordinal);
        Assert.Equal("breached", await server.Scalar("SELECT states FROM notification_channels WHERE name = 'ops'"));
        var (twice, _) = await PostAsync(admin, "Channel", ("name", "ops"), ("kind", "email"), ("target", "x@example.test"), ("on", "breached"), ("commitments", "speed"));
        Assert.Contains("one named &#x27;ops&#x27; exists", twice, StringComparison.Ordinal);

        await server.Scalar("INSERT INTO notifications (event_id, channel, kind, target, subject, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at) " +
            "VALUES (1, 'ops', 'email', 'lead@example.test', 'Breached: L-7 speed', '{}', 'k-1', 'failed', 10, 0, 'connection refused', 0)");
        var listed = await admin.GetStringAsync(new Uri("/settings", UriKind.Relative));
        Assert.Contains("<th scope=\"row\">Breached: L-7 speed</th>", listed, StringComparison.Ordinal);
        Assert.Contains("connection refused", listed, StringComparison.Ordinal);
        var id = Regex.Match(listed, "name=\"id\" value=\"(\\d+)\"").Groups[1].Value;
        var (retried, _) = await PostAsync(admin, "Retry", ("id", id));
        Assert.Contains($"Delivery {id} queued again", retried, StringComparison.Ordinal);
        Assert.Equal("pending 0", $"{await server.Scalar("SELECT status FROM notifications")} {await server.Scalar("SELECT attempts FROM notifications")}");

        await server.Scalar("UPDATE notifications SET status = 'sent'");
        var (sent, _) = await PostAsync(admin, "Retry", ("id", id));
        Assert.Contains($"Delivery {id} is not waiting to be retried", sent, StringComparison.Ordinal);
        var (unknown, _) = await PostAsync(admin, "Retry", ("id", "999999"));
        Assert.Contains("Delivery 999999 is not waiting to be retried (sent, or not there).", unknown, StringComparison.Ordinal);
        var (kind, _) = await PostAsync(admin, "Channel", ("name", "pager"), ("kind", "pager"), ("target", "x"), ("on", "breached"), ("commitments", "speed"));
        Assert.Contains("Channel not added: kind &#x27;pager&#x27; is not webhook, slack or email.", kind, StringComparison.Ordinal);

        var (removed, _) = await PostAsync(admin, "RemoveChannel", ("name", "ops"));
        Assert.Contains("Channel &#x27;ops&#x27; removed.", removed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_AreAddedWithAPasswordShownOnce_DisabledAndReset()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin, userName: "ada");

        var (noRep, _) = await PostAsync(admin, "User", ("userName", "rita"), ("role", "sales-rep"));
        Assert.Contains("User not added: rep: a sales rep needs the rep id their leads carry in the data (e.g. rep-03).", noRep, StringComparison.Ordinal);
        var (badName, _) = await PostAsync(admin, "User", ("userName", "r i"), ("role", "viewer"));
        Assert.Contains("may hold only letters, digits", badName, StringComparison.Ordinal);

        var (added, _) = await PostAsync(admin, "User", ("userName", "Rita"), ("displayName", "Rita Rep"), ("role", "sales-rep"), ("rep", "rep-03"));
        var password = Regex.Match(added, "<p class=\"secret\" id=\"new-password\" data-password>([^<]+)</p>").Groups[1].Value;
        Assert.Equal(20, password.Length);
        // Issue 22: a copy button beside the one-time password, and the way to change it is the Account page, not the command line.
        Assert.Contains("<button type=\"button\" class=\"secondary\" data-copy=\"#new-password\">Copy the password</button>", added, StringComparison.Ordinal);
        Assert.Contains("they change it on their <a href=\"/account\">Account</a> page", added, StringComparison.Ordinal);
        Assert.DoesNotContain("tandem user password", added, StringComparison.Ordinal);
        using var rita = server.Browser();
        using var signedIn = await ApiServer.SignInAsync(rita, "rita", password);
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.StartsWith("/denied", (await rita.GetAsync(new Uri("/settings", UriKind.Relative))).Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/settings\"", await rita.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);

        var (disabled, _) = await PostAsync(admin, "Account", ("userName", "rita"), ("action", "disable"));
        Assert.Contains("User &#x27;rita&#x27; disabled: signed out everywhere.", disabled, StringComparison.Ordinal);
        Assert.StartsWith("/signin", (await rita.GetAsync(new Uri("/", UriKind.Relative))).Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        await PostAsync(admin, "Account", ("userName", "rita"), ("action", "enable"));
        var (reset, _) = await PostAsync(admin, "Account", ("userName", "rita"), ("action", "password"));
        var fresh = Regex.Match(reset, "<p class=\"secret\" id=\"new-password\" data-password>([^<]+)</p>").Groups[1].Value;
        Assert.NotEqual(password, fresh);
        using var again = server.Browser();
        await ApiServer.SignInAsync(again, "rita", fresh);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        var (nobody, _) = await PostAsync(admin, "Account", ("userName", "nobody"), ("action", "disable"));
        Assert.Contains("No user &#x27;nobody&#x27;.", nobody, StringComparison.Ordinal);
        var (odd, _) = await PostAsync(admin, "Account", ("userName", "rita"), ("action", "delete"));
        Assert.Contains("Action &#x27;delete&#x27; is not disable, enable or password.", odd, StringComparison.Ordinal);

        var (self, _) = await PostAsync(admin, "Account", ("userName", "ada"), ("action", "disable"));
        Assert.Contains("You cannot disable yourself", self, StringComparison.Ordinal);
        Assert.Equal(DBNull.Value, await server.Scalar("SELECT disabled_at FROM users WHERE user_name = 'ada'"));
    }
}

/// <summary>The account page: a user changes their own password.</summary>
public class AccountPageTest
{
    [Fact]
    public async Task AUser_ChangesTheirPassword_WithTheCurrentOne_AndOtherSessionsEnd()
    {
        await using var server = await ApiServer.StartAsync();
        using var mine = await server.SignedInAsync(Roles.Viewer, userName: "vic");
        using var other = server.Browser();
        await ApiServer.SignInAsync(other, "vic", ApiServer.Password);

        async Task<string> ChangeAsync(string current, string password, string confirm)
        {
            var page = await mine.GetStringAsync(new Uri("/account", UriKind.Relative));
            using var posted = await mine.PostAsync(new Uri("/account", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["current"] = current, ["password"] = password, ["confirm"] = confirm, ["__RequestVerificationToken"] = ApiServer.Antiforgery(page),
            }));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            return await mine.GetStringAsync(new Uri("/account", UriKind.Relative));
        }

        Assert.Contains("New password: must be at least 10 characters.", await ChangeAsync(ApiServer.Password, "short", "short"), StringComparison.Ordinal);
        Assert.Contains("Confirm: the two new passwords differ.", await ChangeAsync(ApiServer.Password, "a new passphrase", "a new passphrasf"), StringComparison.Ordinal);
        Assert.Contains("Current password: it is not right", await ChangeAsync("wrong wrong wrong", "a new passphrase", "a new passphrase"), StringComparison.Ordinal);
        Assert.Contains("Password changed. Your other sessions have ended.", await ChangeAsync(ApiServer.Password, "a new passphrase", "a new passphrase"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        using var fresh = server.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await ApiServer.SignInAsync(fresh, "vic", "a new passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }
}
