namespace Cairn.Core.Buckets;

/// <summary>What b2_create_bucket asks for.</summary>
public sealed record NewBucket
{
    public required string BucketName { get; init; }

    public required string BucketType { get; init; }

    public IReadOnlyDictionary<string, string>? BucketInfo { get; init; }

    public string? CorsRulesJson { get; init; }

    public IReadOnlyList<LifecycleRule>? LifecycleRules { get; init; }

    public bool FileLockEnabled { get; init; }

    /// <summary>Default retention for new files; needs <see cref="FileLockEnabled"/>.</summary>
    public DefaultRetention? DefaultRetention { get; init; }

    /// <summary>The replication configuration (a JSON object), stored and returned.</summary>
    public string? ReplicationConfigurationJson { get; init; }

    /// <summary><c>defaultServerSideEncryption</c> mode: <c>none</c>, <c>SSE-B2</c>, or null when not given.</summary>
    public string? DefaultServerSideEncryption { get; init; }
}
