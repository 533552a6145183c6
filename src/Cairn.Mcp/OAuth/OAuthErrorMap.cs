using Cairn.Core.OAuth;

namespace Cairn.Mcp.OAuth;

/// <summary>Core's reasons to RFC 6749 (§5.2, §4.1.2.1), RFC 7591 (§3.2.2) and RFC 8707 (§2) error codes, in one table.</summary>
public static class OAuthErrorMap
{
    public static (int Status, string Code) Map(OAuthError error) => error switch
    {
        OAuthError.InvalidRequest => (400, "invalid_request"),
        OAuthError.InvalidClient => (401, "invalid_client"),
        OAuthError.InvalidGrant => (400, "invalid_grant"),
        OAuthError.InvalidScope => (400, "invalid_scope"),
        OAuthError.InvalidTarget => (400, "invalid_target"),
        OAuthError.InvalidRedirectUri => (400, "invalid_redirect_uri"),
        OAuthError.InvalidClientMetadata => (400, "invalid_client_metadata"),
        OAuthError.UnsupportedGrantType => (400, "unsupported_grant_type"),
        OAuthError.UnsupportedResponseType => (400, "unsupported_response_type"),
        OAuthError.AccessDenied => (403, "access_denied"),
        // RFC 7591 has no code for a full registry; RFC 6749's temporarily_unavailable says "try later", with 429.
        OAuthError.TooManyClients => (429, "temporarily_unavailable"),
        _ => (400, "invalid_request"),
    };
}
