using Cairn.S3.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Objects;

/// <summary>GET /{bucket}/{key}?acl: an object has its bucket's ACL (B2 has no object ACLs); NoSuchKey when there is no such object.</summary>
public static class GetObjectAcl
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        var download = await AddressedVersion.FindAsync(call, bucket);
        call.Http.Response.Headers["x-amz-version-id"] = download.Version.FileId;
        await S3Xml.WriteAsync(call.Http, CannedAcl.Policy(download.Bucket));
    }
}
