using Cairn.S3.Buckets;

namespace Cairn.S3.Objects;

/// <summary>
/// PUT /{bucket}/{key}?acl with <c>x-amz-acl</c>: B2 keeps ACLs per bucket, so the only ACL an object may be given is
/// its bucket's (a no-op, 200); another is refused.
/// </summary>
public static class PutObjectAcl
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        CannedAcl.Requested(call.Http.Request);
        var download = await AddressedVersion.FindAsync(call, bucket);
        CannedAcl.RequireBucketAcl(call.Http.Request.Headers, download.Bucket);
        call.Http.Response.Headers["x-amz-version-id"] = download.Version.FileId;
        call.Http.Response.ContentLength = 0;
    }
}
