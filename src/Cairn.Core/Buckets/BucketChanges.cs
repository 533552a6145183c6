namespace Cairn.Core.Buckets;

/// <summary>The settings b2_update_bucket may change; null leaves a setting as it is.</summary>
public sealed record BucketChanges
{
    public string? BucketType { get; init; }

    public IReadOnlyDictionary<string, string>? BucketInfo { get; init; }

    public string? CorsRulesJson { get; init; }

    public IReadOnlyList<LifecycleRule>? LifecycleRules { get; init; }

    /// <summary>Only <c>true</c> is accepted on an existing bucket; turning lock off is refused.</summary>
    public bool? FileLockEnabled { get; init; }

    /// <summary>True when the request carried <c>defaultRetention</c>; <see cref="DefaultRetention"/> null then removes it.</summary>
    public bool SetsDefaultRetention { get; init; }

    public DefaultRetention? DefaultRetention { get; init; }

    /// <summary>A new replication configuration (JSON object), or null to leave it.</summary>
    public string? ReplicationConfigurationJson { get; init; }

    /// <summary>A new default encryption mode (<c>none</c> or <c>SSE-B2</c>), or null to leave it.</summary>
    public string? DefaultServerSideEncryption { get; init; }

    /// <summary>Optimistic concurrency: the update applies only if the bucket is at this revision.</summary>
    public long? IfRevisionIs { get; init; }
}
