namespace Cairn.Core.Keys;

/// <summary>
/// How a protocol can express a key's restrictions. B2's v1–v3 know one bucket (<c>bucketId</c>) and tie a name prefix
/// to it; v4 knows several buckets (<c>bucketIds</c>) and a prefix without a bucket. A key the caller's shape cannot
/// express is left out of listings and cannot be deleted through it, as on B2.
/// </summary>
public enum KeyRestrictionShape
{
    /// <summary>At most one bucket; a name prefix needs a bucket.</summary>
    SingleBucket,

    /// <summary>Any number of buckets; a name prefix may stand alone.</summary>
    MultiBucket,
}
