namespace Cairn.Core.OAuth;

/// <summary>The answer to a token request: an access token for the MCP endpoint and the refresh token that replaces it.</summary>
public sealed record IssuedTokens(string AccessToken, long ExpiresInSeconds, string RefreshToken, IReadOnlyList<string> Scope);
