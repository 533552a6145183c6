using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The grants page (GET /oauth/grants) and its two calls: list the grants the signed-in key may see, and revoke one.
/// Each call carries the application key; nothing is kept between calls.
/// </summary>
public static class GrantPages
{
    public static Task PageAsync(HttpContext http) => Pages.HtmlAsync(http, "grants.html", new Dictionary<string, string>());

    public static Task ListAsync(HttpContext http) => WithKeyAsync(http, async (oauth, principal, _) =>
    {
        var grants = await oauth.ListGrantsAsync(principal, http.RequestAborted);
        return new JsonObject { ["grants"] = new JsonArray(grants.Select(g => (JsonNode?)ToJson(g)).ToArray()) };
    });

    public static Task RevokeAsync(HttpContext http) => WithKeyAsync(http, async (oauth, principal, form) =>
    {
        var grant = await oauth.RevokeGrantAsync(principal, form["grant_id"].ToString(), http.RequestAborted);
        return new JsonObject { ["revoked"] = ToJson(grant) };
    });

    /// <summary>A grant as the page and B2-style calls show it: what it allows, never a credential.</summary>
    public static JsonObject ToJson(AgentGrant grant) => new()
    {
        ["grantId"] = grant.GrantId,
        ["clientId"] = grant.ClientId,
        ["clientName"] = grant.ClientName,
        ["applicationKeyId"] = grant.ApplicationKeyId,
        ["capabilities"] = OAuthResults.Array(grant.Capabilities),
        ["bucketIds"] = grant.BucketIds is null ? null : OAuthResults.Array(grant.BucketIds),
        ["namePrefix"] = grant.NamePrefix,
        ["createdAt"] = grant.CreatedAt,
        ["expiresAt"] = grant.ExpiresAt,
    };

    private static async Task WithKeyAsync(HttpContext http, Func<OAuthService, Core.Auth.Principal, IFormCollection, Task<JsonObject>> action)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthResults.ErrorAsync(http, 400, "invalid_request", "send application/x-www-form-urlencoded");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var principal = await Authorize.SignInAsync(http, form["key_id"], form["application_key"]);
        if (principal is null)
        {
            await OAuthResults.ErrorAsync(http, 401, "access_denied", "The application key id or key is not valid");
            return;
        }
        try
        {
            await OAuthResults.JsonAsync(http, await action(http.RequestServices.GetRequiredService<OAuthService>(), principal, form));
        }
        catch (CairnException e) when (e.Error is CairnError.Unauthorized or CairnError.BadRequest)
        {
            await OAuthResults.ErrorAsync(http, e.Error == CairnError.Unauthorized ? 403 : 400,
                e.Error == CairnError.Unauthorized ? "access_denied" : "invalid_request", e.Message);
        }
    }
}
