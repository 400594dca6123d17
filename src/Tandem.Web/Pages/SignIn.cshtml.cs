using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tandem.Web.Accounts;

namespace Tandem.Web.Pages;

/// <summary>The sign-in page: the only page open without signing in. Anti-forgery checked on POST; failures lock the account (see <see cref="SignIns"/>).</summary>
public sealed class SignInModel(SignIns signIns) : PageModel
{
    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The user name typed, kept after a failure.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed (never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Why the last attempt failed, or null.</summary>
    public string? Message { get; private set; }

    /// <summary>Checks the credentials and sets the sign-in cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var (outcome, principal) = await signIns.CheckAsync(UserName ?? "", Password ?? "", cancel).ConfigureAwait(false);
        switch (outcome)
        {
            case SignInOutcome.Success:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal!).ConfigureAwait(false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.Locked:
                Message = $"Too many failed sign-ins: this account is locked for {SignIns.LockFor.TotalMinutes:0} minutes. An admin can reset the password (tandem user password).";
                Response.StatusCode = StatusCodes.Status423Locked;
                return Page();
            default:
                Message = "The user name or password is not right.";
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();
        }
    }
}
