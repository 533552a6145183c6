using System.Text.Json.Nodes;
using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The token endpoint (RFC 6749 §3.2): the authorization code grant with its PKCE verifier, and the refresh token grant
/// with rotation. Form-encoded in, JSON out, never cached.
/// </summary>
public static class Token
{
    public static async Task HandleAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthResults.ErrorAsync(http, 400, "invalid_request", "send application/x-www-form-urlencoded");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var oauth = http.RequestServices.GetRequiredService<OAuthService>();
        try
        {
            if (form.Keys.Any(k => form[k].Count > 1))
            {
                throw new OAuthException(OAuthError.InvalidRequest, "a parameter was sent twice");
            }
            var resource = One(form, "resource");
            var tokens = One(form, "grant_type") switch
            {
                "authorization_code" => await oauth.ExchangeCodeAsync(One(form, "client_id"), One(form, "code"), One(form, "redirect_uri"),
                    One(form, "code_verifier"), resource, http.RequestAborted),
                "refresh_token" => await oauth.RefreshAsync(One(form, "client_id"), One(form, "refresh_token"), resource, http.RequestAborted),
                null => throw new OAuthException(OAuthError.InvalidRequest, "grant_type is required"),
                _ => throw new OAuthException(OAuthError.UnsupportedGrantType, "grant_type must be authorization_code or refresh_token"),
            };
            await OAuthResults.JsonAsync(http, new JsonObject
            {
                ["access_token"] = tokens.AccessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = tokens.ExpiresInSeconds,
                ["refresh_token"] = tokens.RefreshToken,
                ["scope"] = string.Join(' ', tokens.Scope),
            });
        }
        catch (OAuthException e)
        {
            await OAuthResults.ErrorAsync(http, e);
        }
    }

    internal static string? One(IFormCollection form, string name) => form.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } v ? v : null;
}
