namespace Cairn.Core.OAuth;

/// <summary>
/// What a person approved on the consent page: one client may act for one application key, narrowed to these
/// capabilities and this scope, until <see cref="ExpiresAt"/>. Every code, refresh token and access token issued for
/// the approval belongs to the grant (one token family): deleting the grant ends them all at once.
/// </summary>
public sealed record AgentGrant
{
    public required string GrantId { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The key the person signed in with; the grant never exceeds it and dies with it.</summary>
    public required string ApplicationKeyId { get; init; }

    public required string ClientId { get; init; }

    public required string ClientName { get; init; }

    /// <summary>A subset of the key's capabilities.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>Null: the key's buckets (every bucket for an unrestricted key). Otherwise inside the key's buckets.</summary>
    public IReadOnlyList<string>? BucketIds { get; init; }

    /// <summary>Null: the key's prefix. Otherwise starts with the key's prefix.</summary>
    public string? NamePrefix { get; init; }

    /// <summary>The protected resource (RFC 8707) every token of the grant is bound to: Cairn's MCP endpoint URL.</summary>
    public required string Resource { get; init; }

    /// <summary>The redirect URI of the authorization request; the token request must repeat it exactly.</summary>
    public required string RedirectUri { get; init; }

    /// <summary>The PKCE S256 code challenge of the authorization request.</summary>
    public required string CodeChallenge { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long CreatedAt { get; init; }

    /// <summary>Milliseconds since the Unix epoch: no token of the grant works after it.</summary>
    public required long ExpiresAt { get; init; }
}
