namespace Cairn.Core.Keys;

/// <summary>
/// How a protocol can express a key's restrictions. B2's v1–v3 know one bucket (<c>bucketId</c>); v4 knows several
/// (<c>bucketIds</c>). Either may carry a name prefix without a bucket, which then applies in every bucket (B2's
/// b2_create_key docs; both of Backblaze's simulators accept it). A key the caller's shape cannot express is left out
/// of listings and cannot be deleted through it, as on B2.
/// </summary>
public enum KeyRestrictionShape
{
    /// <summary>At most one bucket.</summary>
    SingleBucket,

    /// <summary>Any number of buckets.</summary>
    MultiBucket,
}
