using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Data.Accounts;
using Tandem.Data.Store;

namespace Tandem.Web.Accounts;

/// <summary>
/// Every request's cookie is checked against the user as stored: a disabled user, a changed
/// password or role (a new security stamp) ends the session at once, on every instance.
/// </summary>
public static class CookieValidation
{
    /// <summary>The cookie handler's OnValidatePrincipal.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Principal?.FindFirstValue(ClaimTypes.Name);
        var stamp = context.Principal?.FindFirstValue(SignIns.StampClaim);
        var database = context.HttpContext.RequestServices.GetRequiredService<TandemDatabase>();
        await using var connection = await database.OpenAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        var user = name is null ? null : await UserStore.FindAsync(connection, name, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}
