using Cairn.Core.Buckets;
using Cairn.S3.Xml;

namespace Cairn.S3.Buckets;

/// <summary>
/// PUT /{bucket}: a private bucket, or a public one with the canned ACL <c>public-read</c> (B2's allPublic). A
/// LocationConstraint must name the configured region. <c>x-amz-bucket-object-lock-enabled: true</c> makes it
/// file-lock-enabled (Core asks for writeBucketRetentions).
/// </summary>
public static class CreateBucket
{
    public static async Task HandleAsync(S3Call call)
    {
        var headers = call.Http.Request.Headers;
        var acl = headers[CannedAcl.Header].ToString();
        var type = CannedAcl.BucketTypeOf(acl.Length == 0 ? CannedAcl.Private : acl);
        var fileLock = string.Equals(headers["x-amz-bucket-object-lock-enabled"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var configuration = await S3Xml.ReadAsync(call);
        var location = configuration is null ? null : S3Xml.Child(configuration, "LocationConstraint");
        var region = call.Service<S3Options>().Region;
        if (!string.IsNullOrEmpty(location) && location != region)
        {
            throw new S3Exception(400, "IllegalLocationConstraintException",
                $"The {location} location constraint is incompatible for the region specific endpoint this request was sent to ({region}).");
        }
        await call.Service<BucketService>().CreateAsync(call.Principal, call.Principal.AccountId,
            new NewBucket { BucketName = call.BucketName!, BucketType = type, FileLockEnabled = fileLock }, call.Aborted);
        call.Http.Response.Headers.Location = "/" + call.BucketName;
        call.Http.Response.ContentLength = 0;
    }
}
