using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Accounts;

/// <summary>The demo server's admin: created on first run, with a fresh password on every start (printed, never stored in clear).</summary>
public static class DemoAccount
{
    /// <summary>The demo admin's user name.</summary>
    public const string UserName = "demo-admin";

    /// <summary>Creates the demo admin or gives it a new password; returns the password.</summary>
    public static async Task<string> EnsureAsync(TandemDatabase database, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var password = Passwords.Generate();
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        if (!await UserStore.SetPasswordAsync(connection, UserName, Passwords.Hash(password), cancel).ConfigureAwait(false))
            await UserStore.AddAsync(connection, UserName, "Demo admin", Roles.Admin, null, Passwords.Hash(password), now, cancel).ConfigureAwait(false);
        return password;
    }
}
