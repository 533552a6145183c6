namespace Cairn.Core.OAuth;

/// <summary>
/// Which redirect URIs a client may register (OAuth 2.1 §2.3, RFC 8252 for native apps, MCP's "localhost or HTTPS"):
/// absolute, no fragment; https anywhere, http only to a loopback host, or a private-use scheme of a native app
/// (<c>cursor://…</c>, <c>vscode://…</c>). Never script-bearing schemes. Matching is exact, character for character.
/// </summary>
public static class RedirectUriRules
{
    private static readonly string[] Forbidden = ["javascript", "data", "file", "vbscript", "about", "blob"];

    public static bool IsAcceptable(string uri)
    {
        if (uri.Length is 0 or > 2000 || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }
        if (parsed.Scheme == Uri.UriSchemeHttps)
        {
            return parsed.Host.Length > 0;
        }
        if (parsed.Scheme == Uri.UriSchemeHttp)
        {
            return parsed.IsLoopback;
        }
        return !Forbidden.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Exact match against the registered URIs (RFC 9700 §4.1.3: no prefix or pattern matching).</summary>
    public static bool IsRegistered(OAuthClient client, string? uri) =>
        uri is not null && client.RedirectUris.Contains(uri, StringComparer.Ordinal);
}
