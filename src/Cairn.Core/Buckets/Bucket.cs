namespace Cairn.Core.Buckets;

/// <summary>A bucket and every setting B2 returns for it (b2-api/buckets.md).</summary>
public sealed record Bucket
{
    public required string AccountId { get; init; }

    /// <summary>24 lower-case hex characters.</summary>
    public required string BucketId { get; init; }

    /// <summary>As created (case preserved); uniqueness is case-insensitive and server-wide.</summary>
    public required string BucketName { get; init; }

    /// <summary><c>allPublic</c> or <c>allPrivate</c> (see <see cref="BucketTypes"/>).</summary>
    public required string BucketType { get; init; }

    public IReadOnlyDictionary<string, string> BucketInfo { get; init; } = new Dictionary<string, string>();

    /// <summary>The bucket's CORS rules as a JSON array, stored verbatim after validation.</summary>
    public string CorsRulesJson { get; init; } = "[]";

    public IReadOnlyList<LifecycleRule> LifecycleRules { get; init; } = [];

    /// <summary>Starts at 1 and grows by one on every successful update.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>The default encryption mode for new files: null (none) or <c>SSE-B2</c>.</summary>
    public string? DefaultServerSideEncryption { get; init; }

    public bool FileLockEnabled { get; init; }

    /// <summary>Retention applied to new files of a lock-enabled bucket when they do not ask for their own; null for none.</summary>
    public DefaultRetention? DefaultRetention { get; init; }

    /// <summary>The replication configuration as sent (JSON object), stored and returned; not executed. Null when unset.</summary>
    public string? ReplicationConfigurationJson { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long CreatedAt { get; init; }
}
