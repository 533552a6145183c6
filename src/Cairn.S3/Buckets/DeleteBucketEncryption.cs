using Cairn.Core.Buckets;
using Cairn.Core.Encryption;

namespace Cairn.S3.Buckets;

/// <summary>DELETE /{bucket}?encryption: new files are no longer encrypted by default (defaultServerSideEncryption none); 204.</summary>
public static class DeleteBucketEncryption
{
    public static async Task HandleAsync(S3Call call)
    {
        var bucket = await call.BucketAsync();
        await call.Service<BucketService>().UpdateAsync(call.Principal, call.Principal.AccountId, bucket.BucketId,
            new BucketChanges { DefaultServerSideEncryption = SseModes.None }, call.Aborted);
        call.Http.Response.StatusCode = 204;
    }
}
