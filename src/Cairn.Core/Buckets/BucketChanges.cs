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

    /// <summary>Optimistic concurrency: the update applies only if the bucket is at this revision.</summary>
    public long? IfRevisionIs { get; init; }
}
