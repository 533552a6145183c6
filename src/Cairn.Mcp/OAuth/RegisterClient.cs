using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// Dynamic Client Registration (RFC 7591): an MCP client registers itself with its redirect URIs and gets a client id.
/// Cairn registers public clients only (<c>token_endpoint_auth_method</c> <c>none</c>): PKCE protects the code.
/// </summary>
public static class RegisterClient
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task HandleAsync(HttpContext http)
    {
        JsonObject? body;
        try
        {
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                throw new JsonException("body too large");
            }
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            await OAuthResults.ErrorAsync(http, 400, "invalid_client_metadata", "the body must be a JSON object of client metadata");
            return;
        }
        try
        {
            var grantTypes = Strings(body, "grant_types") ?? ["authorization_code", "refresh_token"];
            if (grantTypes.Any(g => g is not ("authorization_code" or "refresh_token")))
            {
                throw new OAuthException(OAuthError.InvalidClientMetadata, "grant_types may hold authorization_code and refresh_token only");
            }
            var responseTypes = Strings(body, "response_types") ?? ["code"];
            if (responseTypes.Any(r => r != "code"))
            {
                throw new OAuthException(OAuthError.InvalidClientMetadata, "response_types may hold code only");
            }
            // A client asking for a secret-based method still gets a public registration; RFC 7591 §3.2.1 lets the server
            // replace requested metadata, and the answer says which method applies.
            var client = await http.RequestServices.GetRequiredService<OAuthService>()
                .RegisterClientAsync(String(body, "client_name"), Strings(body, "redirect_uris"), http.RequestAborted);
            await OAuthResults.JsonAsync(http, new JsonObject
            {
                ["client_id"] = client.ClientId,
                ["client_id_issued_at"] = client.CreatedAt / 1000,
                ["client_name"] = client.ClientName,
                ["redirect_uris"] = OAuthResults.Array(client.RedirectUris),
                ["grant_types"] = OAuthResults.Array(grantTypes),
                ["response_types"] = OAuthResults.Array(["code"]),
                ["token_endpoint_auth_method"] = "none",
            }, StatusCodes.Status201Created);
        }
        catch (OAuthException e)
        {
            await OAuthResults.ErrorAsync(http, e);
        }
    }

    private static string? String(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string>? Strings(JsonObject body, string name)
    {
        if (body[name] is null)
        {
            return null;
        }
        if (body[name] is not JsonArray array || array.Any(v => v is not JsonValue value || !value.TryGetValue<string>(out _)))
        {
            throw new OAuthException(OAuthError.InvalidClientMetadata, $"{name} must be an array of strings");
        }
        return array.Select(v => v!.GetValue<string>()).ToList();
    }
}
