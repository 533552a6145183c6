using Cairn.Core.Buckets;

namespace Cairn.S3.Buckets;

/// <summary>PUT /{bucket}?acl with <c>x-amz-acl: private | public-read</c>: b2_update_bucket's bucketType.</summary>
public static class PutBucketAcl
{
    public static async Task HandleAsync(S3Call call)
    {
        var type = CannedAcl.BucketTypeOf(CannedAcl.Requested(call.Http.Request));
        var bucket = await call.BucketAsync();
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId, new BucketChanges { BucketType = type }, call.Aborted);
        call.Http.Response.ContentLength = 0;
    }
}
