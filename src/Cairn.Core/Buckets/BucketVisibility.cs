using Cairn.Core.Auth;
using Cairn.Core.Keys;

namespace Cairn.Core.Buckets;

/// <summary>Which guarded settings of a bucket its reader may see: each needs its own read capability.</summary>
public readonly record struct BucketVisibility(bool Encryption, bool FileLock, bool Replication)
{
    public static BucketVisibility Of(Principal reader) =>
        new(reader.Has(Capabilities.ReadBucketEncryption), reader.Has(Capabilities.ReadBucketRetentions), reader.Has(Capabilities.ReadBucketReplications));

    /// <summary>
    /// Asking for a bucket's default encryption on its own (S3's GetBucketEncryption) needs readBucketEncryption for
    /// that bucket; a listing merely leaves the setting out.
    /// </summary>
    public static void RequireEncryption(Principal reader, Bucket bucket) => reader.RequireBucket(Capabilities.ReadBucketEncryption, bucket.BucketId);

    /// <summary>Asking for a bucket's Object Lock configuration on its own needs readBucketRetentions for that bucket.</summary>
    public static void RequireFileLock(Principal reader, Bucket bucket) => reader.RequireBucket(Capabilities.ReadBucketRetentions, bucket.BucketId);
}
