using Cairn.Core.Buckets;

namespace Cairn.S3.Buckets;

/// <summary>DELETE /{bucket}?cors: the bucket keeps no CORS rules (b2_update_bucket with an empty corsRules); 204.</summary>
public static class DeleteBucketCors
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId, new BucketChanges { CorsRulesJson = "[]" }, call.Aborted);
        call.Http.Response.StatusCode = 204;
    }
}
