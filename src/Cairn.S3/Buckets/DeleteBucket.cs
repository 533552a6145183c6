using Cairn.Core.Buckets;

namespace Cairn.S3.Buckets;

/// <summary>DELETE /{bucket}: 204; Core refuses a bucket that still holds file versions (BucketNotEmpty).</summary>
public static class DeleteBucket
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        await call.Service<BucketService>().DeleteAsync(call.Principal, call.Principal.AccountId, bucket.BucketId, call.Aborted);
        call.Http.Response.StatusCode = 204;
    }
}
