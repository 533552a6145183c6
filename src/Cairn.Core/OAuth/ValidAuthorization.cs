namespace Cairn.Core.OAuth;

/// <summary>An authorization request whose client, redirect URI, PKCE challenge and resource all checked out.</summary>
public sealed record ValidAuthorization(OAuthClient Client, string RedirectUri, string CodeChallenge, string Resource, IReadOnlyList<string> RequestedScope);
