using System.Security.Claims;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Success,

    /// <summary>Unknown user or wrong password (the two are not told apart).</summary>
    Refused,

    /// <summary>Too many failures in a row: refused until the lock ends, whatever the password.</summary>
    Locked,
}

/// <summary>
/// Checks a user name and password. Five failures in a row lock the account for 15 minutes (on
/// every instance: the count is in the database); the sign-in page is also rate-limited per client
/// address (see <see cref="TandemWebApp"/>).
/// </summary>
public sealed class SignIns(TandemDatabase database, TandemServerSettings settings)
{
    /// <summary>Failures in a row that lock an account.</summary>
    public const int FailureLimit = 5;

    /// <summary>How long a lock lasts.</summary>
    public static readonly Duration LockFor = Duration.FromMinutes(15);

    /// <summary>The claim that carries the user's security stamp, checked against the database on every request.</summary>
    public const string StampClaim = "tandem:stamp";

    /// <summary>The claim that carries a sales rep's rep id.</summary>
    public const string RepClaim = "tandem:rep";

    /// <summary>Checks the credentials; on success also returns the principal to put in the cookie.</summary>
    public async Task<(SignInOutcome Outcome, ClaimsPrincipal? Principal)> CheckAsync(string userName, string password, CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        var user = await UserStore.FindAsync(connection, userName ?? "", cancel).ConfigureAwait(false);
        var now = settings.Clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        if (user is null || user.DisabledAt is not null)
        {
            // Same work as a real check, so timing does not tell which user names exist.
            Passwords.Verify(DecoyHash, password ?? "");
            return (SignInOutcome.Refused, null);
        }
        if (user.LockedUntil is { } until && until > now) return (SignInOutcome.Locked, null);
        if (!Passwords.Verify(user.PasswordHash, password ?? ""))
        {
            await UserStore.RecordFailureAsync(connection, user.Id, FailureLimit, now + (long)LockFor.TotalMilliseconds, cancel).ConfigureAwait(false);
            return (SignInOutcome.Refused, null);
        }
        await UserStore.RecordSuccessAsync(connection, user.Id, cancel).ConfigureAwait(false);
        return (SignInOutcome.Success, Principal(user));
    }

    /// <summary>The cookie's principal for <paramref name="user"/>.</summary>
    public static ClaimsPrincipal Principal(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(StampClaim, user.SecurityStamp),
        ];
        if (user.Rep is { } rep) claims.Add(new(RepClaim, rep));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static readonly string DecoyHash = Passwords.Hash(Passwords.Generate());
}
