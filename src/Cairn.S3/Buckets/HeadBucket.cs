using Cairn.Core.Buckets;
using Cairn.Core.Errors;

namespace Cairn.S3.Buckets;

/// <summary>HEAD /{bucket}: 200 when the bucket exists and the key may see it, with its region.</summary>
public static class HeadBucket
{
    public static async Task HandleAsync(S3Call call)
    {
        await RequireVisibleAsync(call);
        call.Http.Response.Headers["x-amz-bucket-region"] = call.Service<S3Options>().Region;
        call.Http.Response.ContentLength = 0;
    }

    /// <summary>The bucket as b2_list_buckets would show it to this key; NoSuchBucket when it would not.</summary>
    public static async Task<Bucket> RequireVisibleAsync(S3Call call)
    {
        var found = await call.Service<BucketService>().ListAsync(call.Principal, call.Principal.AccountId, null, call.BucketName, null, filterToScope: false, call.Aborted);
        return found.Count == 1 ? found[0] : throw new CairnException(CairnError.BucketNotFound, "The specified bucket does not exist");
    }
}
