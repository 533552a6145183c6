namespace Cairn.Core.OAuth;

/// <summary>
/// An MCP client registered through dynamic client registration (RFC 7591): a public client (no secret; PKCE proves
/// possession instead) with the exact redirect URIs it may receive codes at.
/// </summary>
public sealed record OAuthClient
{
    public required string ClientId { get; init; }

    /// <summary>What the consent page shows ("Claude Desktop"); chosen by the client, so shown as its claim, never trusted.</summary>
    public required string ClientName { get; init; }

    public required IReadOnlyList<string> RedirectUris { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long CreatedAt { get; init; }
}
