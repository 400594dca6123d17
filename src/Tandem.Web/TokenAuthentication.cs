using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Data.Store;

namespace Tandem.Web;

/// <summary>
/// Bearer-token sign-in for the API: <c>Authorization: Bearer tdm_...</c> is looked up by its hash;
/// a missing, unknown or revoked token gets 401 with a problem-details body.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TandemDatabase database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>The claim naming one of the token's scopes (<see cref="TokenScopes"/>).</summary>
    public const string ScopeClaim = "scope";

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        await using var connection = await database.OpenAsync(Context.RequestAborted).ConfigureAwait(false);
        var found = await TokenStore.FindAsync(connection, token, Context.RequestAborted).ConfigureAwait(false);
        if (found is null) return AuthenticateResult.Fail("the token is unknown or revoked");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, found.Name), new Claim("token_id", found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. found.Scopes.Select(scope => new Claim(ScopeClaim, scope))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc/>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed",
            $"This token's scopes do not include what {Request.Method} {Request.Path} needs (tandem token create --scope ingest,read,manage).").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign-in required",
            result.Failure is null
                ? "Send an API token: Authorization: Bearer <token> (create one with: tandem token create --name NAME)."
                : "The token is unknown or revoked.").ConfigureAwait(false);
    }
}
