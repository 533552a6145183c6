using Cairn.B2.Wire;
using Cairn.Core.Keys;

namespace Cairn.B2.Keys;

/// <summary>Reads and writes application keys in the shape of the call's API version.</summary>
public static class KeyWriter
{
    private static readonly IReadOnlyList<string> S3Options = ["s3"];

    /// <summary>v4 expresses several buckets and a prefix without a bucket; v1–v3 do not.</summary>
    public static KeyRestrictionShape ShapeOf(B2Call call) =>
        call.Version >= 4 ? KeyRestrictionShape.MultiBucket : KeyRestrictionShape.SingleBucket;

    public static Task WriteAsync(B2Call call, ApplicationKey key, string? secret) =>
        call.Version >= 4
            ? call.WriteAsync(ToV4(key, secret), B2JsonContext.Default.KeyResponseV4)
            : call.WriteAsync(ToV1(key, secret), B2JsonContext.Default.KeyResponseV1);

    public static KeyResponseV1 ToV1(ApplicationKey key, string? secret) =>
        new(key.AccountId, secret, key.ApplicationKeyId, key.BucketIds is [var only] ? only : null, key.Capabilities,
            key.ExpirationTimestamp, key.KeyName, key.NamePrefix, S3Options);

    public static KeyResponseV4 ToV4(ApplicationKey key, string? secret) =>
        new(key.AccountId, secret, key.ApplicationKeyId, key.BucketIds, key.Capabilities,
            key.ExpirationTimestamp, key.KeyName, key.NamePrefix, S3Options);
}
