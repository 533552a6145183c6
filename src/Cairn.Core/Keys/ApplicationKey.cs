namespace Cairn.Core.Keys;

/// <summary>
/// An application key. The secret is never stored: only <see cref="SecretHash"/>, a salted SHA-256,
/// is kept, and the secret itself is shown once when the key is created.
/// </summary>
public sealed record ApplicationKey
{
    public required string ApplicationKeyId { get; init; }

    public required string AccountId { get; init; }

    public required string KeyName { get; init; }

    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>Null: every bucket. Otherwise the buckets the key is restricted to (v4 allows several).</summary>
    public IReadOnlyList<string>? BucketIds { get; init; }

    /// <summary>Null: every name. Otherwise only names that start with it.</summary>
    public string? NamePrefix { get; init; }

    /// <summary>Milliseconds since the Unix epoch; null for keys that never expire.</summary>
    public long? ExpirationTimestamp { get; init; }

    /// <summary>Salt and hash as <c>base64(salt):base64(sha256(salt || secret))</c>.</summary>
    public required string SecretHash { get; init; }

    /// <summary>The account's master key: every capability, no restriction, never listed.</summary>
    public bool IsMaster { get; init; }

    public long CreatedAt { get; init; }
}
