using System.Text.Json.Nodes;
using Cairn.Core.Keys;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The two discovery documents an MCP client reads after the MCP endpoint's 401: Protected Resource Metadata
/// (RFC 9728) names Cairn as the authorization server of <c>/mcp</c>; Authorization Server Metadata (RFC 8414) lists
/// the endpoints and what they support.
/// </summary>
public static class Metadata
{
    public static Task ProtectedResourceAsync(HttpContext http) => OAuthResults.JsonAsync(http, new JsonObject
    {
        ["resource"] = OAuthUrls.Resource(http),
        ["authorization_servers"] = OAuthResults.Array([OAuthUrls.Issuer(http)]),
        ["scopes_supported"] = OAuthResults.Array(Capabilities.All),
        ["bearer_methods_supported"] = OAuthResults.Array(["header"]),
        ["resource_name"] = "Cairn object storage (MCP)",
        ["resource_documentation"] = OAuthUrls.Issuer(http) + "/llms.txt",
    });

    public static Task AuthorizationServerAsync(HttpContext http)
    {
        var issuer = OAuthUrls.Issuer(http);
        return OAuthResults.JsonAsync(http, new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + OAuthUrls.AuthorizePath,
            ["token_endpoint"] = issuer + OAuthUrls.TokenPath,
            ["registration_endpoint"] = issuer + OAuthUrls.RegisterPath,
            ["revocation_endpoint"] = issuer + OAuthUrls.RevokePath,
            ["scopes_supported"] = OAuthResults.Array(Capabilities.All),
            ["response_types_supported"] = OAuthResults.Array(["code"]),
            ["response_modes_supported"] = OAuthResults.Array(["query"]),
            ["grant_types_supported"] = OAuthResults.Array(["authorization_code", "refresh_token"]),
            ["token_endpoint_auth_methods_supported"] = OAuthResults.Array(["none"]),
            ["revocation_endpoint_auth_methods_supported"] = OAuthResults.Array(["none"]),
            ["code_challenge_methods_supported"] = OAuthResults.Array(["S256"]),
            ["service_documentation"] = issuer + "/llms.txt",
        });
    }
}
