namespace Cairn.Core.OAuth;

/// <summary>Why an OAuth request was refused, protocol-neutral; the endpoints map each to RFC 6749's error codes.</summary>
public enum OAuthError
{
    /// <summary>A parameter is missing, repeated or malformed (including PKCE other than S256).</summary>
    InvalidRequest,

    /// <summary>The client id is unknown.</summary>
    InvalidClient,

    /// <summary>A code or refresh token is unknown, expired, used before, or not the client's; or the PKCE verifier is wrong.</summary>
    InvalidGrant,

    /// <summary>The requested capabilities or scope are not the signing-in key's to give.</summary>
    InvalidScope,

    /// <summary>The resource indicator names another resource than Cairn's MCP endpoint.</summary>
    InvalidTarget,

    /// <summary>A redirect URI is not acceptable or not registered exactly.</summary>
    InvalidRedirectUri,

    /// <summary>Registration metadata is not acceptable.</summary>
    InvalidClientMetadata,

    UnsupportedGrantType,

    UnsupportedResponseType,

    /// <summary>The person denied the request.</summary>
    AccessDenied,

    /// <summary>The server holds as many client registrations as it allows (<see cref="OAuthOptions.MaxRegisteredClients"/>).</summary>
    TooManyClients,
}
