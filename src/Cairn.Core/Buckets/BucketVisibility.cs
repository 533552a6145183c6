using Cairn.Core.Auth;
using Cairn.Core.Keys;

namespace Cairn.Core.Buckets;

/// <summary>Which guarded settings of a bucket its reader may see: each needs its own read capability.</summary>
public readonly record struct BucketVisibility(bool Encryption, bool FileLock, bool Replication)
{
    public static BucketVisibility Of(Principal reader) =>
        new(reader.Has(Capabilities.ReadBucketEncryption), reader.Has(Capabilities.ReadBucketRetentions), reader.Has(Capabilities.ReadBucketReplications));
}
