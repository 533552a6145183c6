using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// Token revocation (RFC 7009): an access or refresh token ends its whole grant. The answer is 200 whether or not the
/// token was known (§2.2), so it tells nothing about which tokens exist.
/// </summary>
public static class Revoke
{
    public static async Task HandleAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthResults.ErrorAsync(http, 400, "invalid_request", "send application/x-www-form-urlencoded");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            await http.RequestServices.GetRequiredService<OAuthService>()
                .RevokeAsync(Token.One(form, "token"), Token.One(form, "client_id"), http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.Headers.CacheControl = "no-store";
        }
        catch (OAuthException e)
        {
            await OAuthResults.ErrorAsync(http, e);
        }
    }
}
