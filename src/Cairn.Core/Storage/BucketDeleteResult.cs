namespace Cairn.Core.Storage;

/// <summary>What <see cref="IMetadataStore.DeleteBucketAsync"/> did.</summary>
public enum BucketDeleteResult
{
    Deleted,
    NotFound,
    /// <summary>The bucket still holds at least one version (upload, hide marker or unfinished large file).</summary>
    NotEmpty,
}
