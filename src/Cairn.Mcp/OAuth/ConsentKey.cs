using System.Text.Json.Nodes;
using Cairn.Core.Buckets;
using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// POST /oauth/consent/key: the consent page's sign-in. Checks the application key (behind the failed-sign-in
/// throttle) and answers what it may give: its capabilities, the read-only ones to preselect, and its buckets.
/// </summary>
public static class ConsentKey
{
    public static async Task HandleAsync(HttpContext http)
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
        var buckets = await http.RequestServices.GetRequiredService<BucketService>()
            .ListAsync(principal, principal.AccountId, null, null, null, filterToScope: true, http.RequestAborted);
        var key = principal.Key;
        await OAuthResults.JsonAsync(http, new JsonObject
        {
            ["keyName"] = key.KeyName,
            ["capabilities"] = OAuthResults.Array(key.Capabilities),
            ["readOnly"] = OAuthResults.Array(GrantNarrowing.ReadOnlyCapabilities.Where(principal.Has)),
            ["buckets"] = new JsonArray(buckets.Select(b => (JsonNode?)new JsonObject { ["bucketId"] = b.BucketId, ["bucketName"] = b.BucketName }).ToArray()),
            ["namePrefix"] = key.NamePrefix,
        });
    }
}
