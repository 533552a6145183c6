namespace Cairn.Core.OAuth;

/// <summary>
/// A one-time credential of a grant: an authorization code or a refresh token. Only its SHA-256 is stored; the value
/// is handed to the client once. Using it marks it used, so a second use is detected (and ends the grant).
/// </summary>
public sealed record GrantCredential
{
    /// <summary>Lowercase hex SHA-256 of the credential's value.</summary>
    public required string Hash { get; init; }

    public required GrantCredentialKind Kind { get; init; }

    public required string GrantId { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public required long ExpiresAt { get; init; }

    /// <summary>Null until first used; milliseconds since the Unix epoch.</summary>
    public long? UsedAt { get; init; }
}
