namespace Cairn.Core.OAuth;

/// <summary>What a <see cref="GrantCredential"/> is for.</summary>
public enum GrantCredentialKind
{
    /// <summary>An authorization code: traded once, within a minute, for the first tokens.</summary>
    AuthorizationCode = 1,

    /// <summary>A refresh token: traded once for new tokens and a new refresh token (rotation).</summary>
    RefreshToken = 2,
}
