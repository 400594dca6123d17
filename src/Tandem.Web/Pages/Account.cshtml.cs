using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tandem.Web.Accounts;

namespace Tandem.Web.Pages;

/// <summary>
/// The signed-in user's own account: change the password (the current one first, so a session left
/// open cannot be taken over). Other sessions end; this one is signed in again with the new stamp.
/// </summary>
public sealed class AccountModel(SignIns signIns, Tandem.Data.Store.TandemDatabase database) : PageModel
{
    /// <summary>What the last change did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether <see cref="Message"/> reports a refusal.</summary>
    [TempData]
    public bool Refused { get; set; }

    /// <summary>Changes the password.</summary>
    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm, CancellationToken cancel)
    {
        var name = User.Identity!.Name!;
        Refused = true;
        if (Passwords.Problem(password) is { } problem) Message = $"New password: {problem}.";
        else if (password != confirm) Message = "Confirm: the two new passwords differ.";
        else
        {
            var (outcome, _) = await signIns.CheckAsync(name, current ?? "", cancel).ConfigureAwait(false);
            if (outcome != SignInOutcome.Success) Message = "Current password: it is not right (too many tries lock the account).";
            else
            {
                await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
                await Tandem.Data.Accounts.UserStore.SetPasswordAsync(connection, name, Passwords.Hash(password!), cancel).ConfigureAwait(false);
                var user = await Tandem.Data.Accounts.UserStore.FindAsync(connection, name, cancel).ConfigureAwait(false);
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignIns.Principal(user!)).ConfigureAwait(false);
                (Message, Refused) = ("Password changed. Your other sessions have ended.", false);
            }
        }
        return Redirect("/account");
    }
}
