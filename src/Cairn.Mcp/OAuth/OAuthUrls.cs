using Microsoft.Extensions.Options;

namespace Cairn.Mcp.OAuth;

/// <summary>
/// The addresses of agent sign-in: the issuer (Cairn's base URL), the protected resource (the MCP endpoint) and the
/// metadata documents that point from one to the other.
/// </summary>
public static class OAuthUrls
{
    /// <summary>The one protected resource: the MCP endpoint's path.</summary>
    public const string ResourcePath = McpEndpoints.Path;

    public const string ProtectedResourceMetadataPath = "/.well-known/oauth-protected-resource";
    public const string AuthorizationServerMetadataPath = "/.well-known/oauth-authorization-server";
    public const string RegisterPath = "/oauth/register";
    public const string AuthorizePath = "/oauth/authorize";
    public const string TokenPath = "/oauth/token";
    public const string RevokePath = "/oauth/revoke";
    public const string ConsentKeyPath = "/oauth/consent/key";
    public const string GrantsPath = "/oauth/grants";

    /// <summary>Cairn's base URL as clients reach it: configured (<c>Cairn:PublicUrl</c>), or this request's origin.</summary>
    public static string Issuer(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IOptions<McpSiteOptions>>().Value.PublicUrl;
        return string.IsNullOrEmpty(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host.Value}"
            : configured.TrimEnd('/');
    }

    /// <summary>The resource URI (RFC 8707) tokens are bound to: the MCP endpoint's full URL.</summary>
    public static string Resource(HttpContext http) => Issuer(http) + ResourcePath;

    /// <summary>What the 401 of the MCP endpoint names in <c>WWW-Authenticate: Bearer resource_metadata=…</c>.</summary>
    public static string ResourceMetadata(HttpContext http) => Issuer(http) + ProtectedResourceMetadataPath;
}
